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

/**
 * Pages of the scope read online, kept (the latest 50) for reading offline; never a page its server marks
 * `no-store` or `private` (an account page, say, when the scope is the whole site).
 */
const pages = new NetworkFirst({
  cacheName: 'py-async-run-pages',
  plugins: [
    {
      cacheWillUpdate: async ({ response }) =>
        response.status === 200 && !/no-store|private/i.test(response.headers.get('cache-control') ?? '')
          ? response
          : null,
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
  plugins: [new ExpirationPlugin({ maxEntries: 200, purgeOnQuotaError: true })],
});

/** `credentialless` or `require-corp` when pages should be cross-origin isolated (configure's option). */
const isolation = new URL(self.location.href).searchParams.get('isolate');

// The first install controls the page that registered it at once, so that page's reload works offline when
// it is precached (the demo pages); other pages of the scope are kept from their next load on.
// No skipWaiting: an update waits until no page uses the old version, so one page never mixes versions.
clientsClaim();
cleanupOutdatedCaches();
// Package caches of other Pyodide versions are of no use to this build.
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('py-async-run-packages-') && name !== packages.cacheName)
            .map((name) => caches.delete(name)),
        ),
      ),
  );
});

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

precacheAndRoute(self.__WB_MANIFEST);

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
registerRoute(
  ({ url }) => url.pathname.endsWith('-lock.json'),
  new NetworkFirst({ cacheName: 'py-async-run-lock-files' }),
);

/** A page or worker script from the precache (`/` as `/index.html`), else network first (see above). */
async function pageResponse(request: Request, event: ExtendableEvent): Promise<Response> {
  const url = new URL(request.url);
  url.search = '';
  const precached =
    (await matchPrecache(url.href)) ??
    (url.pathname.endsWith('/') ? await matchPrecache(`${url.href}index.html`) : undefined);
  if (precached) return precached;
  return request.mode === 'navigate' ? pages.handle({ request, event }) : fetch(request);
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
