/** Aggregate counters: numbers per incident and day, nothing else. */

export const STAT_FIELDS = ['lookups', 'affected', 'notice_opens', 'verify_checks'] as const;
export type StatField = (typeof STAT_FIELDS)[number];
export type StatCounts = Record<StatField, number>;

/** Adds counts to the per-day rows, in one batch. */
export async function addStats(
  db: D1Database,
  rows: readonly { incident: string; day: string; counts: Partial<StatCounts> }[],
): Promise<void> {
  if (rows.length === 0) return;
  const upsert = db.prepare(
    `INSERT INTO daily_stats (incident, day, lookups, affected, notice_opens, verify_checks) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
     ON CONFLICT (incident, day) DO UPDATE SET
       lookups = lookups + excluded.lookups, affected = affected + excluded.affected,
       notice_opens = notice_opens + excluded.notice_opens, verify_checks = verify_checks + excluded.verify_checks`,
  );
  await db.batch(
    rows.map((r) =>
      upsert.bind(r.incident, r.day, r.counts.lookups ?? 0, r.counts.affected ?? 0, r.counts.notice_opens ?? 0, r.counts.verify_checks ?? 0),
    ),
  );
}

export interface StatRow extends StatCounts {
  readonly incident: string;
  readonly day: string;
}

/** Counters, oldest day first, optionally for one incident and a range of days (inclusive, YYYY-MM-DD). */
export async function readStats(db: D1Database, filter: { incident?: string; from?: string; to?: string } = {}): Promise<StatRow[]> {
  const { results } = await db
    .prepare(
      `SELECT incident, day, lookups, affected, notice_opens, verify_checks FROM daily_stats
        WHERE (?1 IS NULL OR incident = ?1) AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)
        ORDER BY day, incident`,
    )
    .bind(filter.incident ?? null, filter.from ?? null, filter.to ?? null)
    .all<StatRow>();
  return results;
}
