/**
 * Waiting in browser tests: for a condition, never for a fixed time. A fixed sleep is either too short on a
 * loaded machine (a flaky test) or longer than needed everywhere else (a slow one).
 */
import { waitUntil } from '@open-wc/testing';

/**
 * Waits until `condition` holds, checking every 20 ms; after `timeout` ms it fails with a message naming
 * `what` was awaited.
 */
export function until(condition: () => unknown, what: string, timeout = 30_000): Promise<void> {
  return waitUntil(condition, `${what}: not in ${timeout / 1000} s`, { timeout, interval: 20 });
}

/**
 * Resolves after the tasks queued so far: every pending promise callback has run by then. Not a sleep: it
 * waits for work already started, not for time to pass.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Resolves once an image of ours, asked for now, has failed (or loaded): a forged `<img src=x onerror=...>`
 * drawn before this call loads the same URL and so runs its handler no later. A test checking that no
 * handler ran waits for this instead of a fixed time.
 */
export function imageSettled(src = 'x'): Promise<void> {
  const image = new Image();
  const settled = new Promise<void>((resolve) => {
    image.addEventListener('error', () => resolve(), { once: true });
    image.addEventListener('load', () => resolve(), { once: true });
  });
  image.src = src;
  return settled;
}
