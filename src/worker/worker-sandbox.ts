/// <reference lib="webworker" />
/**
 * What a Python program may reach in the runtime worker. Python sees the worker's global scope as `js`, and a
 * program runs with the page origin's power: without this, one Run could send requests with the reader's
 * cookies, rewrite the precached runtime in Cache Storage (every later page load runs it), write memo entries
 * or a crafted start-up snapshot, and leave timers that run its code inside later elements' runs.
 *
 * Applied once the runtime has started and kept its own references (Pyodide's package loading uses fetch,
 * snapshot.ts Cache Storage), before the first program runs. This is a fence for honest code and casual
 * misuse, not a security boundary against a determined program: code you did not write belongs in the
 * cross-origin runner (`runnerOrigin`), where the origin has nothing to lose.
 */

/** Where a power lives: the worker's global scope, or its `navigator`. */
type Owner = 'global' | 'navigator';

/** The powers taken away from programs, each with the reason. */
const TAKEN_AWAY: readonly { owner: Owner; name: string; why: string }[] = [
  {
    owner: 'global',
    name: 'caches',
    why: 'Cache Storage holds the precached runtime and start-up snapshot.',
  },
  {
    owner: 'global',
    name: 'indexedDB',
    why: 'IndexedDB holds the memo store the page trusts for later runs.',
  },
  { owner: 'global', name: 'importScripts', why: "would run any script with the origin's power." },
  { owner: 'global', name: 'Worker', why: 'a nested worker would outlive the run and escape its timers.' },
  { owner: 'global', name: 'SharedWorker', why: 'a shared worker outlives the page and talks to its tabs.' },
  {
    owner: 'global',
    name: 'BroadcastChannel',
    why: "reaches the origin's other pages, workers and service worker.",
  },
  { owner: 'global', name: 'close', why: 'would end the runtime under every element of the page.' },
  {
    owner: 'global',
    name: 'postMessage',
    why: 'the page reads typed messages from this worker: a program must not forge them.',
  },
  { owner: 'navigator', name: 'serviceWorker', why: 'could register a service worker over the whole site.' },
  { owner: 'navigator', name: 'storage', why: 'the origin private file system and storage persistence.' },
  { owner: 'navigator', name: 'locks', why: "Web Locks are shared with the origin's other pages." },
];

/**
 * Removes `name` from `target` and every prototype it has, then makes sure it reads as undefined: the Web
 * IDL puts a [Global] scope's members on the object itself in some engines and on the prototypes in others
 * (WorkerNavigator's are always on its prototype).
 */
function remove(target: object, name: string): void {
  for (let owner: object | null = target; owner; owner = Object.getPrototypeOf(owner) as object | null) {
    if (Object.prototype.hasOwnProperty.call(owner, name)) Reflect.deleteProperty(owner, name);
  }
  if (Reflect.get(target, name) !== undefined) {
    Object.defineProperty(target, name, { value: undefined, configurable: false, writable: false });
  }
}

/** Takes the powers in TAKEN_AWAY from `scope`; returns the names still reachable (none, normally). */
export function takeAwayPowers(scope: WorkerGlobalScope): string[] {
  const left: string[] = [];
  for (const { owner, name } of TAKEN_AWAY) {
    const target: object = owner === 'global' ? scope : scope.navigator;
    try {
      remove(target, name);
    } catch {
      // A property the engine will not let go: reported below.
    }
    if (Reflect.get(target, name) !== undefined) left.push(owner === 'global' ? name : `navigator.${name}`);
  }
  return left;
}

/**
 * Gives `scope` an own, plain copy of the accessor globals Python libraries read through `js`. In Pyodide
 * 314.0.7 reading an accessor of the worker's global scope from Python (`js.crossOriginIsolated`,
 * `js.self`) throws "TypeError: Illegal invocation": the getter is called on another receiver. urllib3's
 * Emscripten backend (so requests) reads `js.crossOriginIsolated` before every request.
 */
export function plainGlobals(scope: WorkerGlobalScope, names: readonly string[]): void {
  for (const name of names) {
    const value: unknown = Reflect.get(scope, name);
    Object.defineProperty(scope, name, { value, configurable: true, writable: false });
  }
}

/** How much of the reader's credentials (cookies, HTTP auth) requests made by programs carry. */
export type RequestCredentials = 'omit' | 'same-origin' | 'include';

const RANK: Record<RequestCredentials, number> = { omit: 0, 'same-origin': 1, include: 2 };

/** The request's credentials mode held to the page's `allowed` one (fetch's default is 'same-origin'). */
function allowedCredentials(
  asked: RequestCredentials | undefined,
  allowed: RequestCredentials,
): RequestCredentials {
  const wanted = asked ?? 'same-origin';
  return RANK[wanted] <= RANK[allowed] ? wanted : allowed;
}

/** An error a program meets when it asks for something the page did not allow (a DOMException, as the web's own). */
function refused(api: string, allowed: RequestCredentials): DOMException {
  return new DOMException(
    `py-async-run: ${api} would send the reader's cookies, and the page allows requests from Python ` +
      `credentials '${allowed}' (configure({ requestCredentials }))`,
    'SecurityError',
  );
}

/** Whether a request to `url` would carry this page's cookies whatever its credentials mode says. */
function sameSite(url: string | URL, scope: WorkerGlobalScope): boolean {
  try {
    return new URL(url, scope.location.href).hostname === scope.location.hostname;
  } catch {
    return false;
  }
}

/**
 * The URL `url` (absolute or relative to the worker) is sent to after the page's host map (`mapURL`, see
 * http-fetch.ts's mappedURL): only http(s) URLs are mapped; anything unparsable is left for the API to refuse.
 */
function mapped(url: string, scope: WorkerGlobalScope, mapURL: (url: string) => string): string {
  try {
    const absolute = new URL(url, scope.location.href);
    return absolute.protocol === 'http:' || absolute.protocol === 'https:' ? mapURL(absolute.href) : url;
  } catch {
    return url;
  }
}

/**
 * Holds every request a program can make to the page's `allowed` credentials, and returns the worker's own
 * fetch, unchanged, for the runtime's requests (packages, bytecode) while `runtimeFetching()` says so.
 * A program's own fetch and XMLHttpRequest also go where the page's host map (`mapURL`) sends their URL, as
 * its sockets' requests do: urllib3 (so requests) fetches by itself in Pyodide, with XHR or fetch.
 *
 * - `fetch` (a URL or a `Request`): its credentials mode is lowered to `allowed`.
 * - `XMLHttpRequest` and `EventSource`: a same-origin request always carries cookies (their `withCredentials`
 *   only governs other origins), so one to this page's host is refused unless `allowed` is not 'omit'; to
 *   other origins, `withCredentials` stays false unless `allowed` is 'include'. Pyodide's `open_url` uses XHR.
 * - `WebSocket`: the handshake carries the host's cookies, so one to this page's host is refused under 'omit'.
 * - `navigator.sendBeacon`: always sends credentials, so it is gone unless `allowed` is 'include'.
 */
export function holdRequests(
  scope: WorkerGlobalScope,
  allowed: RequestCredentials,
  runtimeFetching: () => boolean,
  mapURL: (url: string) => string = (url) => url,
): typeof fetch {
  const own = scope.fetch.bind(scope);
  const held: typeof fetch = (input, init) => {
    if (runtimeFetching()) return own(input, init);
    const asked = init?.credentials ?? (input instanceof Request ? input.credentials : undefined);
    const credentials = allowedCredentials(asked, allowed);
    const url = input instanceof Request ? input.url : String(input);
    const target = mapped(url, scope, mapURL);
    const request = input instanceof Request ? new Request(target, input) : target;
    return own(new Request(request, { ...init, credentials }));
  };
  // The runtime wraps fetch while it loads packages, to count their bytes (download-count.ts); a program may
  // not: a fetch of its own would see, and could change, the packages later runs load.
  // Firefox keeps fetch on WorkerGlobalScope.prototype: a program could call that one with any credentials.
  for (
    let owner = Object.getPrototypeOf(scope) as object | null;
    owner;
    owner = Object.getPrototypeOf(owner) as object | null
  ) {
    if (Object.prototype.hasOwnProperty.call(owner, 'fetch')) Reflect.deleteProperty(owner, 'fetch');
  }
  let current = held;
  Object.defineProperty(scope, 'fetch', {
    configurable: false,
    get: () => current,
    set(value: typeof fetch) {
      if (!runtimeFetching()) throw new TypeError('py-async-run: fetch cannot be replaced by a program.');
      current = value;
    },
  });

  const globals = scope as unknown as Record<string, unknown>;
  const Xhr = globals.XMLHttpRequest as typeof XMLHttpRequest | undefined;
  if (Xhr) {
    const open = Xhr.prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
    const setCredentials = Object.getOwnPropertyDescriptor(Xhr.prototype, 'withCredentials')?.set;
    Object.defineProperty(Xhr.prototype, 'open', {
      value: function (this: XMLHttpRequest, ...args: unknown[]) {
        if (args.length > 1) args[1] = mapped(String(args[1]), scope, mapURL);
        if (allowed === 'omit' && sameSite(String(args[1]), scope))
          throw refused('this XMLHttpRequest', allowed);
        return open.apply(this, args);
      },
    });
    if (setCredentials) {
      Object.defineProperty(Xhr.prototype, 'withCredentials', {
        set(this: XMLHttpRequest, value: boolean) {
          setCredentials.call(this, allowed === 'include' && Boolean(value));
        },
      });
    }
  }

  replaceConstructor(scope, 'EventSource', (url: unknown, options?: EventSourceInit) => {
    if (allowed === 'omit' && sameSite(String(url), scope)) throw refused('this EventSource', allowed);
    return [url, { ...options, withCredentials: allowed === 'include' && Boolean(options?.withCredentials) }];
  });
  replaceConstructor(scope, 'WebSocket', (url: unknown, ...rest: unknown[]) => {
    if (allowed === 'omit' && sameSite(String(url), scope)) throw refused('this WebSocket', allowed);
    return [url, ...rest];
  });

  if (allowed !== 'include') remove(scope.navigator, 'sendBeacon');
  return own;
}

/**
 * Puts a checking stand-in for the global constructor `name`: `check` sees the arguments and returns the ones
 * to construct with. A Proxy rather than a subclass, and the prototype's `constructor` pointed at it: the
 * original would otherwise be one `Object.getPrototypeOf` or `.prototype.constructor` away.
 */
function replaceConstructor(
  scope: WorkerGlobalScope,
  name: string,
  check: (...args: never[]) => unknown[],
): void {
  const original = (scope as unknown as Record<string, unknown>)[name] as
    (new (...args: unknown[]) => object) | undefined;
  if (typeof original !== 'function') return;
  const held = new Proxy(original, {
    construct: (target, args, newTarget): object =>
      Reflect.construct(target, (check as (...args: unknown[]) => unknown[])(...args), newTarget),
  });
  Object.defineProperty(original.prototype, 'constructor', {
    value: held,
    configurable: false,
    writable: false,
  });
  Object.defineProperty(scope, name, { value: held, configurable: false, writable: false });
}

/** The worker's own timer functions, kept before programs' timers are tracked (see RunTimers). */
export interface OwnTimers {
  setTimeout: (callback: () => void, ms?: number) => number;
  clearTimeout: (id: number | undefined) => void;
}

/**
 * The timers a run made (`setTimeout`, `setInterval`, `requestAnimationFrame` from Python), cleared when it
 * ends: a timer left behind would run code of an ended run in a later element's run, writing into its output
 * or failing there. Timers made between runs (by the runtime itself) are not tracked.
 */
export class RunTimers {
  private readonly made = new Map<number, (id: number) => void>();
  private running = false;
  /**
   * Whether a timer's callback is a program's (a Python callable made into a JS function): only those are
   * tracked, since Pyodide's own event loop schedules timers during a run that later runs still need.
   */
  isProgramCallback: (callback: unknown) => boolean = () => true;

  /** Replaces the scope's timer functions with tracking ones; returns the originals for the worker. */
  constructor(scope: WorkerGlobalScope) {
    const target = scope as unknown as Record<string, unknown>;
    const track = (make: string, clear: string) => {
      const original = target[make] as ((...args: unknown[]) => number) | undefined;
      const cancel = target[clear] as ((id: number) => void) | undefined;
      if (typeof original !== 'function' || typeof cancel !== 'function') return;
      const ownMake = original.bind(scope);
      const ownCancel = cancel.bind(scope);
      target[make] = (...args: unknown[]) => {
        const id = ownMake(...args);
        if (this.running && this.isProgramCallback(args[0])) this.made.set(id, ownCancel);
        return id;
      };
      target[clear] = (id: number) => {
        this.made.delete(id);
        ownCancel(id);
      };
      return { make: ownMake, cancel: ownCancel };
    };
    const timeout = track('setTimeout', 'clearTimeout')!;
    track('setInterval', 'clearInterval');
    track('requestAnimationFrame', 'cancelAnimationFrame');
    this.own = {
      setTimeout: (callback, ms) => timeout.make(callback, ms),
      clearTimeout: (id) => id !== undefined && timeout.cancel(id),
    };
  }

  /** The worker's own setTimeout and clearTimeout (never tracked). */
  readonly own: OwnTimers;

  /** A run starts: timers made from now on are its own. */
  startRun(): void {
    this.running = true;
  }

  /** The run ended: every timer it made and left is cleared; returns how many. */
  endRun(): number {
    this.running = false;
    const left = this.made.size;
    for (const [id, cancel] of this.made) cancel(id);
    this.made.clear();
    return left;
  }
}
