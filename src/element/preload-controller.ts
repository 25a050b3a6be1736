import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { preloadRunner } from '../run/lazy.js';

/** What the controller needs from its element. */
export interface PreloadHost extends ReactiveControllerHost, HTMLElement {
  readonly preload: 'none' | 'visible' | 'eager';
  readonly autorun: boolean;
  run(): unknown;
}

/**
 * When Python starts loading: at once (`preload="eager"`, `autorun`), when the element scrolls into view
 * (`visible`), or on the first Run (`none`); and the run of an `autorun` element after its first render.
 */
export class PreloadController implements ReactiveController {
  private visibility: IntersectionObserver | null = null;
  private rendered = false;

  constructor(private readonly host: PreloadHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // An element that loads Python at once starts it before its first render: the runtime worker can only
    // start once the page's main thread is free, and the first frame's style and layout come next.
    if (this.host.preload === 'eager' || this.host.autorun) void preloadRunner();
  }

  /** After the first render: the autorun, or the preload that waits for it. */
  hostUpdated(): void {
    if (this.rendered) return;
    this.rendered = true;
    if (this.host.autorun) {
      // Code from `src` arrives later: run once it is there.
      void this.host.run();
    } else if (this.host.preload === 'eager') void preloadRunner();
    else if (this.host.preload === 'visible' && 'IntersectionObserver' in window) {
      this.visibility = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.visibility?.disconnect();
        this.visibility = null;
        void preloadRunner();
      });
      this.visibility.observe(this.host);
    }
  }

  hostDisconnected(): void {
    this.visibility?.disconnect();
  }
}
