/** Where the test browsers are and how they start here (see README: PY_ASYNC_RUN_CHROMIUM overrides). */
import { existsSync } from 'node:fs';

/** The Chromium binary: $PY_ASYNC_RUN_CHROMIUM, else the system one. */
export function chromiumPath() {
  if (process.env.PY_ASYNC_RUN_CHROMIUM) return process.env.PY_ASYNC_RUN_CHROMIUM;
  for (const path of ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(path)) return path;
  }
  return '/usr/bin/chromium';
}

/** Flags that keep Chromium quiet and working as root on a closed network. */
export const browserArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
