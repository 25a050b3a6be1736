import { expect } from '@open-wc/testing';
import { memoKey } from '../../src/cache/memo-key.js';
import { TransformMemo } from '../../src/cache/memo-store.js';
import { prepareProgram } from '../../src/run/prepare.js';

const SOURCE = 'import asyncio\nasyncio.run(main())\n';
let dbCount = 0;
const freshName = () => `py-async-run-test-${Date.now()}-${dbCount++}`;

function captureWarnings() {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(String(args[0]));
  return { warnings, restore: () => (console.warn = original) };
}

describe('memoKey', () => {
  it('is a SHA-256 of the version and the code', async () => {
    const key = await memoKey(SOURCE, 1);
    expect(key).to.match(/^sha256-[0-9a-f]{64}$/);
    expect(await memoKey(SOURCE, 1)).to.equal(key);
    expect(await memoKey(SOURCE, 2)).not.to.equal(key);
    expect(await memoKey(SOURCE + ' ', 1)).not.to.equal(key);
  });

  it('depends on the options that change the transform, in any order', async () => {
    const unavailable = await memoKey(SOURCE, 1, { inputAvailable: false });
    expect(await memoKey(SOURCE, 1, { inputAvailable: true })).not.to.equal(unavailable);
    expect(await memoKey(SOURCE, 1, { inputAvailable: false, other: undefined })).to.equal(unavailable);
    expect(await memoKey(SOURCE, 1, { b: 1, a: 2 })).to.equal(await memoKey(SOURCE, 1, { a: 2, b: 1 }));
  });
});

describe('TransformMemo', () => {
  it('persists results in IndexedDB across instances (a later visit)', async () => {
    const name = freshName();
    const key = await memoKey(SOURCE, 1);
    const result = prepareProgram(SOURCE);
    await new TransformMemo(undefined, indexedDB, name).put(key, SOURCE, result);
    const later = new TransformMemo(undefined, indexedDB, name);
    expect(await later.get(key, SOURCE)).to.deep.equal(result);
    expect(await later.get(key, 'other source')).to.equal(null);
  });

  it('evicts the least recently used entries beyond its limits', async () => {
    const name = freshName();
    const memo = new TransformMemo({ maxEntries: 3, maxBytes: 1e9 }, indexedDB, name);
    const sources = ['a = 1\n', 'b = 2\n', 'c = 3\n', 'd = 4\n'];
    for (const [i, source] of sources.entries()) {
      await memo.put(`k${i}`, source, prepareProgram(source));
      // Time itself is under test: entries are ordered by when they were last used, in milliseconds.
      await new Promise((r) => setTimeout(r, 5));
    }
    const reader = new TransformMemo(undefined, indexedDB, name);
    expect(await reader.get('k0', sources[0])).to.equal(null);
    expect(await reader.get('k3', sources[3])).not.to.equal(null);
  });

  it('works in memory only, with one warning, without IndexedDB', async () => {
    const { warnings, restore } = captureWarnings();
    try {
      const memo = new TransformMemo(undefined, null);
      const result = prepareProgram(SOURCE);
      await memo.put('k', SOURCE, result);
      expect(await memo.get('k', SOURCE)).to.deep.equal(result);
      await memo.put('k2', SOURCE, result);
      expect(warnings.filter((w) => w.includes('py-async-run'))).to.have.length(1);
    } finally {
      restore();
    }
  });

  it('drops a corrupt entry with a warning and transforms again', async () => {
    const name = freshName();
    const key = await memoKey(SOURCE, 1);
    await new TransformMemo(undefined, indexedDB, name).put(key, SOURCE, prepareProgram(SOURCE));
    // Damage the stored entry behind the memo's back.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => {
        const tx = open.result.transaction('transforms', 'readwrite');
        tx.objectStore('transforms').put({ key, source: SOURCE, result: { code: 42 } });
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
      };
      open.onerror = () => reject(open.error);
    });
    const { warnings, restore } = captureWarnings();
    try {
      const memo = new TransformMemo(undefined, indexedDB, name);
      expect(await memo.get(key, SOURCE)).to.equal(null);
      expect(warnings.some((w) => w.includes('corrupt'))).to.equal(true);
    } finally {
      restore();
    }
  });

  it('survives a storage that refuses writes (over quota)', async () => {
    const failing = {
      open: () => {
        throw new DOMException('quota', 'QuotaExceededError');
      },
    } as unknown as IDBFactory;
    const { warnings, restore } = captureWarnings();
    try {
      const memo = new TransformMemo(undefined, failing, freshName());
      const result = prepareProgram(SOURCE);
      await memo.put('k', SOURCE, result);
      expect(await memo.get('k', SOURCE)).to.deep.equal(result);
      expect(warnings).to.have.length(1);
    } finally {
      restore();
    }
  });
});
