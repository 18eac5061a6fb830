/**
 * Reach in D1: the first-open date of notice codes, the counts behind the reach figures, and the
 * never-opened notices a follow-up goes to. Codes are addressed by their hash only; every read here
 * returns counts or days, except unopenedNotices, which answers for hashes its caller already holds.
 */
import type { Channel, ReachCounts } from '../core/reach.ts';
import type { AnswerKind } from '../core/decide.ts';
import { bytes, hex } from './blobs.ts';

/**
 * Records the UTC day a notice link was first opened. Only the first open writes: a later one, a
 * contact code or an unknown hash changes nothing. True when this call wrote the day.
 */
export async function markFirstOpened(db: D1Database, hash: Uint8Array, day: string): Promise<boolean> {
  const result = await db
    .prepare(`UPDATE codes SET first_opened = ?2 WHERE hash = ?1 AND kind = 'notice' AND first_opened IS NULL`)
    .bind(hash, day)
    .run();
  return result.meta.changes === 1;
}

/**
 * The counts of an incident's reach, read in one batch (one round trip, one consistent state): notices
 * by channel and answer, notices issued and first opened per UTC day, and the incident's daily counters.
 * Codes issued before channels were recorded were all emails. The codes are found through
 * codes_by_subject, whose first column is the incident: these reads are rare (the CLI, an admin page)
 * and not worth an index of their own on a table that grows by one row per notice.
 */
export async function readReach(db: D1Database, incident: string): Promise<ReachCounts> {
  const [cells, days, activity] = await db.batch([
    db
      .prepare(
        `SELECT coalesce(channel, 'email') AS channel, answer, count(*) AS issued, count(first_opened) AS opened
           FROM codes WHERE incident = ?1 AND kind = 'notice'
          GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .bind(incident),
    db
      .prepare(
        `SELECT day, sum(issued) AS issued, sum(opened) AS opened FROM (
           SELECT substr(issued_at, 1, 10) AS day, count(*) AS issued, 0 AS opened
             FROM codes WHERE incident = ?1 AND kind = 'notice' GROUP BY 1
           UNION ALL
           SELECT first_opened, 0, count(*)
             FROM codes WHERE incident = ?1 AND kind = 'notice' AND first_opened IS NOT NULL GROUP BY 1)
          GROUP BY day ORDER BY day`,
      )
      .bind(incident),
    // The counters of src/lookup/stats.ts, in the same batch rather than through readStats (stats.ts), so the
    // figures come from one state in one round trip (remote D1 through wrangler takes seconds per trip).
    db
      .prepare(
        `SELECT day, lookups, affected, notice_opens AS noticeOpens, verify_checks AS verifyChecks
           FROM daily_stats WHERE incident = ?1 ORDER BY day`,
      )
      .bind(incident),
  ]);
  return {
    cells: cells!.results as ReachCounts['cells'][number][],
    days: days!.results as ReachCounts['days'][number][],
    activity: activity!.results as ReachCounts['activity'][number][],
  };
}

export interface UnopenedNotice {
  /** When the notice was issued (ISO 8601, UTC): "not opened for 14 days" counts from here. */
  readonly issuedAt: string;
  readonly channel: Channel;
  /** The answer it carried (null: issued before answers were recorded). */
  readonly answer: AnswerKind | null;
  /** The recipient's keyed hash, in hex: a follow-up checks that its row still names that person. */
  readonly subject: string | null;
}

// D1 binds at most 100 parameters per statement: the incident and 99 hashes.
const HASHES_PER_STATEMENT = 99;
// Statements per batch (one round trip): about 5,000 hashes, well inside D1's limits per batch.
const STATEMENTS_PER_BATCH = 50;

/**
 * Of the given notice code hashes, those of this incident whose link was never opened, keyed by the
 * hash in hex, with when each was issued. A hash that was opened, is a contact code, belongs to
 * another incident or was never issued is absent: a follow-up goes only to what is in the map.
 *
 * @example
 * const unopened = await unopenedNotices(db, 'kissa-2024', codes.map((c) => codeHash(normaliseCode(c)!)));
 * const due = [...unopened].filter(([, n]) => Date.parse(n.issuedAt) <= Date.now() - 14 * 86_400_000);
 */
export async function unopenedNotices(
  db: D1Database,
  incident: string,
  hashes: readonly Uint8Array[],
): Promise<Map<string, UnopenedNotice>> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < hashes.length; i += HASHES_PER_STATEMENT) {
    const chunk = hashes.slice(i, i + HASHES_PER_STATEMENT);
    statements.push(
      db
        .prepare(
          `SELECT hash, issued_at, coalesce(channel, 'email') AS channel, answer, subject FROM codes
            WHERE incident = ?1 AND kind = 'notice' AND first_opened IS NULL
              AND hash IN (${chunk.map((_, j) => `?${j + 2}`).join(',')})`,
        )
        .bind(incident, ...chunk),
    );
  }
  const found = new Map<string, UnopenedNotice>();
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    const results = await db.batch<{
      hash: ArrayBuffer | number[];
      issued_at: string;
      channel: Channel;
      answer: AnswerKind | null;
      subject: ArrayBuffer | number[] | null;
    }>(
      statements.slice(i, i + STATEMENTS_PER_BATCH),
    );
    for (const result of results) {
      for (const r of result.results) {
        found.set(hex(bytes(r.hash)), { issuedAt: r.issued_at, channel: r.channel, answer: r.answer, subject: r.subject === null ? null : hex(bytes(r.subject)) });
      }
    }
  }
  return found;
}

/** How many of the given hashes are notice codes of this incident, opened or not. */
export async function countNotices(db: D1Database, incident: string, hashes: readonly Uint8Array[]): Promise<number> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < hashes.length; i += HASHES_PER_STATEMENT) {
    const chunk = hashes.slice(i, i + HASHES_PER_STATEMENT);
    statements.push(
      db
        .prepare(`SELECT count(*) AS n FROM codes WHERE incident = ?1 AND kind = 'notice' AND hash IN (${chunk.map((_, j) => `?${j + 2}`).join(',')})`)
        .bind(incident, ...chunk),
    );
  }
  let n = 0;
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    for (const result of await db.batch<{ n: number }>(statements.slice(i, i + STATEMENTS_PER_BATCH))) n += result.results[0]?.n ?? 0;
  }
  return n;
}
