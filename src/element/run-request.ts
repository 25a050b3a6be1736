import type { Cell, RunRequest } from '../run/types.js';
import { SETUP_SCRIPT, cleanCode } from './clean-code.js';

/** The element as a run request reads it: its settings and its place among the cells of its session. */
export interface RequestHost extends HTMLElement, Cell {
  readonly session: string;
  readonly timeout: number;
  readonly packages: string;
  readonly noPackageDetection: boolean;
  readonly timeline: boolean;
}

/**
 * The request for one run of `code`: the element's settings as they are now, and, for an element with a
 * session or a setup script, the notebook facts the run flow needs (read here, so the flow never looks at the
 * page).
 */
export function runRequest(host: RequestHost, code: string): RunRequest {
  const script = host.querySelector(SETUP_SCRIPT);
  const setup = script?.textContent ?? '';
  const session = host.session;
  return {
    code,
    timeout: host.timeout,
    packages: splitList(host.packages),
    detectImports: !host.noPackageDetection,
    timeline: host.timeline,
    cell:
      session || script
        ? {
            cell: host,
            session,
            setup: setup.trim() ? cleanCode(setup) : null,
            above: () => cellsAbove(host, session),
          }
        : null,
  };
}

/** The cells of `session` above `cell` in the page, in page order. */
function cellsAbove(cell: RequestHost, session: string): RequestHost[] {
  const cells = [...document.querySelectorAll<RequestHost>('py-async-run')].filter(
    (el) => el.session === session,
  );
  const index = cells.indexOf(cell);
  return index === -1 ? [] : cells.slice(0, index);
}

/** `"numpy, ./w/pkg.whl  six"` → its items. */
function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}
