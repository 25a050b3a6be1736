/// <reference lib="webworker" />
/**
 * The browser's side of a Python program's HTTP connection to a host on the web (py_async_run/web_peer.py):
 * each request the program's library wrote is sent with fetch, to the URL the page's host map names for it
 * (`configure({ hosts })`), and the answer is reported back to Python as it arrives: head, body chunks
 * (already decoded by the browser), end. When the browser refuses the request, the report says which refusal
 * it was, for the program's error and its tip.
 */

/** A request as Python's web peer hands it over (web_peer.py's FetchRequest). */
export interface HttpRequest {
  method: string;
  url: string;
  headers: [string, string][];
  body?: Uint8Array | null;
}

/** Why the browser refused a request; web_peer.py words each, tips/rules.ts explains it. */
export type HttpRefusal = 'cors' | 'mixed-content' | 'csp' | 'offline' | 'network';

/**
 * Python's report function (a PyProxy): `head`, `data` (any number), then `end` or `error`. Destroyed here
 * after the last event or an abort: nothing else holds it.
 */
export interface HttpSink {
  (event: 'head', status: number, reason: string, headers: [string, string][]): void;
  (event: 'data', chunk: Uint8Array): void;
  (event: 'end'): void;
  (event: 'error', kind: HttpRefusal | 'broken', message: string): void;
  destroy?(): void;
}

/** The page's host map: `host` or `host:port` to the base URL its requests go to instead. */
export type HostMap = Readonly<Record<string, string>>;

/**
 * Request headers fetch must not be given: the browser sets them itself (framing, the connection, the
 * encodings it accepts, cookies) or refuses them. User-Agent is allowed but is not a CORS-safelisted header:
 * every library sends its own, which would make every cross-origin request need a preflight.
 */
const HEADERS_DROPPED = new Set([
  'accept-charset',
  'accept-encoding',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'via',
]);

/** Response header names as servers usually write them (fetch gives them in lower case). */
const HEADER_CASE: Readonly<Record<string, string>> = {
  etag: 'ETag',
  'www-authenticate': 'WWW-Authenticate',
};

/** `content-type` as `Content-Type`: how an HTTP/1.1 server writes it, which is what a program prints. */
export function headerCase(name: string): string {
  return (
    HEADER_CASE[name] ??
    name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase())
  );
}

/**
 * The URL a request to `url` is sent to: the host map's base URL for its `host:port` or `host`, followed by
 * the request's path and query; `url` itself when the map names neither.
 */
export function mappedURL(url: string, hosts: HostMap): string {
  const parsed = new URL(url);
  const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
  const base = hosts[`${parsed.hostname}:${port}`] ?? hosts[parsed.hostname];
  if (base === undefined) return url;
  return base.replace(/\/+$/, '') + parsed.pathname + parsed.search;
}

/** Whether `host` is this machine's: a secure page may still fetch it over http (not mixed content). */
function loopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host.startsWith('127.');
}

/** Sends the requests of Python's web connections with fetch (see the file's comment). */
export class HttpFetcher {
  /** The page's host map (`configure({ hosts })`), set when the runtime is set up. */
  hosts: HostMap = {};
  /** URLs the page's Content Security Policy blocked lately, as the worker heard of them. */
  private readonly blocked = new Set<string>();

  constructor(private readonly scope: WorkerGlobalScope) {
    // Fired at the worker's global scope when its policy blocks a fetch (not in the worker's event map type).
    scope.addEventListener('securitypolicyviolation', (event) => {
      this.blocked.add((event as SecurityPolicyViolationEvent).blockedURI);
    });
  }

  /**
   * Whether a program's connection to `host`:`port` is sent with fetch: the web's ports 80 and 443, and any
   * `host:port` the host map names (a local test server on 8080, say). Other ports stay unreachable, as a
   * browser cannot speak anything but HTTP to them.
   */
  reaches(host: string, port: number): boolean {
    return port === 80 || port === 443 || Object.hasOwn(this.hosts, `${host}:${port}`);
  }

  /** Starts `request`, reporting to `sink`; the returned `abort()` stops it, after which `sink` hears nothing. */
  fetch(request: HttpRequest, sink: HttpSink): { abort(): void } {
    const controller = new AbortController();
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      sink.destroy?.();
    };
    void this.exchange(request, sink, controller.signal).finally(finish);
    return {
      abort: () => {
        controller.abort();
        finish();
      },
    };
  }

  private async exchange(request: HttpRequest, sink: HttpSink, signal: AbortSignal): Promise<void> {
    const url = mappedURL(request.url, this.hosts);
    const headers = new Headers();
    for (const [name, value] of request.headers) {
      const lower = name.toLowerCase();
      if (!HEADERS_DROPPED.has(lower) && !lower.startsWith('proxy-') && !lower.startsWith('sec-'))
        headers.append(name, value);
    }
    const bodiless = request.method === 'GET' || request.method === 'HEAD';
    let response: Response;
    try {
      response = await this.scope.fetch(url, {
        method: request.method,
        headers,
        // A copy: the bytes must not be a view of Python's memory, which may move while fetch reads them.
        body: bodiless || !request.body ? null : request.body.slice(),
        signal,
        // The browser follows redirects: a program cannot, as a manual redirect's answer hides its Location.
        redirect: 'follow',
      });
    } catch (error) {
      if (signal.aborted) return;
      const kind = await this.refusal(url);
      if (signal.aborted) return;
      sink('error', kind, error instanceof Error ? error.message : String(error));
      return;
    }
    if (signal.aborted) return;
    const exposed: [string, string][] = [...response.headers].map(([name, value]) => [
      headerCase(name),
      value,
    ]);
    const reader = response.body?.getReader();
    try {
      // The head waits for the body's first chunk (or its end), so that Python, woken once, reads both: each
      // wake costs the program's loop a step.
      let next = reader ? await reader.read() : { done: true as const, value: undefined };
      if (signal.aborted) return;
      sink('head', response.status, response.statusText, exposed);
      while (!next.done) {
        if (next.value.byteLength) sink('data', next.value);
        next = await reader!.read();
        if (signal.aborted) return;
      }
    } catch (error) {
      if (!signal.aborted) sink('error', 'broken', error instanceof Error ? error.message : String(error));
      return;
    }
    sink('end');
  }

  /**
   * Which refusal a failed fetch of `url` was: fetch says only "TypeError: Failed to fetch". Offline and
   * mixed content show in the URL and the browser's state; otherwise a `no-cors` HEAD of the same URL tells
   * a host that answers without CORS headers (an opaque answer comes) from one that cannot be reached, and a
   * Content Security Policy violation event names what the page's policy blocked.
   */
  private async refusal(url: string): Promise<HttpRefusal> {
    const target = new URL(url);
    if (this.scope.navigator.onLine === false) return 'offline';
    if (
      target.protocol === 'http:' &&
      this.scope.location.protocol === 'https:' &&
      !loopback(target.hostname)
    )
      return 'mixed-content';
    if (this.blockedNow(url)) return 'csp';
    try {
      await this.scope.fetch(url, { method: 'HEAD', mode: 'no-cors', credentials: 'omit' });
      return 'cors';
    } catch {
      // The violation event may come a task after the fetch failed.
      await new Promise((resolve) => setTimeout(resolve, 0));
      return this.blockedNow(url) ? 'csp' : 'network';
    }
  }

  private blockedNow(url: string): boolean {
    const origin = new URL(url).origin;
    for (const blocked of this.blocked) if (blocked === url || blocked.startsWith(origin)) return true;
    return false;
  }
}
