/** The support console's audit log: the agent's audited lookup, and reading the log back. */
import { agentId } from '../core/agent-id.ts';
import { bytes, hex } from './blobs.ts';
import type { LookupRow } from './entries.ts';

export interface AuditedLookupInput {
  readonly agent: string;
  readonly slug: string;
  readonly kind: 'email' | 'order_id' | 'email_factor';
  readonly hash: Uint8Array;
  /** The pepper id `hash` was made with; a dataset hashed with another key cannot answer for it. */
  readonly keyId: string;
  /**
   * bindingText() of what the active dataset must have been made with (this pepper, the incident's
   * lookup settings, this normalisation); a dataset with any other binding answers nothing ('stale').
   */
  readonly binding: string;
  /** Answered lookups the agent may make in the hour before `now`. */
  readonly limitPerHour: number;
  readonly now: Date;
}

export interface AuditedLookupRow extends LookupRow {
  readonly auditId: number;
  /** The agent was past the limit: nothing was read, and the row is flagged. */
  readonly overLimit: boolean;
  /** 'stale': the active dataset was made with another pepper or settings than expected, so the entry means nothing. */
  readonly answer: 'affected' | 'not_affected' | 'no_dataset' | 'stale' | 'refused';
  /** When the last notice was issued to this identifier in this incident, or null. */
  readonly noticeIssuedAt: string | null;
}

/**
 * An agent's lookup, as one statement: it writes the audit row and returns the entry with it. The
 * limit flag is computed in SQL from the agent's answered lookups of the last hour (a 'stale' row, made
 * against a dataset this Worker cannot answer from, showed nothing and does not count), so concurrent
 * lookups cannot slip past it between a count and a write; past the limit the entry is not read at
 * all. Null when the incident does not exist (nothing is written then).
 */
export async function auditedLookup(db: D1Database, q: AuditedLookupInput): Promise<AuditedLookupRow | null> {
  const hourAgo = new Date(q.now.getTime() - 3_600_000).toISOString();
  const row = await db
    .prepare(
      `INSERT INTO agent_audit (at, agent, action, incident, identifier_kind, subject, subject_key, dataset, groups, store, answer, over_limit)
       SELECT ?1, ?2, 'lookup', i.slug, ?4, ?5, ?6, i.active_dataset, e.groups, e.store,
              CASE WHEN q.over THEN 'refused'
                   WHEN i.active_dataset IS NULL THEN 'no_dataset'
                   WHEN d.key_id IS NOT ?6 OR d.binding IS NOT ?9 THEN 'stale'
                   WHEN e.groups IS NULL THEN 'not_affected'
                   ELSE 'affected' END,
              q.over
         FROM incidents i
         JOIN (SELECT count(*) >= ?7 AS over FROM agent_audit
                WHERE agent = ?2 AND at > ?8 AND action = 'lookup' AND over_limit = 0 AND answer <> 'stale') q
         LEFT JOIN datasets d ON d.id = i.active_dataset
         LEFT JOIN entries e ON e.dataset = i.active_dataset AND e.hash = ?5 AND NOT q.over AND d.key_id IS ?6 AND d.binding IS ?9
        WHERE i.slug = ?3
       RETURNING id, answer, over_limit, dataset, groups,
              (SELECT revision FROM incidents WHERE slug = agent_audit.incident) AS revision,
              (SELECT key_id FROM datasets WHERE id = agent_audit.dataset) AS key_id,
              (SELECT label FROM stores WHERE dataset = agent_audit.dataset AND id = agent_audit.store) AS store_label,
              CASE WHEN over_limit THEN NULL ELSE
                (SELECT max(issued_at) FROM codes
                  WHERE incident = agent_audit.incident AND subject = agent_audit.subject AND kind = 'notice')
              END AS notice_at`,
    )
    .bind(q.now.toISOString(), q.agent, q.slug, q.kind, q.hash, q.keyId, q.limitPerHour, hourAgo, q.binding)
    .first<{
      id: number;
      answer: AuditedLookupRow['answer'];
      over_limit: number;
      dataset: number | null;
      groups: number | null;
      revision: number;
      key_id: string | null;
      store_label: string | null;
      notice_at: string | null;
    }>();
  if (!row) return null;
  return {
    auditId: row.id,
    answer: row.answer,
    overLimit: row.over_limit === 1,
    revision: row.revision,
    activeDataset: row.dataset,
    keyId: row.key_id,
    binding: q.binding,
    entry: row.groups === null ? null : { groups: row.groups, store: row.store_label },
    noticeIssuedAt: row.notice_at,
  };
}

export interface AuditFilter {
  /** Any spelling of the agent: compared without regard to case. */
  readonly agent?: string | undefined;
  /** Rows at or after this instant (ISO 8601, UTC). */
  readonly from?: string | undefined;
  /** Rows strictly before this instant. */
  readonly before?: string | undefined;
  readonly incident?: string | undefined;
  /** Only rows past the limit. */
  readonly flagged?: boolean | undefined;
  readonly limit?: number | undefined;
}

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly agent: string;
  readonly action: 'lookup' | 'contact_code';
  readonly incident: string;
  readonly identifierKind: string | null;
  /** Hex of the keyed hash (lookups) or of the code hash (contact codes). */
  readonly hash: string | null;
  readonly answer: string;
  readonly groups: number | null;
  readonly overLimit: boolean;
}

/**
 * The audit log, newest first, filtered by agent, time, incident and flag. New rows hold the agent in
 * lowercase (agentId); rows written before that may not, so the agent compares with NOCASE as well.
 */
export async function readAudit(db: D1Database, f: AuditFilter = {}): Promise<AuditRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, at, agent, action, incident, identifier_kind, coalesce(subject, code_hash) AS hash, answer, groups, over_limit
         FROM agent_audit
        WHERE (?1 IS NULL OR agent = ?1 COLLATE NOCASE) AND (?2 IS NULL OR at >= ?2) AND (?3 IS NULL OR at < ?3)
          AND (?4 IS NULL OR incident = ?4) AND (?5 = 0 OR over_limit = 1)
        ORDER BY at DESC, id DESC
        LIMIT ?6`,
    )
    .bind(f.agent === undefined ? null : agentId(f.agent), f.from ?? null, f.before ?? null, f.incident ?? null, f.flagged ? 1 : 0, f.limit ?? -1)
    .all<{
      id: number;
      at: string;
      agent: string;
      action: AuditRow['action'];
      incident: string;
      identifier_kind: string | null;
      hash: ArrayBuffer | number[] | null;
      answer: string;
      groups: number | null;
      over_limit: number;
    }>();
  return results.map((r) => ({
    id: r.id,
    at: r.at,
    agent: r.agent,
    action: r.action,
    incident: r.incident,
    identifierKind: r.identifier_kind,
    hash: r.hash === null ? null : hex(bytes(r.hash)),
    answer: r.answer,
    groups: r.groups,
    overLimit: r.over_limit === 1,
  }));
}
