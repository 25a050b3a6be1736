/**
 * The example apps of test/bundlers/, made as a user makes them: the project packed with `npm pack` and
 * unpacked as `node_modules/py-async-run` of a workspace inside the project (`.scratch/bundlers/`), so the
 * apps' imports find the package there and their tools (Vite, webpack, React, Vue, Svelte) in the
 * project's own `node_modules/`. Nothing is installed at test time.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
/** The workspace: the unpacked package and a copy of each app. */
export const workspace = join(root, '.scratch', 'bundlers');

let packed = false;

/**
 * Packs the project (its `dist/`, as `npm pack` takes it: `npm run build` first) into the workspace, once
 * per test process. Returns the unpacked package's folder.
 */
export function packProject(): string {
  const unpacked = join(workspace, 'node_modules', 'py-async-run');
  if (packed) return unpacked;
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', workspace], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as { filename: string }[];
  execFileSync('tar', ['xzf', join(workspace, filename), '-C', unpacked, '--strip-components=1']);
  // A package of its own (under the project's package.json, `py-async-run` would name the project itself),
  // and the programs the framework apps share.
  for (const shared of ['package.json', 'programs.js'])
    copyFileSync(join(root, 'test', 'bundlers', shared), join(workspace, shared));
  packed = true;
  return unpacked;
}

/** Copies an app of test/bundlers/ into the workspace (after `packProject`); returns its folder. */
export function copyApp(name: string): string {
  const folder = join(workspace, name);
  rmSync(folder, { recursive: true, force: true });
  cpSync(join(root, 'test', 'bundlers', name), folder, { recursive: true });
  return folder;
}
