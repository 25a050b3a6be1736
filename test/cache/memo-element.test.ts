import { expect } from '@open-wc/testing';
import { memoKey } from '../../src/cache/memo-key.js';
import type { PreparedProgram } from '../../src/run/prepare.js';
import { TRANSFORM_VERSION } from '../../src/transform/index.js';
import { configureForTests, run } from '../element/run-helpers.js';

const SHOWN = 'print("the program shown")\n';
const OTHER = 'print("another program")\n';

/** Writes `entry` into the element's own memo database, as a program's `js` or any script of the origin can. */
function writeEntry(entry: Record<string, unknown>): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('py-async-run', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('transforms', { keyPath: 'key' }).createIndex('usedAt', 'usedAt');
    };
    open.onsuccess = () => {
      const tx = open.result.transaction('transforms', 'readwrite');
      tx.objectStore('transforms').put(entry);
      tx.oncomplete = () => {
        open.result.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}

describe('the memo, written by someone else', () => {
  before(() => configureForTests(true));

  it("an entry under a program's key that runs other code is not used: the element runs the program", async () => {
    const result: PreparedProgram = {
      code: OTHER,
      edits: [],
      rewrites: [],
      tips: [],
      fallbacks: [],
      topLevelAwait: false,
      syntaxError: false,
    };
    // Under both keys the page may use (input available or not, depending on the engine).
    for (const inputAvailable of [true, false]) {
      const key = await memoKey(SHOWN, TRANSFORM_VERSION, { inputAvailable });
      await writeEntry({
        key,
        version: TRANSFORM_VERSION,
        source: SHOWN,
        result,
        bytes: 64,
        usedAt: Date.now(),
      });
    }
    expect((await run(SHOWN)).stdout).to.equal('the program shown\n');
  });
});
