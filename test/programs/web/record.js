/**
 * Records what CPython prints for each program here (see README.md): `node test/programs/web/record.js`.
 * Starts the suite's httpbin over http and https (a throwaway certificate for httpbin.org), points CPython's
 * name lookups for httpbin.org and no-cors.test at them, and runs each program with a venv that has aiohttp,
 * httpx and requests (`.cache/web-python/`, made on first use from this machine's package index).
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHttpbin } from '../../servers/httpbin.js';
import { WEB_PACKAGES } from '../../packages/web-wheels.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const venv = join(root, '.cache/web-python');
const python = join(venv, 'bin/python');

if (!existsSync(python)) {
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--retries', '1', ...WEB_PACKAGES], {
    stdio: 'inherit',
  });
}

const certs = mkdtempSync(join(tmpdir(), 'httpbin-tls-'));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=httpbin.org',
    '-addext',
    'subjectAltName=DNS:httpbin.org',
    '-keyout',
    join(certs, 'key.pem'),
    '-out',
    join(certs, 'cert.pem'),
  ],
  { stdio: 'ignore' },
);
// On the web's own ports, of a loopback address of their own: some clients (anyio) connect to the port they
// were asked for, whatever the name lookup said.
const host = '127.80.44.3';
const plain = await startHttpbin({ cors: true, host, port: 80 });
const tls = await startHttpbin({
  cors: true,
  host,
  port: 443,
  tls: { key: readFileSync(join(certs, 'key.pem')), cert: readFileSync(join(certs, 'cert.pem')) },
});
// Name lookups of the programs' hosts answer with the local servers' address: the programs run as written,
// against the same endpoints the browser reaches through the host map.
const PRELUDE = `
import runpy, socket, sys
_lookup = socket.getaddrinfo
def _local(host, port, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host  # anyio looks names up as IDNA bytes
    return _lookup("${host}" if name in ("httpbin.org", "no-cors.test") else host, port, *args, **kwargs)
socket.getaddrinfo = _local
sys.argv = [sys.argv[1]]
runpy.run_path(sys.argv[0], run_name="__main__")
`;

try {
  for (const file of readdirSync(here)
    .filter((name) => name.endsWith('.py'))
    .sort()) {
    const name = file.slice(0, -3);
    const metaFile = join(here, `${name}.json`);
    const meta = existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {};
    if (meta.recorded === false) {
      console.log(`${name}: not recorded (${meta.why})`);
      continue;
    }
    // Not execFileSync: the servers answer from this process's event loop.
    const { stdout } = await promisify(execFile)(python, ['-c', PRELUDE, join(here, file)], {
      encoding: 'utf8',
      env: { ...process.env, SSL_CERT_FILE: join(certs, 'cert.pem') },
    });
    writeFileSync(join(here, `${name}.out`), stdout);
    console.log(`${name}: ${stdout.split('\n').length - 1} lines`);
  }
} finally {
  await plain.close();
  await tls.close();
  rmSync(certs, { recursive: true, force: true });
}
