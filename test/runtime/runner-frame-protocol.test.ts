import { expect } from '@open-wc/testing';
import {
  fromRunner,
  isRunnerConnect,
  isRunnerHello,
  toRunner,
} from '../../src/runtime/runner-frame-protocol.js';
import { trustedScriptURL } from '../../src/runtime/trusted-types.js';

describe('the runner frame protocol', () => {
  it('takes only a well-formed connect message', () => {
    expect(
      isRunnerConnect({ type: 'py-async-run:runner-connect', initId: 3, stackSwitching: true }),
    ).to.equal(true);
    for (const data of [
      null,
      'py-async-run:runner-connect',
      { type: 'py-async-run:runner-connect', initId: '3', stackSwitching: true },
      { type: 'py-async-run:runner-connect', initId: 1.5, stackSwitching: true },
      { type: 'py-async-run:runner-connect', initId: 3 },
      { type: 'py-async-run:runner-hello', initId: 3, stackSwitching: true },
    ])
      expect(isRunnerConnect(data), JSON.stringify(data)).to.equal(false);
    expect(isRunnerHello({ type: 'py-async-run:runner-hello' })).to.equal(true);
    expect(isRunnerHello({ type: 'ready' })).to.equal(false);
  });

  it("unwraps the relay's messages and nothing else, leaving the worker's message as it is", () => {
    const data = { type: 'output', id: 1, stream: 'stdout', text: 'hi\n' };
    expect(fromRunner({ kind: 'message', data })).to.deep.equal({ kind: 'message', data });
    expect(fromRunner({ kind: 'error', message: 'boom' })).to.deep.equal({ kind: 'error', message: 'boom' });
    expect(toRunner({ kind: 'terminate' })).to.deep.equal({ kind: 'terminate' });
    // A worker's message posted bare, or a relay message without its data, is not the relay's.
    for (const bare of [data, { kind: 'message' }, { kind: 'other' }, 7, null]) {
      expect(fromRunner(bare), JSON.stringify(bare)).to.equal(null);
      expect(toRunner(bare), JSON.stringify(bare)).to.equal(null);
    }
  });
});

describe("the element's Trusted Types policy", () => {
  it('passes http(s) and blob: URLs of this page, and refuses javascript: and data: URLs', () => {
    expect(String(trustedScriptURL('https://example.org/worker.js'))).to.equal(
      'https://example.org/worker.js',
    );
    expect(String(trustedScriptURL('/assets/worker.js'))).to.equal(`${location.origin}/assets/worker.js`);
    const blob = URL.createObjectURL(new Blob(['']));
    expect(String(trustedScriptURL(blob))).to.equal(blob);
    URL.revokeObjectURL(blob);
    for (const url of ['javascript:alert(1)', 'data:text/javascript,alert(1)', 'blob:https://example.org/x'])
      expect(() => trustedScriptURL(url), url).to.throw(TypeError);
  });
});
