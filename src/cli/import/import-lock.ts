/**
 * Holding the incident's import lock for the length of an import (src/data/import-locks.ts): taken
 * before the import reads its list, released when it ends, whatever the ending. A second import of the
 * same incident is refused with who holds the lock, since when, and the command that clears a lock left
 * by a crash.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type ImportLock, readImportLock, releaseImportLock, takeImportLock } from '../../data/import-locks.ts';
import { OperatorError } from '../operator-error.ts';

export class ImportLocked extends OperatorError {
  override name = 'ImportLocked';
}

export interface HeldLock {
  readonly token: string;
  release(): Promise<void>;
}

export interface LockRequest {
  readonly incident: string;
  /** The token a resumable import saved before it stopped: its own lock may be taken over. */
  readonly saved?: string | undefined;
  /** The exact command that clears this incident's lock, for the refusal message. */
  readonly clearCommand: string;
}

/** False only when the process surely no longer runs: same machine, and signal 0 finds no such pid. */
function mayBeRunning(lock: ImportLock): boolean {
  if (lock.host !== hostname()) return true;
  try {
    process.kill(lock.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function refusal(held: ImportLock, clearCommand: string): ImportLocked {
  const gone = mayBeRunning(held) ? '' : ' That process is no longer running on this machine, so it crashed or was killed.';
  return new ImportLocked(
    `Incident "${held.incident}" is already being imported: the lock was taken at ${held.startedAt} by process ${held.pid} on ${held.host}. ` +
      `Nothing was loaded, and that import's entries were left alone.${gone}\n` +
      `Wait for that import to finish. If it crashed or was killed, clear its lock and import again:\n  ${clearCommand}`,
  );
}

function missingTable(err: unknown): boolean {
  return err instanceof Error && /no such table: import_locks/.test(err.message);
}

export async function holdImportLock(db: D1Database, request: LockRequest): Promise<HeldLock> {
  const mine: ImportLock = {
    incident: request.incident,
    token: request.saved ?? randomUUID(),
    startedAt: new Date().toISOString(),
    host: hostname(),
    pid: process.pid,
  };
  const held: HeldLock = { token: mine.token, release: () => releaseImportLock(db, mine.incident, mine.token) };
  try {
    // Twice at most: the holder may release the lock between the attempt and the read.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await takeImportLock(db, mine)) return held;
      const current = await readImportLock(db, mine.incident);
      if (!current) continue;
      // A resumed import whose earlier run crashed takes its own lock over, and only from that run.
      if (current.token === request.saved && !mayBeRunning(current) && (await takeImportLock(db, mine, current))) return held;
      throw refusal(current, request.clearCommand);
    }
  } catch (err) {
    if (missingTable(err)) {
      throw new OperatorError('The database lacks the import_locks table: apply the migrations first (`npm run setup` locally, `npx wrangler d1 migrations apply DB --remote`).');
    }
    throw err;
  }
  throw new ImportLocked(`Incident "${mine.incident}": the import lock changed hands repeatedly; try again.`);
}
