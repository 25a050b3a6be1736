/// <reference lib="webworker" />
/**
 * The service worker: precaches the bundle, the runtime worker and Pyodide's core files so pages run
 * offline after the first visit. The precache list is injected at build time (`self.__WB_MANIFEST`).
 */
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] };

// The first install controls the page that registered it at once, so that page's reload works offline.
// No skipWaiting: an update waits until no page uses the old version, so one page never mixes versions.
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
