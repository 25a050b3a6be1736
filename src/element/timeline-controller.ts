import { nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Timeline } from '../timeline/model.js';

type TimelineView = typeof import('./timeline-view.js');

/**
 * The task timeline (`timeline`): its view and styles, loaded when the attribute is first set (most embeds
 * never draw one), and whether its table is open.
 */
export class TimelineController implements ReactiveController {
  private view: TimelineView | null = null;
  private loading: Promise<void> | null = null;
  private tableOpen = false;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  /** Loads the view and adds its styles, once; a failed load is said once and tried again later. */
  load(): Promise<void> {
    if (this.view) return Promise.resolve();
    this.loading ??= import('./timeline-view.js').then(
      (view) => {
        const root = this.host.shadowRoot;
        const sheet = view.timelineStyles.styleSheet;
        if (root && sheet && 'adoptedStyleSheets' in root) {
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        } else if (root) {
          const style = document.createElement('style');
          style.textContent = view.timelineStyles.cssText;
          root.append(style);
        }
        this.view = view;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.loading = null;
        console.warn('py-async-run: the timeline could not be loaded.', error);
      },
    );
    return this.loading;
  }

  /** Nothing to set up: the view, once loaded, stays for the element's life. */
  hostConnected(): void {}

  render(timeline: Timeline | null) {
    if (!timeline || !this.view) return nothing;
    return this.view.renderTimeline(timeline, this.tableOpen, (open) => {
      this.tableOpen = open;
      this.host.requestUpdate();
    });
  }
}
