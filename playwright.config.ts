import { defineConfig } from '@playwright/test';
// @ts-expect-error - plain JS helper shared with the wtr config
import { browserArgs, chromiumPath } from './test/browsers.js';

/** End-to-end flows against the built dist/ (run `npm run build` first; `npm test` does). */
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  timeout: 180_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath() as string, args: browserArgs as string[] },
  },
});
