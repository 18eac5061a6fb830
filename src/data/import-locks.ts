/**
 * The import lock: one row per incident in import_locks while an import of it runs. Taking it is one
 * statement (an upsert that only inserts, or only takes over a lock of the same token from a named dead
 * holder), so two imports starting at once cannot both get it.
 */

export interface ImportLock {
  readonly incident: string;
  /** The holder's random id; a resumable import keeps it to take its own lock over after a crash. */
  readonly token: string;
  readonly startedAt: string;
  readonly host: string;
  readonly pid: number;
}

interface LockRow {
  incident: string;
  token: string;
  started_at: string;
  host: string;
  pid: number;
}

const toLock = (r: LockRow): ImportLock => ({ incident: r.incident, token: r.token, startedAt: r.started_at, host: r.host, pid: Number(r.pid) });

/**
 * Takes the incident's lock for `lock`. If it is held, it is taken over only when `from` names its
 * current holder and the token matches (the same resumable import, whose process is gone). True when
 * `lock` holds it now.
 *
 * @example
 * if (!(await takeImportLock(db, { incident: 'demo', token, startedAt, host, pid }))) refuse();
 */
export async function takeImportLock(db: D1Database, lock: ImportLock, from?: { host: string; pid: number }): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO import_locks (incident, token, started_at, host, pid) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (incident) DO UPDATE SET started_at = excluded.started_at, host = excluded.host, pid = excluded.pid
         WHERE import_locks.token = excluded.token AND import_locks.host = ?6 AND import_locks.pid = ?7
       RETURNING token`,
    )
    .bind(lock.incident, lock.token, lock.startedAt, lock.host, lock.pid, from?.host ?? null, from?.pid ?? null)
    .first<{ token: string }>();
  return row?.token === lock.token;
}

/** Who holds the incident's lock, or null. */
export async function readImportLock(db: D1Database, incident: string): Promise<ImportLock | null> {
  const row = await db
    .prepare('SELECT incident, token, started_at, host, pid FROM import_locks WHERE incident = ?1')
    .bind(incident)
    .first<LockRow>();
  return row ? toLock(row) : null;
}

/** Releases the lock if `token` still holds it (a cleared and retaken lock is left alone). */
export async function releaseImportLock(db: D1Database, incident: string, token: string): Promise<void> {
  await db.prepare('DELETE FROM import_locks WHERE incident = ?1 AND token = ?2').bind(incident, token).run();
}

/** Removes the incident's lock whoever holds it (one left by a crash); returns what was removed. */
export async function clearImportLock(db: D1Database, incident: string): Promise<ImportLock | null> {
  const row = await db
    .prepare('DELETE FROM import_locks WHERE incident = ?1 RETURNING incident, token, started_at, host, pid')
    .bind(incident)
    .first<LockRow>();
  return row ? toLock(row) : null;
}
