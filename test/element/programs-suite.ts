import { expect } from '@open-wc/testing';
// @ts-expect-error - a plain JS module shared with the Node-side engine suite
import { judge } from '../programs/judge.js';
import { run } from './run-helpers.js';

interface Program {
  name: string;
  code: string;
  stdout: string;
  modes?: { stackSwitching: string; noStackSwitching: string };
  needsStackSwitching?: boolean;
}

/** Runs every program of test/programs through the element and compares with CPython's output. */
export async function describePrograms(stackSwitching: boolean): Promise<void> {
  const programs = (await (await fetch('/__programs__')).json()) as Program[];
  describe(`test programs (${stackSwitching ? 'stack switching' : 'no stack switching'})`, () => {
    it('has programs to run', () => {
      expect(programs.length).to.be.greaterThan(20);
    });
    for (const program of programs) {
      it(program.name, async () => {
        const result = await run(program.code);
        const judged = (judge as (e: unknown, r: unknown, o: { stackSwitching: boolean }) => string[])(
          program,
          result,
          { stackSwitching },
        );
        expect(judged).to.deep.equal([]);
        if (program.modes && !(program.needsStackSwitching && !stackSwitching)) {
          expect(result.mode).to.equal(
            stackSwitching ? program.modes.stackSwitching : program.modes.noStackSwitching,
          );
        }
      });
    }
  });
}
