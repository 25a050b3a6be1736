/**
 * Loading the packages a run needs before it starts, with Pyodide's loader, and telling the page which ones
 * and how many bytes.
 */
import type { FromWorker, RuntimeNote, WorkerRun } from '../runtime/protocol.js';
import type { DownloadCount } from './download-count.js';
import type { PackageLoadOptions, Pyodide } from './pyodide-start.js';

/** Whether run `run` loads packages before it starts. */
export function needsPackages(run: WorkerRun): boolean {
  return (run.packages?.length ?? 0) > 0 || Boolean(run.detectImports);
}

/** Loads runs' packages; knows when the runtime itself is fetching (see holdRequests in worker-sandbox.ts). */
export class PackageLoader {
  /** Loads under way: requests made meanwhile are the runtime's own, sent as the runtime asks. */
  private fetching = 0;

  constructor(
    private readonly post: (message: FromWorker) => void,
    /** Counts downloads from now on as `progress` of run `id` (see countDownloads). */
    private readonly countDownloads: (id: number) => DownloadCount,
  ) {}

  /** Whether a request now is the runtime's own (a package file), not a program's. */
  isFetching(): boolean {
    return this.fetching > 0;
  }

  /**
   * Loads the packages run `id` asks for (`packages`) and those its imports need (Pyodide's import scanner
   * over the lock file), reporting their names and bytes to the page. Packages already loaded cost nothing.
   * A package that cannot be loaded is a note for the run's tips, never a failed run: the program then
   * meets ModuleNotFoundError where it imports it, as CPython would without the package.
   */
  async load(py: Pyodide, run: WorkerRun, id: number): Promise<RuntimeNote[]> {
    const failed: RuntimeNote[] = [];
    let failing: string | null = null;
    let announced = false;
    const options: PackageLoadOptions = {
      messageCallback: (message) => {
        const loading = /^Loading (.+)$/.exec(message);
        if (!loading) return;
        announced = true;
        this.post({ type: 'packages', id, names: loading[1].split(', ') });
      },
      errorCallback(message) {
        const about = /^The following error occurred while loading (.+):$/.exec(message);
        if (about) failing = about[1];
        else if (failing) {
          failed.push({ kind: 'package-failed', name: failing, reason: message });
          failing = null;
        }
      },
    };
    this.fetching++;
    const downloads = this.countDownloads(id);
    try {
      for (const name of run.packages ?? []) {
        try {
          await py.loadPackage([name], options);
        } catch (error) {
          // An unknown name throws ("No known package with name ..."): the others still load.
          failed.push({
            kind: 'package-failed',
            name,
            reason: error instanceof Error ? error.message : String(error),
          });
        }
      }
      if (run.detectImports) {
        try {
          await py.loadPackagesFromImports(run.source, options);
        } catch (error) {
          failed.push({ kind: 'package-failed', name: 'imports', reason: String(error) });
        }
      }
    } finally {
      downloads.stop();
      this.fetching--;
      // The page counts the run's time limit again from here: a download is not the program's time.
      if (announced) this.post({ type: 'packages', id, names: [] });
    }
    return failed;
  }
}
