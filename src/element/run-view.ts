/**
 * What the element needs only once it runs: the run's request, the output log, the result's mode line and
 * tips. A chunk loaded with the run flow (run-controller.ts), so the embed's first paint carries none of it.
 */
export { OutputLog } from './output-log.js';
export { renderResult } from './result-view.js';
export { runRequest } from './run-request.js';
