import { trustedScriptURL } from './trusted-types.js';

/**
 * Registers the precaching service worker (sw.js beside the bundle) so pages work offline after the first
 * visit. Only when the bundle comes from the page's own origin (a service worker cannot be registered
 * from another origin), only where service workers exist, and only once a run or preload has started the
 * runtime and the runs queued by then have ended: installing precaches Pyodide (~12 MB), which a reader who
 * never clicks Run should not pay, and which should not compete with a first output.
 * Any failure degrades to working without it, said once on the console.
 */
export async function registerServiceWorker(
  swUrl: string,
  scope?: string,
): Promise<'registered' | 'skipped' | 'failed'> {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return 'skipped';
  if (new URL(swUrl).origin !== location.origin) return 'skipped';
  try {
    const { Workbox } = await import('workbox-window');
    // Through the element's Trusted Types policy: register() is a script URL sink.
    const workbox = new Workbox(trustedScriptURL(swUrl), { type: 'classic', ...(scope ? { scope } : {}) });
    await workbox.register();
    return 'registered';
  } catch (error) {
    console.warn(
      'py-async-run: the service worker could not be registered; pages will not work offline.',
      error,
    );
    return 'failed';
  }
}
