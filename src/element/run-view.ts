/**
 * What the element draws of a run that only a run needs: the output log and the result's mode line and tips.
 * A chunk loaded with the run flow (run-controller.ts), so the embed's first paint carries none of it.
 */
export { OutputLog } from './output-log.js';
export { renderResult } from './result-view.js';
