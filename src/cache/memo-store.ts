import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { TRANSFORM_VERSION } from '../transform/index.js';
import type { Tip } from '../tips/types.js';
import type { TransformResult } from '../transform/types.js';
import { matchesSource } from './memo-check.js';

/**
 * What the memo stores for a program: the transform's result and the tips read from the code, composed by
 * the run flow (src/run/prepare.ts). Plain data.
 */
export interface PreparedProgram extends TransformResult {
  /** The tips read from the code before it runs, by line. */
  tips: Tip[];
}

/** One memoized transform, bound to its code and to the transform that made it (see `get`). */
export interface MemoEntry {
  key: string;
  /** The transform version that made it (TRANSFORM_VERSION); another one's entry is dropped. */
  version: number;
  source: string;
  result: PreparedProgram;
  bytes: number;
  usedAt: number;
}

interface MemoSchema extends DBSchema {
  transforms: { key: string; value: MemoEntry; indexes: { usedAt: number } };
}

/** Limits of the persistent memo; the least recently used entries go first. */
export interface MemoLimits {
  maxEntries: number;
  maxBytes: number;
}

const DB_NAME = 'py-async-run';
/** Schema version: 1 = store `transforms` keyed by `key`, index `usedAt`. */
const DB_VERSION = 1;
const DEFAULT_LIMITS: MemoLimits = { maxEntries: 200, maxBytes: 4 * 1024 * 1024 };
const MEMORY_ENTRIES = 50;

/**
 * Memoizes transform results: a small in-memory map in front (a repeated run never pays IndexedDB), and
 * IndexedDB behind it, bounded by entries and bytes. Every storage failure (no IndexedDB, blocked,
 * over quota, a corrupt entry) degrades to memory only with one console warning: a run never fails
 * because of the memo.
 */
export class TransformMemo {
  private readonly memory = new Map<string, MemoEntry>();
  private db: Promise<IDBPDatabase<MemoSchema> | null> | null = null;
  private warned = false;
  private rejected = false;

  constructor(
    private readonly limits: MemoLimits = DEFAULT_LIMITS,
    private readonly factory: IDBFactory | null = globalThis.indexedDB ?? null,
    private readonly dbName = DB_NAME,
  ) {}

  /**
   * The memoized result for `source` under `key`, or null. An entry read from IndexedDB is used only when it
   * was made by this transform version, for this very source, and its code is the source with the
   * transform's own edits (matchesSource): any script of the origin can write IndexedDB, and an entry that
   * fails is deleted, said once on the console. Entries in memory were made or checked by this page.
   */
  async get(key: string, source: string): Promise<PreparedProgram | null> {
    const hot = this.memory.get(key);
    if (hot && hot.source === source) {
      this.remember(hot);
      return hot.result;
    }
    const db = await this.open();
    if (!db) return null;
    try {
      const entry = await db.get('transforms', key);
      if (!entry) return null;
      if (!isEntry(entry)) {
        this.degrade('a corrupt memo entry was found and dropped');
        await db.delete('transforms', key).catch(() => undefined);
        return null;
      }
      if (entry.source !== source) return null;
      if (entry.version !== TRANSFORM_VERSION || !matchesSource(source, entry.result)) {
        this.reject('a memo entry did not match its code and was dropped; the code is transformed again');
        await db.delete('transforms', key).catch(() => undefined);
        return null;
      }
      entry.usedAt = Date.now();
      this.remember(entry);
      void db.put('transforms', entry).catch(() => undefined);
      return entry.result;
    } catch (error) {
      this.degrade('reading the memo failed', error);
      return null;
    }
  }

  /** Stores a result; never throws. */
  async put(key: string, source: string, result: PreparedProgram): Promise<void> {
    const entry: MemoEntry = {
      key,
      version: TRANSFORM_VERSION,
      source,
      result,
      bytes: (source.length + result.code.length) * 2 + JSON.stringify(result.tips).length * 2,
      usedAt: Date.now(),
    };
    this.remember(entry);
    const db = await this.open();
    if (!db) return;
    try {
      await db.put('transforms', entry);
      await this.evict(db);
    } catch (error) {
      this.degrade('writing the memo failed (storage full?)', error);
    }
  }

  private remember(entry: MemoEntry) {
    this.memory.delete(entry.key);
    this.memory.set(entry.key, entry);
    while (this.memory.size > MEMORY_ENTRIES) this.memory.delete(this.memory.keys().next().value!);
  }

  private async evict(db: IDBPDatabase<MemoSchema>) {
    const tx = db.transaction('transforms', 'readwrite');
    const all = await tx.store.index('usedAt').getAll();
    let bytes = all.reduce((sum, e) => sum + (e.bytes || 0), 0);
    let count = all.length;
    for (const entry of all) {
      if (count <= this.limits.maxEntries && bytes <= this.limits.maxBytes) break;
      await tx.store.delete(entry.key);
      count--;
      bytes -= entry.bytes || 0;
    }
    await tx.done;
  }

  private open(): Promise<IDBPDatabase<MemoSchema> | null> {
    this.db ??= this.connect();
    return this.db;
  }

  private async connect(): Promise<IDBPDatabase<MemoSchema> | null> {
    if (!this.factory) {
      this.degrade('IndexedDB is not available');
      return null;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      // Opened through the given factory (not idb's openDB, which always uses the global one), then
      // wrapped by idb. `blocked` fires when another tab holds an older version open: do not wait forever.
      const factory = this.factory;
      const opening = new Promise<IDBPDatabase<MemoSchema>>((resolve, reject) => {
        const request = factory.open(this.dbName, DB_VERSION);
        request.onupgradeneeded = (event) => {
          if (event.oldVersion < 1) {
            const store = request.result.createObjectStore('transforms', { keyPath: 'key' });
            store.createIndex('usedAt', 'usedAt');
          }
        };
        request.onblocked = () => this.degrade('the memo database is blocked by another tab');
        request.onsuccess = () => resolve(wrap(request.result) as unknown as IDBPDatabase<MemoSchema>);
        request.onerror = () => reject(request.error);
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('opening IndexedDB timed out')), 3000);
      });
      return await Promise.race([opening, timeout]);
    } catch (error) {
      this.degrade('IndexedDB could not be opened', error);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private reject(reason: string) {
    if (this.rejected) return;
    this.rejected = true;
    console.warn(`py-async-run: ${reason}.`);
  }

  private degrade(reason: string, error?: unknown) {
    if (this.warned) return;
    this.warned = true;
    console.warn(`py-async-run: ${reason}; transforms are memoized in memory only.`, error ?? '');
  }
}

function isEntry(value: unknown): value is MemoEntry {
  const entry = value as MemoEntry;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.source === 'string' &&
    typeof entry.result === 'object' &&
    entry.result !== null &&
    typeof entry.result.code === 'string' &&
    Array.isArray(entry.result.edits) &&
    Array.isArray(entry.result.rewrites) &&
    Array.isArray(entry.result.tips)
  );
}
