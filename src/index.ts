/** The public API of py-async-run. */
export { PyAsyncRunElement, type ElementStatus } from './element/py-async-run-element.js';
export { configure, type RuntimeOptions } from './runtime/config.js';
export type { RunError, RunMode, RunResult, RunStatus, OutputDetail } from './run/types.js';
export type { Tip, TipSeverity } from './tips/types.js';
export {
  PYTHON_CODE_BLOCKS,
  SAFE_BLOCK_SWITCHES,
  upgrade,
  type BlockSwitch,
  type UpgradeOptions,
} from './element/upgrade.js';

/** The version of this build of py-async-run. */
export const version: string =
  typeof __PY_ASYNC_RUN_VERSION__ === 'string' ? __PY_ASYNC_RUN_VERSION__ : 'dev';
