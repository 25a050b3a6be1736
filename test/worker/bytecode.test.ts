import { expect } from '@open-wc/testing';
import { fetchBytecode, packBytecode, unpackBytecode } from '../../src/worker/bytecode.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const pack = packBytecode;

describe('the runtime bytecode pack', () => {
  it('gives back the files the build packed, in order, with their bytes', () => {
    const files = unpackBytecode(
      pack([
        { name: 'entry.cpython-314.pyc', bytes: bytes(1, 2, 3) },
        { name: 'loop.cpython-314.pyc', bytes: bytes() },
        { name: 'net/memsocket.cpython-314.pyc', bytes: bytes(7) },
        { name: 'waits.cpython-314.pyc', bytes: bytes(9) },
      ]),
    );
    expect(files.map((file) => file.name)).to.deep.equal([
      'entry.cpython-314.pyc',
      'loop.cpython-314.pyc',
      'net/memsocket.cpython-314.pyc',
      'waits.cpython-314.pyc',
    ]);
    expect(files.map((file) => [...file.bytes])).to.deep.equal([[1, 2, 3], [], [7], [9]]);
  });

  it('refuses a truncated pack and names that could leave __pycache__', () => {
    const whole = pack([{ name: 'loop.cpython-314.pyc', bytes: bytes(1, 2, 3, 4) }]);
    expect(() => unpackBytecode(whole.subarray(0, whole.length - 1))).to.throw(/truncated/);
    expect(() => unpackBytecode(bytes(1))).to.throw(/truncated/);
    expect(() => unpackBytecode(pack([{ name: '../loop.pyc', bytes: bytes(1) }]))).to.throw(/should not/);
    expect(() => unpackBytecode(pack([{ name: 'loop.py', bytes: bytes(1) }]))).to.throw(/should not/);
    for (const name of ['net/../../loop.pyc', '../net/loop.pyc', 'net/sub/loop.pyc', '/net/loop.pyc'])
      expect(() => unpackBytecode(pack([{ name, bytes: bytes(1) }])), name).to.throw(/should not/);
  });

  it('is null, with a warning, when the file is missing or damaged: the package is compiled instead', async () => {
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(await fetchBytecode(new URL('/no-such-runtime.pyc', location.href))).to.equal(null);
      const damaged = URL.createObjectURL(new Blob([bytes(200, 0, 0, 0, 1)]));
      expect(await fetchBytecode(new URL(damaged))).to.equal(null);
      URL.revokeObjectURL(damaged);
    } finally {
      console.warn = warn;
    }
    expect(warnings).to.have.length(2);
    expect(String(warnings[0][0])).to.contain('compiles it');
  });
});
