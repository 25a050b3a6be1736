/// <reference lib="webworker" />
/**
 * The service worker: precaches the bundle, the runtime worker and Pyodide's core files so pages run
 * offline after the first visit (the precache list is injected at build time, `self.__WB_MANIFEST`), keeps
 * the package files runs fetch and the pages of its scope a reader opened, and, when registered with
 * `?isolate=...`, serves those pages cross-origin isolated.
 */
import { clientsClaim } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] };
/** Pyodide's version, set at build time (vite.config.ts). */
declare const __PYODIDE_VERSION__: string;

/** The precache list (read once: the build replaces this one mention of it). */
const builtList = self.__WB_MANIFEST;
const entryURL = (entry: (typeof builtList)[number]) => (typeof entry === 'string' ? entry : entry.url);
/**
 * Pages and styles the build found beside the bundle (the demo's, in a build of this repository): the npm
 * package carries none of them, so they are precached when they are there, and their absence fails
 * nothing. The runner page is the runtime's own.
 */
const isSitePage = (url: string) => /\.(?:html|css)$/.test(url) && !url.endsWith('runner.html');
/** The runtime's files: every one is needed, so one that fails to load fails the install. */
const manifest = builtList.filter((entry) => !isSitePage(entryURL(entry)));
/** The site pages of this build: where they are, and a cache named by their revisions. */
const sitePageEntries = builtList.filter((entry) => isSitePage(entryURL(entry)));
const sitePageURLs = sitePageEntries.map((entry) => new URL(entryURL(entry), self.location.href).href);
const SITE_PAGES_CACHE = `py-async-run-site-pages-${versionOf(sitePageEntries)}`;

/** A short name for a list of precache entries (their URLs and revisions): a new build's differs. */
function versionOf(entries: typeof builtList): string {
  let hash = 0;
  for (const entry of entries) {
    for (const char of typeof entry === 'string' ? entry : `${entry.url}#${entry.revision ?? ''}`)
      hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  }
  return (hash >>> 0).toString(36);
}

/**
 * Keeps the site pages that are there, each on its own (Workbox's precache fails the whole install for
 * one missing file). In a cache of this build's own: a waiting update never changes what the active one
 * serves.
 */
async function keepSitePages(): Promise<void> {
  const cache = await caches.open(SITE_PAGES_CACHE);
  await Promise.allSettled(
    sitePageURLs.map(async (url) => {
      const response = await fetch(url, { cache: 'reload' });
      if (response.ok) await cache.put(url, response);
    }),
  );
}

/** A site page of this build from its cache, if it was there. */
async function matchSitePage(url: string): Promise<Response | undefined> {
  if (!sitePageURLs.includes(url)) return undefined;
  return (await caches.open(SITE_PAGES_CACHE)).match(url);
}

/** The cache of the pages a reader opened (see `pages`). */
const PAGES_CACHE = 'py-async-run-pages';

/**
 * Whether a response may be kept for later: a 200 its server does not mark `no-store` (nor, for pages,
 * `private`: an account page, say, when the scope is the whole site).
 */
function keepable(response: Response, page: boolean): boolean {
  const cacheControl = response.headers.get('cache-control') ?? '';
  return response.status === 200 && !(page ? /no-store|private/i : /no-store/i).test(cacheControl);
}

/**
 * Whether a page's content depends on who asks: `Vary` on `Cookie`, `Authorization` or `*`, or a cookie
 * it set. A service worker never sees `Set-Cookie` (the browser hides it from scripts), so a cookie the
 * fetch changed is looked for in `cookieStore` where there is one; that misses HttpOnly cookies, which is
 * why the README asks such pages to say `private` or `no-store` too.
 */
function personal(response: Response, cookiesBefore: string | null, cookiesAfter: string | null): boolean {
  const vary = response.headers.get('vary') ?? '';
  return (
    /(^|,)\s*(\*|cookie|authorization)\s*(,|$)/i.test(vary) ||
    response.headers.has('set-cookie') ||
    cookiesBefore !== cookiesAfter
  );
}

/** The origin's cookies visible here, as one string to compare; null where there is no `cookieStore`. */
async function cookieText(): Promise<string | null> {
  const store = (
    self as unknown as { cookieStore?: { getAll(): Promise<{ name: string; value: string }[]> } }
  ).cookieStore;
  if (!store) return null;
  try {
    return (await store.getAll()).map(({ name, value }) => `${name}=${value}`).join('; ');
  } catch {
    return null;
  }
}

/** For each page fetch: the cookies before it, and whether a newer version of this service worker waits. */
const pageFetches = new WeakMap<Event, { cookies: Promise<string | null>; newer: Promise<boolean> }>();

/**
 * Pages of the scope read online, kept (the latest 50) for reading offline; never one its server marks
 * `no-store` or `private`, one that depends on cookies or credentials (see `personal`), nor one fetched
 * once a newer version of the site is deployed (see `pageResponse`).
 */
const pages = new NetworkFirst({
  cacheName: PAGES_CACHE,
  plugins: [
    {
      cacheWillUpdate: async ({ event, response }) => {
        if (!keepable(response, true)) return null;
        const fetched = event ? pageFetches.get(event) : undefined;
        const [before, after, newer] = await Promise.all([
          fetched?.cookies ?? null,
          fetched ? cookieText() : null,
          fetched?.newer ?? false,
        ]);
        return personal(response, before, after) || newer ? null : response;
      },
    },
    new ExpirationPlugin({ maxEntries: 50, purgeOnQuotaError: true }),
  ],
});

/**
 * Package files the runtime fetched. Pyodide's packages do not all carry a version in their names (its
 * `-tests.zip` archives), so the cache is per Pyodide version: a build with another Pyodide starts anew.
 */
const packages = new CacheFirst({
  cacheName: `py-async-run-packages-${__PYODIDE_VERSION__}`,
  plugins: [
    { cacheWillUpdate: async ({ response }) => (keepable(response, false) ? response : null) },
    new ExpirationPlugin({ maxEntries: 200, purgeOnQuotaError: true }),
  ],
});

/**
 * Standard library modules the runtime fetched on first import (`assets/stdlib-<hash>/...`, see
 * src/worker/stdlib.ts): kept for offline use. Their folder is named by the build's split, so a kept file
 * never goes stale; another build's are dropped on activation.
 */
const STDLIB_CACHE = 'py-async-run-stdlib';
const stdlib = new CacheFirst({
  cacheName: STDLIB_CACHE,
  plugins: [
    { cacheWillUpdate: async ({ response }) => (keepable(response, false) ? response : null) },
    new ExpirationPlugin({ maxEntries: 1000, purgeOnQuotaError: true }),
  ],
});
/** The folder of this build's stdlib modules, from its start-up zip in the precache list. */
const stdlibFolder = manifest
  .map(entryURL)
  .map((url) => /(?:^|\/)assets\/(stdlib-[0-9a-f]+)\.zip$/.exec(url)?.[1])
  .find((name) => name !== undefined);

/** `credentialless` or `require-corp` when pages should be cross-origin isolated (configure's option). */
const isolation = new URL(self.location.href).searchParams.get('isolate');

// The first install controls the page that registered it at once, so that page's reload works offline when
// it is precached (the demo pages); other pages of the scope are kept from their next load on.
// No skipWaiting: an update waits until no page uses the old version, so one page never mixes versions.
clientsClaim();
cleanupOutdatedCaches();
self.addEventListener('install', (event) => event.waitUntil(keepSitePages()));
// Package caches of other Pyodide versions are of no use to this build, nor stdlib files of another split,
// nor another build's site pages.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter(
              (name) =>
                (name.startsWith('py-async-run-packages-') && name !== packages.cacheName) ||
                (name.startsWith('py-async-run-site-pages-') && name !== SITE_PAGES_CACHE),
            )
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => dropOtherStdlibFiles()),
  );
});

/** Deletes kept stdlib files that are not of this build's split. */
async function dropOtherStdlibFiles(): Promise<void> {
  const cache = await caches.open(STDLIB_CACHE);
  for (const request of await cache.keys()) {
    if (!stdlibFolder || !new URL(request.url).pathname.includes(`/${stdlibFolder}/`))
      await cache.delete(request);
  }
}

const embedder = isolation === 'credentialless' || isolation === 'require-corp' ? isolation : null;

// Pages in the scope: from the precache (the demo pages), else network first, keeping a copy so a page read
// once opens offline too. Registered before the precache route, so precached pages get isolation headers.
// Worker scripts come here only for isolation: an isolated page may only start workers whose script says
// it is fit for isolation.
registerRoute(
  ({ request, url }) =>
    url.origin === self.location.origin &&
    (request.mode === 'navigate' ||
      (embedder !== null && (request.destination === 'worker' || request.destination === 'sharedworker'))),
  async ({ request, event }) => {
    const response = await pageResponse(request, event as ExtendableEvent);
    return embedder ? isolated(response, embedder) : response;
  },
);

precacheAndRoute(manifest);

// Package files (wheels, and Pyodide's zip archives) the runtime worker fetches, from this site or a CDN
// (`packageIndexURL`): cache first, for offline. Only the worker's fetches: a zip the site's own pages
// download is none of ours. A lock file of the site's own (`lockFileURL`) is kept network first.
registerRoute(
  ({ url }) => /\.(whl|zip)$/.test(url.pathname),
  async ({ request, event }) => {
    const fetchEvent = event as FetchEvent;
    const client = fetchEvent.clientId ? await self.clients.get(fetchEvent.clientId) : undefined;
    if (!client || !/\/worker-[^/]*\.js$/.test(new URL(client.url).pathname)) return fetch(request);
    return packages.handle({ request, event: fetchEvent });
  },
);
// Standard library modules, fetched by the runtime worker on first import (a synchronous request: a
// service worker sees it like any other).
registerRoute(
  ({ url }) =>
    url.origin === self.location.origin && /\/assets\/stdlib-[0-9a-f]+\/.+\.py$/.test(url.pathname),
  stdlib,
);
registerRoute(
  ({ url }) => url.pathname.endsWith('-lock.json'),
  new NetworkFirst({
    cacheName: 'py-async-run-lock-files',
    plugins: [{ cacheWillUpdate: async ({ response }) => (keepable(response, false) ? response : null) }],
  }),
);

/** A page or worker script from the precache (`/` as `/index.html`), else network first (see above). */
async function pageResponse(request: Request, event: ExtendableEvent): Promise<Response> {
  const url = new URL(request.url);
  url.search = '';
  const precachedAt = async (href: string) => (await matchPrecache(href)) ?? (await matchSitePage(href));
  const precached =
    (await precachedAt(url.href)) ??
    (url.pathname.endsWith('/') ? await precachedAt(`${url.href}index.html`) : undefined);
  if (precached) return precached;
  if (request.mode !== 'navigate') return fetch(request);
  // This version's bundle stays until no page uses it (no skipWaiting), but a page not precached comes
  // from the network: once the site is deployed anew, that page would be the new one, run by the old
  // bundle. So when a copy of the page is kept, the update check runs beside the page's fetch, and when a
  // newer version is found the tab gets that copy, the one this bundle was made for. Without a copy there
  // is nothing else to give, and no check is paid for.
  const kept = await (await caches.open(PAGES_CACHE)).match(request);
  const fetched = { cookies: cookieText(), newer: kept ? newerVersionDeployed() : Promise.resolve(false) };
  pageFetches.set(event, fetched);
  const [response, newer] = await Promise.all([pages.handle({ request, event }), fetched.newer]);
  return newer && kept ? kept : response;
}

/**
 * Whether a newer version of this service worker is installing or waiting, after asking the server for
 * sw.js (its bytes change with every build: the precache list holds each file's revision). Bounded, so
 * a slow or failed check never holds a page back; false then.
 */
async function newerVersionDeployed(): Promise<boolean> {
  const registration = self.registration;
  const waiting = () => Boolean(registration.waiting ?? registration.installing);
  if (waiting()) return true;
  try {
    await Promise.race([registration.update(), new Promise((resolve) => setTimeout(resolve, 3000))]);
  } catch {
    return false; // offline, or sw.js gone (the page side unregisters then: see service-worker.ts)
  }
  return waiting();
}

/**
 * The page with the headers that make it cross-origin isolated (SharedArrayBuffer: Stop without ending the
 * runtime, input() without stack switching). `credentialless` still lets the page show images from other
 * sites; iframes from other sites must send their own COEP header either way.
 */
function isolated(response: Response, embedder: string): Response {
  if (response.status === 0 || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Embedder-Policy', embedder);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
