/**
 * aiohttp, httpx and requests with their dependencies, as pure-Python wheels and a Pyodide lock file naming
 * them, for the HTTP tests: the suite never uses Pyodide's CDN. pip downloads them from this machine's
 * package index (CPython builds, C extensions included); each is repacked without its compiled files, as
 * `py3-none-any` (each of these has a pure-Python fallback: aiohttp's parsers, multidict, yarl, frozenlist,
 * propcache, charset-normalizer's mypyc modules are also shipped as source). Kept in `.cache/web-wheels/`
 * (gitignored), never committed; test/e2e/web-programs.spec.ts and bench/http.js build them on first use
 * (`node test/packages/web-wheels.js` does it alone).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the wheels and their lock file are kept. */
export const WEB_WHEELS_DIR = join(root, '.cache/web-wheels');

/** What a program imports; pip brings their dependencies. */
export const WEB_PACKAGES = ['aiohttp', 'httpx', 'requests'];

// Repacks each wheel of `raw` into `out` without compiled files and writes the lock file; prints the names.
const REPACK = String.raw`
import email.parser, hashlib, json, os, re, sys, zipfile
from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.utils import canonicalize_name

raw, out, pyodide_lock = sys.argv[1:4]
COMPILED = re.compile(r"\.(so|pyd|c|pyx|pxd|h)$")
ENVIRONMENT = {"python_version": "3.14", "python_full_version": "3.14.2", "sys_platform": "emscripten",
               "platform_system": "Emscripten", "implementation_name": "cpython",
               "platform_python_implementation": "CPython", "os_name": "posix", "extra": ""}
wheels = {}
for file_name in sorted(os.listdir(raw)):
    if not file_name.endswith(".whl"):
        continue
    name, version = file_name.split("-")[:2]
    with zipfile.ZipFile(os.path.join(raw, file_name)) as wheel:
        files = {info.filename: wheel.read(info) for info in wheel.infolist() if not COMPILED.search(info.filename)}
    info_dir = next(path.split("/")[0] for path in files if path.endswith(".dist-info/METADATA"))
    files[f"{info_dir}/WHEEL"] = re.sub(rb"(?m)^(Tag|Root-Is-Purelib): .*\n", b"", files[f"{info_dir}/WHEEL"]) + (
        b"Root-Is-Purelib: true\nTag: py3-none-any\n")
    files[f"{info_dir}/RECORD"] = "".join(f"{path},,\n" for path in files if not path.endswith("RECORD")).encode()
    metadata = email.parser.BytesParser().parsebytes(files[f"{info_dir}/METADATA"])
    imports = sorted({path.split("/")[0].removesuffix(".py") for path in files
                      if not path.split("/")[0].endswith((".dist-info", ".data")) and not path.startswith("_")
                      and (path.endswith(".py") or "/" in path)})
    pure = f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(os.path.join(out, pure), "w", zipfile.ZIP_DEFLATED) as repacked:
        for path, data in files.items():
            repacked.writestr(path, data)
    requires = [Requirement(text) for text in metadata.get_all("Requires-Dist") or []]
    wheels[canonicalize_name(name)] = {
        "name": canonicalize_name(name),
        "version": version,
        "file_name": pure,
        "install_dir": "site",
        "sha256": hashlib.sha256(open(os.path.join(out, pure), "rb").read()).hexdigest(),
        "package_type": "package",
        "imports": imports,
        "requires": [canonicalize_name(r.name) for r in requires if r.marker is None or r.marker.evaluate(ENVIRONMENT)],
        "unvendored_tests": False,
        "tool": {},
    }
for entry in wheels.values():
    entry["depends"] = sorted(name for name in entry.pop("requires") if name in wheels)
with open(pyodide_lock) as file:
    info = json.load(file)["info"]
with open(os.path.join(out, "pyodide-lock.json"), "w") as file:
    json.dump({"info": info, "packages": wheels}, file, indent=1, sort_keys=True)
print(" ".join(f"{e['name']}-{e['version']}" for e in wheels.values()))
`;

/**
 * The lock file (its path) naming the repacked wheels beside it, built on first use: pip downloads, then the
 * repack. Throws with pip's words when the index cannot give them.
 */
export function webWheels() {
  const lockFile = join(WEB_WHEELS_DIR, 'pyodide-lock.json');
  if (existsSync(lockFile)) return lockFile;
  const raw = join(WEB_WHEELS_DIR, 'raw');
  rmSync(WEB_WHEELS_DIR, { recursive: true, force: true });
  mkdirSync(raw, { recursive: true });
  execFileSync(
    'python3',
    [
      '-m',
      'pip',
      'download',
      '--quiet',
      '--retries',
      '1',
      '--only-binary=:all:',
      '--dest',
      raw,
      ...WEB_PACKAGES,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } },
  );
  const pyodideLock = join(root, 'node_modules/pyodide/pyodide-lock.json');
  const names = execFileSync('python3', ['-c', REPACK, raw, WEB_WHEELS_DIR, pyodideLock], {
    encoding: 'utf8',
  });
  rmSync(raw, { recursive: true, force: true });
  writeFileSync(join(WEB_WHEELS_DIR, 'packages.txt'), names);
  return lockFile;
}

/** The lock file's contents (see webWheels). */
export function webLockFile() {
  return JSON.parse(readFileSync(webWheels(), 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const lockFile = webWheels();
  console.log(`${lockFile}: ${Object.keys(webLockFile().packages).join(', ')}`);
}
