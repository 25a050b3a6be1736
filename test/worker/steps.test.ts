import { expect } from '@open-wc/testing';
import { PACKAGE_NAME, PACKAGE_ROOT } from '../../src/worker/runtime-package.js';
import * as steps from '../../src/worker/steps.js';

/** The runtime's Python package, every module by file name (served by web-test-runner.config.js). */
async function pythonPackage(): Promise<Record<string, string>> {
  const response = await fetch('/__python_package__');
  return (await response.json()) as Record<string, string>;
}

/** The values of module-level assignments `NAME = <number>` (or `NAME: float = <number>`) in `source`. */
function pythonValues(source: string, name: string): number[] {
  const assignment = new RegExp(
    `^${name}(?:\\s*:\\s*[\\w.\\[\\], ]+)?\\s*=\\s*([-+]?[\\d.]+)\\s*(?:#.*)?$`,
    'gm',
  );
  return [...source.matchAll(assignment)].map((match) => Number(match[1]));
}

describe('the step results', () => {
  it('are the same numbers in the worker and in the Python package', async () => {
    const modules = await pythonPackage();
    expect(Object.keys(modules), 'the package is served').to.include('__init__.py');
    const names = Object.keys(steps) as (keyof typeof steps)[];
    expect(names).to.include.members(['STEP_OVER', 'WAIT_FOR_WAKE']);
    for (const name of names) {
      const found = Object.entries(modules).flatMap(([file, source]) =>
        pythonValues(source, name).map((value) => ({ file, value })),
      );
      expect(found.length, `${name} is not defined at module level in the Python package`).to.be.above(0);
      for (const { file, value } of found)
        expect(value, `${name} in ${file} is ${value}, but ${steps[name]} in steps.ts`).to.equal(steps[name]);
    }
  });

  it('tell each other apart and from a wait in seconds', () => {
    expect(steps.STEP_OVER).to.be.below(0);
    expect(steps.WAIT_FOR_WAKE).to.be.below(0);
    expect(steps.STEP_OVER).to.not.equal(steps.WAIT_FOR_WAKE);
  });

  it('find a definition only at module level, with or without a type', () => {
    expect(pythonValues('STEP_OVER = -1.0\n', 'STEP_OVER')).to.deep.equal([-1]);
    expect(pythonValues('STEP_OVER: float = -1.0  # over\n', 'STEP_OVER')).to.deep.equal([-1]);
    expect(pythonValues('    STEP_OVER = -1.0\n', 'STEP_OVER')).to.deep.equal([]);
    expect(pythonValues('STEP_OVER_2 = 3\n', 'STEP_OVER')).to.deep.equal([]);
  });
});

describe("the runtime package's place", () => {
  it('is the same in the worker and wherever the Python package names it', async () => {
    const modules = await pythonPackage();
    // A path of the package written in Python (errors.py hides its frames from tracebacks by it).
    const named = new RegExp(`["'](/lib/[^"']*${PACKAGE_NAME}[^"']*)["']`, 'g');
    for (const [file, source] of Object.entries(modules))
      for (const [, path] of source.matchAll(named))
        expect(
          `${path}/`.startsWith(`${PACKAGE_ROOT}/`),
          `${path} in ${file} is not under ${PACKAGE_ROOT}`,
        ).to.equal(true);
  });
});
