/**
 * Builds small pure-Python wheels for the package tests, in memory: the suite serves its own packages
 * (Pyodide's CDN is never used), and a lock file naming them, as a site that hosts its packages would.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/** A zip archive of `files` (name → text), stored without compression, which every zip reader takes. */
export function zip(files) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A wheel of one pure-Python package: `sources` maps paths inside the package to their code. */
export function wheel(name, version, sources) {
  const info = `${name}-${version}.dist-info`;
  const files = {};
  for (const [path, code] of Object.entries(sources)) files[`${name}/${path}`] = code;
  files[`${info}/METADATA`] = `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`;
  files[`${info}/WHEEL`] =
    'Wheel-Version: 1.0\nGenerator: py-async-run tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n';
  files[`${info}/RECORD`] = [...Object.keys(files), `${info}/RECORD`].map((f) => `${f},,`).join('\n') + '\n';
  return { fileName: `${name}-${version}-py3-none-any.whl`, bytes: zip(files) };
}

/** The test packages: `greet` (async, imported by name) and `shout` (given by URL). */
export function testWheels() {
  return [
    wheel('greet', '1.0', {
      '__init__.py':
        'import asyncio\n\n\nasync def hello(name):\n    await asyncio.sleep(0.01)\n    return f"hello, {name}"\n',
    }),
    wheel('shout', '2.1', { '__init__.py': 'def shout(text):\n    return text.upper() + "!"\n' }),
  ];
}

/**
 * A Pyodide lock file naming the test wheels (with their SHA-256, which Pyodide checks), plus `missing`:
 * a package whose file is not served, as on a site that did not copy it (or offline).
 */
export function testLockFile(pyodideLockPath = 'node_modules/pyodide/pyodide-lock.json') {
  const { info } = JSON.parse(readFileSync(pyodideLockPath, 'utf8'));
  const packages = {};
  for (const { fileName, bytes } of testWheels()) {
    const name = fileName.split('-')[0];
    packages[name] = entry(name, fileName, createHash('sha256').update(bytes).digest('hex'));
  }
  packages.missing = entry('missing', 'missing-1.0-py3-none-any.whl', '0'.repeat(64));
  return { info, packages };
}

function entry(name, fileName, sha256) {
  return {
    name,
    version: fileName.split('-')[1],
    file_name: fileName,
    install_dir: 'site',
    sha256,
    package_type: 'package',
    imports: [name],
    depends: [],
    unvendored_tests: false,
    tool: {},
  };
}
