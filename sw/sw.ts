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

/** Pages of the scope read online, kept (the latest 50) for reading offline. */
const pages = new NetworkFirst({
  cacheName: 'py-async-run-pages',
  plugins: [new ExpirationPlugin({ maxEntries: 50, purgeOnQuotaError: true })],
});

/** `credentialless` or `require-corp` when pages should be cross-origin isolated (configure's option). */
const isolation = new URL(self.location.href).searchParams.get('isolate');

// The first install controls the page that registered it at once, so that page's reload works offline.
// No skipWaiting: an update waits until no page uses the old version, so one page never mixes versions.
clientsClaim();
cleanupOutdatedCaches();

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

// Package files (wheels, and the zip/tar archives older Pyodide packages use) are fetched on a run's demand;
// their file names carry name and version, so a cached copy is never stale: cache first, kept for offline.
registerRoute(
  ({ url }) => url.origin === self.location.origin && /\.(whl|zip|tar|tgz|tar\.gz)$/.test(url.pathname),
  new CacheFirst({
    cacheName: 'py-async-run-packages',
    plugins: [new ExpirationPlugin({ maxEntries: 200, purgeOnQuotaError: true })],
  }),
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
