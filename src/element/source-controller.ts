import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { codeFromElement, fetchProgram, releaseTrailingContent } from './code-source.js';

/** What the controller needs from its element. */
export interface SourceHost extends ReactiveControllerHost, HTMLElement {
  readonly code: string | undefined;
  readonly src: string | undefined;
}

/**
 * Where the element's code comes from: the `code` property, its children, or the file at `src` (fetched here;
 * the latest `src` wins whatever answers last). Children parsed after the element upgraded render again.
 */
export class SourceController implements ReactiveController {
  /** The program fetched from `src`, null until it is there. */
  loaded: string | null = null;
  /** Why the latest `src` gave no program, shown instead of running an empty one. */
  private error: string | null = null;
  private settled: Promise<void> = Promise.resolve();
  /** The request of the latest `src`: a newer `src` aborts it. */
  private request: AbortController | null = null;

  constructor(
    private readonly host: SourceHost,
    /** The latest `src` loaded (error null) or failed (a sentence saying why). */
    private readonly onSettled: (error: string | null) => void,
  ) {
    host.addController(this);
  }

  /** The code the element was given (before any edit): its own, else the file at `src`, else nothing. */
  get code(): string {
    return this.own() ?? this.loaded ?? '';
  }

  hostConnected(): void {
    releaseTrailingContent(this.host);
    // Children (the code) may be parsed after the element upgrades: render again once they are in.
    if (!this.host.code && document.readyState === 'loading') {
      document.addEventListener(
        'DOMContentLoaded',
        () => {
          releaseTrailingContent(this.host);
          this.host.requestUpdate();
        },
        { once: true },
      );
    }
  }

  /** `src` changed: fetch the new file, or forget the old one. */
  srcChanged(): void {
    if (this.host.src && !this.own()) void this.load(this.host.src);
    else if (!this.host.src) {
      this.request?.abort();
      this.settled = Promise.resolve();
      this.loaded = this.error = null;
    }
  }

  /**
   * For a run: waits for the file at `src` still on its way (autorun, an early click), asking again for one
   * that failed. Resolves with a sentence saying why there is no program, or null.
   */
  async unavailable(): Promise<string | null> {
    if (!this.host.src || this.own()) return null;
    if (this.error) void this.load(this.host.src);
    // However often `src` changed meanwhile, the latest one counts.
    let loading: Promise<void>;
    do {
      loading = this.settled;
      await loading;
    } while (loading !== this.settled);
    return this.error;
  }

  private own(): string | null {
    return codeFromElement(this.host, this.host.code);
  }

  private load(src: string): Promise<void> {
    this.request?.abort();
    const request = new AbortController();
    this.request = request;
    this.loaded = null;
    this.host.requestUpdate();
    this.settled = fetchProgram(src, request.signal).then((loaded) => {
      if (request.signal.aborted) return;
      this.error = 'error' in loaded ? loaded.error : null;
      this.loaded = 'code' in loaded ? loaded.code : null;
      this.host.requestUpdate();
      this.onSettled(this.error);
    });
    return this.settled;
  }
}
