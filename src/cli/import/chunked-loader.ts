/**
 * The chunked loader: entries reach D1 as files of bulk INSERTs sent through `wrangler d1 execute
 * --file` (D1's import, for --remote), one chunk at a time, and the dataset is switched on by a last
 * batch. It is resumable: a small state file (dataset id, digest, key id, chunk size, the next chunk and
 * the token of the import lock; no identifier, not even hashed) lets a rerun with the same list fill on
 * the same 'loading' dataset from where the database says it stopped, instead of starting over, and take
 * over the lock its stopped run may have left.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTRIES_PER_BULK_STATEMENT, entriesInsertSql } from '../../data/entries.ts';
import { loadDataset } from '../../data/load-dataset.ts';
import { countEntries, dropEntriesFrom } from '../../data/entries.ts';
import type { WranglerD1 } from '../d1/wrangler-d1.ts';
import { HASH_BYTES } from '../../core/keyed-hash.ts';
import { entriesOf, type EntryLoader, stopped } from './loaders.ts';
import { RECORD } from './packed.ts';
import { OperatorError } from '../operator-error.ts';

/**
 * 50,000 entries a chunk: about 3 MB of SQL in 50 statements of about 60 KB each, inside D1's 100 KB
 * statement limit, and few enough round trips for a million entries.
 */
export const CHUNK_ENTRIES = 50_000;

interface ChunkState {
  readonly dataset: number;
  readonly digest: string;
  readonly keyId: string;
  readonly chunkEntries: number;
  readonly nextChunk: number;
  readonly lockToken: string;
}

export interface ChunkedOptions {
  chunkEntries?: number | undefined;
  /** Where state files are kept; .wrangler/amiaffected-import by default (git-ignored). */
  stateDir?: string;
  /** Told of each chunk sent, for tests and logs. */
  onChunk?: (index: number, chunks: number) => void;
}

const CHUNK_DIR = /^amiaffected-chunks-(\d+)-/;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, only not ours to signal
  }
}

/**
 * A directory for this run's chunk files, named with its process id. A run killed outright (SIGKILL,
 * power loss) cannot remove its own; they hold keyed hashes as SQL, never an identifier, but nothing
 * reads them again, so the next chunked import removes those whose process is gone.
 */
function chunkDir(): string {
  for (const name of readdirSync(tmpdir())) {
    const pid = CHUNK_DIR.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !running(Number(pid))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
  return mkdtempSync(join(tmpdir(), `amiaffected-chunks-${process.pid}-`));
}

function stateFile(dir: string, d1: WranglerD1, slug: string): string {
  const where = createHash('sha256').update(d1.describe()).digest('hex').slice(0, 12);
  return join(dir, `${slug}-${where}.json`);
}

function readState(path: string): ChunkState | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ChunkState;
  } catch {
    return undefined;
  }
}

function stateDir(o: { stateDir?: string | undefined }): string {
  return o.stateDir ?? join('.wrangler', 'amiaffected-import');
}

/** The lock token a stopped chunked import of this incident saved, to resume under its own lock. */
export function savedLockToken(d1: WranglerD1, slug: string, o: { stateDir?: string } = {}): string | undefined {
  return readState(stateFile(stateDir(o), d1, slug))?.lockToken;
}

export function chunkedLoader(d1: WranglerD1, o: ChunkedOptions = {}): EntryLoader {
  const size = o.chunkEntries ?? CHUNK_ENTRIES;
  if (!Number.isInteger(size) || size < 1) throw new OperatorError('--chunk-entries must be a positive whole number');
  const dir = stateDir(o);
  return async (job) => {
    const path = stateFile(dir, d1, job.slug);
    const saved = readState(path);
    const same = saved && saved.digest === job.set.digest && saved.keyId === job.set.keyId && saved.chunkEntries === size;
    const chunks = Math.ceil(job.set.entries / size);
    const save = (state: ChunkState) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path, JSON.stringify(state), { mode: 0o600 });
    };
    const work = chunkDir();
    try {
      const loaded = await loadDataset(
        d1.d1,
        job.slug,
        job.set,
        async (dataset, resumed) => {
          // The database, not the state file, says how far the load got: a chunk sent just before an
          // interruption may not have been recorded. A partly written chunk is dropped and sent again.
          const have = resumed ? await countEntries(d1.d1, dataset) : 0;
          const first = Math.floor(have / size);
          if (resumed) process.stderr.write(`Resuming dataset ${dataset} at chunk ${first + 1} of ${chunks}.\n`);
          job.progress.start('Loading', job.set.entries);
          let index = 0;
          let pending: Buffer[] = [];
          let pendingCount = 0;
          const send = async (records: Buffer) => {
            if (index >= first) {
              if (index === first && have % size !== 0) await dropEntriesFrom(d1.d1, dataset, records.subarray(0, HASH_BYTES));
              const entries = entriesOf({ records, count: records.length / RECORD });
              const sql: string[] = [];
              for (let i = 0; i < entries.length; i += ENTRIES_PER_BULK_STATEMENT) {
                sql.push(entriesInsertSql(dataset, entries.slice(i, i + ENTRIES_PER_BULK_STATEMENT)));
              }
              const file = join(work, `chunk-${index}.sql`);
              writeFileSync(file, sql.join('\n'));
              await d1.executeFile(file);
              rmSync(file);
              save({ dataset, digest: job.set.digest, keyId: job.set.keyId, chunkEntries: size, nextChunk: index + 1, lockToken: job.lockToken });
              o.onChunk?.(index, chunks);
              process.stderr.write(`Loaded chunk ${index + 1} of ${chunks}.\n`);
            }
            index++;
            job.progress.update(Math.min(index * size, job.set.entries));
            if (job.aborted()) throw stopped(Math.min(index * size, job.set.entries), job.set.entries);
          };
          for await (const batch of job.batches()) {
            let from = 0;
            while (from < batch.count) {
              const take = Math.min(size - pendingCount, batch.count - from);
              pending.push(batch.records.subarray(from * RECORD, (from + take) * RECORD));
              pendingCount += take;
              from += take;
              if (pendingCount === size) {
                await send(Buffer.concat(pending));
                pending = [];
                pendingCount = 0;
              }
            }
          }
          if (pendingCount > 0) await send(Buffer.concat(pending));
          job.switching();
          job.progress.stop();
        },
        {
          resume: same ? saved.dataset : undefined,
          begun: (dataset) => save({ dataset, digest: job.set.digest, keyId: job.set.keyId, chunkEntries: size, nextChunk: 0, lockToken: job.lockToken }),
        },
      );
      rmSync(path, { force: true });
      return loaded;
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };
}
