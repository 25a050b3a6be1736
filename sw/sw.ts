/// <reference lib="webworker" />
/**
 * The service worker: precaches the bundle, the runtime worker and Pyodide's core files so pages run
 * offline after the first visit. The precache list is injected at build time (`self.__WB_MANIFEST`).
 */
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Parameters<typeof precacheAndRoute>[0] };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
