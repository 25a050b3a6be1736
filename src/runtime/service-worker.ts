import { trustedScriptURL } from './trusted-types.js';

/**
 * Registers the precaching service worker (sw.js beside the bundle) so pages work offline after the first
 * visit. Only when the bundle comes from the page's own origin (a service worker cannot be registered
 * from another origin), only where service workers exist, and only once a run or preload has started the
 * runtime and the runs queued by then have ended: installing precaches Pyodide (~12 MB), which a reader who
 * never clicks Run should not pay, and which should not compete with a first output.
 * On a later visit it asks for sw.js once: a site that removed it (404 or 410) gets the service worker
 * unregistered and its caches dropped (see dropIfRemoved).
 * Any failure degrades to working without it, said once on the console.
 */
export async function registerServiceWorker(
  swUrl: string,
  scope?: string,
): Promise<'registered' | 'removed' | 'skipped' | 'failed'> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return 'skipped';
  if (new URL(swUrl).origin !== location.origin) return 'skipped';
  try {
    const { Workbox } = await import('workbox-window');
    // Through the element's Trusted Types policy: register() is a script URL sink.
    const workbox = new Workbox(trustedScriptURL(swUrl), { type: 'classic', ...(scope ? { scope } : {}) });
    const registration = await workbox.register();
    // Registering the same script again does not fetch it, and on a 404 the browser's own update check
    // keeps the old worker, forever: so a registration that was already active checks once itself.
    if (registration?.active) {
      const updated = await registration.update().then(
        () => true,
        () => false,
      );
      if (!updated && (await dropIfRemoved(swUrl))) return 'removed';
    }
    return 'registered';
  } catch (error) {
    if (await dropIfRemoved(swUrl)) return 'removed';
    console.warn(
      'py-async-run: the service worker could not be registered; pages will not work offline.',
      error,
    );
    return 'failed';
  }
}

/** The caches the service worker fills (sw/sw.ts): Workbox's precache of a scope, and the ones it names. */
function serviceWorkerCache(name: string, scopes: readonly string[]): boolean {
  return (
    scopes.some((scope) => name === `workbox-precache-v2-${scope}`) ||
    name === 'py-async-run-pages' ||
    name.startsWith('py-async-run-site-pages-') ||
    name === 'py-async-run-lock-files' ||
    name === 'py-async-run-stdlib' ||
    name.startsWith('py-async-run-packages-')
  );
}

/**
 * When the server answers 404 or 410 for sw.js (the site removed it), unregisters every registration of
 * that script and deletes its caches; returns whether it did. A network failure (offline) removes nothing.
 * The start-up snapshot (the runtime worker's, not the service worker's) stays.
 */
async function dropIfRemoved(swUrl: string): Promise<boolean> {
  const response = await fetch(swUrl, { cache: 'no-store' }).catch(() => null);
  if (response?.status !== 404 && response?.status !== 410) return false;
  const script = new URL(swUrl);
  script.search = '';
  const ours = (await navigator.serviceWorker.getRegistrations()).filter((registration) => {
    const worker = registration.active ?? registration.waiting ?? registration.installing;
    if (!worker) return false;
    const url = new URL(worker.scriptURL);
    url.search = '';
    return url.href === script.href;
  });
  if (ours.length === 0) return false;
  await Promise.all(ours.map((registration) => registration.unregister()));
  const scopes = ours.map((registration) => registration.scope);
  const names = await caches.keys();
  await Promise.all(
    names.filter((name) => serviceWorkerCache(name, scopes)).map((name) => caches.delete(name)),
  );
  console.warn(
    `py-async-run: ${swUrl} is gone (${response.status}); its service worker and caches were removed.`,
  );
  return true;
}
