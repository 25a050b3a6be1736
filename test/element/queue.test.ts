import { expect } from '@open-wc/testing';
import { statusText } from '../helpers/element.js';
import { until as untilWithin } from '../helpers/wait.js';
import { configureForTests, element } from './run-helpers.js';

configureForTests(true);

// Generous: the first run starts Python, which takes long on a busy machine.
const until = (check: () => boolean, what: string) => untilWithin(check, what, 90_000);
// Time itself is under test: a Stop that works "at once" must end the run within this bound.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a program that never yields, and the elements waiting behind it', function () {
  this.timeout(180_000);
  it("leaves another element's Stop working at once, and says that element waits", async () => {
    const spinner = await element('while True:\n    pass\n');
    spinner.setAttribute('timeout', '0');
    const spinning = spinner.run();
    await until(() => spinner.status === 'running', 'the spinner runs');
    const waiter = await element('print("never")\n');
    const waiting = waiter.run();
    await until(() => /Waiting for another program/.test(statusText(waiter)), 'the waiter waits');
    expect(waiter.status).to.equal('loading');
    waiter.stop();
    // Before the fix a queued run's abort waited for its turn, which never comes while the spinner spins.
    const stopped = await Promise.race([waiting, sleep(5_000).then(() => null)]);
    expect(stopped?.status).to.equal('stopped');
    expect(stopped?.stdout).to.equal('');
    spinner.stop();
    expect((await spinning).status).to.equal('stopped');
  });

  it('counts the time limit from when the run starts, not while it waits its turn', async () => {
    const sleeper = await element('import time\ntime.sleep(2.5)\nprint("slept")\n');
    sleeper.setAttribute('timeout', '0');
    const sleeping = sleeper.run();
    await until(() => sleeper.status === 'running', 'the sleeper runs');
    const waiter = await element('print("my turn")\n');
    waiter.setAttribute('timeout', '1');
    const result = await waiter.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('my turn\n');
    expect((await sleeping).stdout).to.equal('slept\n');
  });
});
