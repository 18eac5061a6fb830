/** Reference codes (notices and support contacts). Only SHA-256 of each code is stored. */
import type { AnswerKind } from '../core/decide.ts';
import type { Channel } from '../core/reach.ts';
import type { D1Reader } from './reader.ts';

export interface CodeRecord {
  readonly hash: Uint8Array;
  readonly kind: 'notice' | 'contact';
  readonly incident: string;
  /** The recipient's keyed hash (notices); null for codes that answer nothing. */
  readonly subject: Uint8Array | null;
  readonly subjectKey: string | null;
  /** subjectBindingText() of how `subject` was hashed; null for codes that answer nothing. */
  readonly subjectBinding: string | null;
  readonly locale: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  /** How a notice went out, for the reach figures; null for contact codes. */
  readonly channel: Channel | null;
  /** The answer a notice carried when issued (its link shows the current one); null for contact codes. */
  readonly answer: AnswerKind | null;
}

/** Stores codes in one batch (one transaction): either all of them are issued or none. */
export async function insertCodes(db: D1Database, codes: readonly CodeRecord[]): Promise<void> {
  if (codes.length === 0) return;
  const insert = db.prepare(
    `INSERT INTO codes (hash, kind, incident, subject, subject_key, subject_binding, locale, issued_at, expires_at, channel, answer)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)`,
  );
  await db.batch(
    codes.map((c) =>
      insert.bind(c.hash, c.kind, c.incident, c.subject, c.subjectKey, c.subjectBinding, c.locale, c.issuedAt, c.expiresAt, c.channel, c.answer),
    ),
  );
}

/** What a code resolves to, read in one statement together with what a notice page needs to answer. */
export interface CodeRow {
  readonly kind: 'notice' | 'contact';
  readonly incident: string;
  readonly locale: string | null;
  readonly issuedAt: string;
  readonly expiresAt: string | null;
  readonly subjectKey: string | null;
  readonly subjectBinding: string | null;
  /** The notice link was opened before (src/lookup/first-open.ts): no need to write that again. */
  readonly opened: boolean;
  /** The incident's state at the time of the read, as in LookupRow. */
  readonly revision: number;
  readonly activeDataset: number | null;
  readonly keyId: string | null;
  readonly binding: string | null;
  readonly entry: { readonly groups: number; readonly store: string | null } | null;
}

/**
 * Resolves a code hash: the code, its incident's current revision and dataset, and, for a notice, its
 * recipient's entry in the active dataset. One indexed read. Null when no such code was issued.
 */
export async function readCode(db: D1Reader, hash: Uint8Array): Promise<CodeRow | null> {
  const row = await db
    .prepare(
      `SELECT c.kind, c.incident, c.locale, c.issued_at, c.expires_at, c.subject_key, c.subject_binding,
              c.first_opened IS NOT NULL AS opened, i.revision, i.active_dataset, d.key_id, d.binding, e.groups, s.label AS store
         FROM codes c
         JOIN incidents i ON i.slug = c.incident
         LEFT JOIN datasets d ON d.id = i.active_dataset
         LEFT JOIN entries e ON e.dataset = i.active_dataset AND e.hash = c.subject
         LEFT JOIN stores s ON s.dataset = e.dataset AND s.id = e.store
        WHERE c.hash = ?1`,
    )
    .bind(hash)
    .first<{
      kind: 'notice' | 'contact';
      incident: string;
      locale: string | null;
      issued_at: string;
      expires_at: string | null;
      subject_key: string | null;
      subject_binding: string | null;
      opened: number;
      revision: number;
      active_dataset: number | null;
      key_id: string | null;
      binding: string | null;
      groups: number | null;
      store: string | null;
    }>();
  if (!row) return null;
  return {
    kind: row.kind,
    incident: row.incident,
    locale: row.locale,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    subjectKey: row.subject_key,
    subjectBinding: row.subject_binding,
    opened: row.opened === 1,
    revision: row.revision,
    activeDataset: row.active_dataset,
    keyId: row.key_id,
    binding: row.binding,
    entry: row.groups === null ? null : { groups: row.groups, store: row.store },
  };
}

/** Stores a contact code and its audit row in one transaction: no code exists without its row. */
export async function insertContactCode(db: D1Database, code: CodeRecord, agent: string): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO codes (hash, kind, incident, subject, subject_key, subject_binding, locale, issued_at, expires_at)
         VALUES (?1, 'contact', ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(code.hash, code.incident, code.subject, code.subjectKey, code.subjectBinding, code.locale, code.issuedAt, code.expiresAt),
    db
      .prepare(
        `INSERT INTO agent_audit (at, agent, action, incident, code_hash, answer) VALUES (?1, ?2, 'contact_code', ?3, ?4, 'issued')`,
      )
      .bind(code.issuedAt, agent, code.incident, code.hash),
  ]);
}
