#!/usr/bin/env node
/**
 * `npm test`: builds dist/ (`npm run build`: the bundle, the Node entry, types, manifest), then runs every
 * suite and prints the totals.
 *   1. the package in Node (node --test: server-side import, types, manifest, `npm pack` contents),
 *   2. unit and component tests (web-test-runner, Chromium, real Pyodide),
 *   3. end-to-end flows (Playwright, Chromium, against dist/),
 *   4. the engine suite (Firefox ESR and WebKitGTK; WebKit under xvfb-run when it is installed).
 * Ends with the line `N passed, N failed` (all suites) and exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const bin = (name) => `node_modules/.bin/${name}`;
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', FORCE_COLOR: '0' };
const results = [];

function step(name, command, args, counts) {
  console.log(`\n=== ${name}: ${[command, ...args].join(' ')}`);
  const t0 = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env });
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  const { passed, failed } = counts ? counts(run.status) : { passed: 0, failed: run.status === 0 ? 0 : 1 };
  results.push({ name, passed, failed, seconds, status: run.status });
}

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

rmSync('test-results', { recursive: true, force: true });
step('build', 'npm', ['run', 'build'], (status) => ({ passed: 0, failed: status === 0 ? 0 : 1 }));
if (results[0].failed) {
  console.log('\nbuild failed: no tests run');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

mkdirSync('test-results', { recursive: true });
// TAP's closing lines ("# pass N", "# fail N", "# cancelled N") give the counts; the spec reporter is for people.
step(
  'package in Node (node --test)',
  'node',
  [
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    '--test-reporter-destination=test-results/node.tap',
    'test/node/',
  ],
  (status) => {
    const tap = existsSync('test-results/node.tap') ? readFileSync('test-results/node.tap', 'utf8') : '';
    const count = (name) => Number(tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
    const passed = count('pass');
    const failed = count('fail') + count('cancelled');
    return passed + failed ? { passed, failed } : { passed: 0, failed: status === 0 ? 0 : 1 };
  },
);

step('unit and component tests (wtr, Chromium)', bin('web-test-runner'), [], (status) => {
  const counts = readJson('test-results/wtr-counts.json');
  return counts ?? { passed: 0, failed: status === 0 ? 0 : 1 };
});

step('end-to-end (Playwright, Chromium)', bin('playwright'), ['test'], (status) => {
  const report = readJson('test-results/e2e.json');
  if (!report) return { passed: 0, failed: status === 0 ? 0 : 1 };
  const stats = report.stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
});

const haveXvfb = existsSync('/usr/bin/xvfb-run') && !process.env.DISPLAY;
step(
  'engines (Firefox ESR, WebKitGTK)',
  haveXvfb ? 'xvfb-run' : 'node',
  haveXvfb ? ['-a', 'node', 'test/engines/run-engines.js'] : ['test/engines/run-engines.js'],
  (status) => {
    const report = readJson('test-results/engines.json');
    return report
      ? { passed: report.passed, failed: report.failed }
      : { passed: 0, failed: status === 0 ? 0 : 1 };
  },
);

console.log('\n=== summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds} s)`);
  passed += r.passed;
  failed += r.failed;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
