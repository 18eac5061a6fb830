/**
 * The data module: every SQL statement of the project. Plain functions over a D1Database, shared by the
 * Worker and the operator CLI, mapping rows to domain types. Identifiers never appear here in plaintext;
 * only keyed hashes do.
 */
import { agentId } from '../core/agent-id.ts';
import { type DatasetBinding, type ListContents, bindingText, parseBinding } from '../core/dataset-binding.ts';
import {
  type ExposureGroup,
  type Incident,
  type IncidentContent,
  type IncidentDefinition,
  type IncidentStatus,
  MAX_GROUPS,
} from '../core/incident.ts';
import { parseShapes } from '../core/order-id-shapes.ts';
import type { AnswerKind } from '../core/decide.ts';
import type { Channel } from '../core/reach.ts';
import { lockTolerant } from './locked-retry.ts';

/**
 * What a read-only query needs: a database or a D1 session (a session has no exec or dump). The public
 * reads below take this, so they can run on a read replica; writes take the D1Database itself.
 */
export type D1Reader = Pick<D1Database, 'prepare' | 'batch'>;

/**
 * A session for the reads of one public request (a lookup, a notice link, a page). With D1 read
 * replication on, its first query may go to the nearest replica instead of the primary, and the
 * session keeps its later queries at least as current as that one, so an incident and its entries are
 * read from the same state. A replica can lag the primary by a moment: right after an import a lookup
 * may still answer from the previous dataset, never from a mix of the two (the lookup's one read
 * returns the dataset it answered from, and the cached incident must match it). Without replication
 * every session reads the primary, as before. Writes (the agent's audited lookup, counters, contact
 * codes) always go to the primary through the binding itself. A read that meets the database locked by
 * a local import is retried for a moment (locked-retry.ts) instead of failing.
 */
export function publicReads(db: D1Database): D1Reader {
  return lockTolerant(db.withSession('first-unconstrained'));
}

interface IncidentRow {
  slug: string;
  status: IncidentStatus;
  salt: ArrayBuffer | number[];
  revision: number;
  active_dataset: number | null;
  key_id: string | null;
  binding: string | null;
  emails: number | null;
  order_ids: number | null;
  order_id_shapes: string | null;
  order_id_only: number | null;
  completed_at: string | null;
  content: string;
}

interface GroupRow {
  bit: number;
  code: string;
  label: string;
  period_from: string;
  period_to: string | null;
  data_classes: string;
  certainty: ExposureGroup['certainty'];
}

interface UpdateRow {
  date: string;
  text: string;
}

/** D1 hands BLOBs back as number arrays; older runtimes gave ArrayBuffers. */
export function bytes(blob: ArrayBuffer | number[]): Uint8Array {
  return blob instanceof ArrayBuffer ? new Uint8Array(blob) : Uint8Array.from(blob);
}

function toGroup(row: GroupRow): ExposureGroup {
  return {
    bit: row.bit,
    code: row.code,
    label: JSON.parse(row.label),
    period: row.period_to === null ? { from: row.period_from } : { from: row.period_from, to: row.period_to },
    dataClasses: row.data_classes.split(',') as ExposureGroup['dataClasses'],
    certainty: row.certainty,
  };
}

/** What a dataset row says its list holds; null when it predates the record or it is unreadable. */
function listContents(row: { emails: number | null; order_ids: number | null; order_id_shapes: string | null; order_id_only: number | null }): ListContents | null {
  const shapes = parseShapes(row.order_id_shapes);
  if (row.emails === null || row.order_ids === null || shapes === null) return null;
  return { emails: row.emails, orderIds: row.order_ids, orderIdShapes: shapes, orderIdOnly: row.order_id_only };
}

/** Loads an incident with its groups and updates in one batch (one round trip). Null if unknown. */
export async function loadIncident(db: D1Reader, slug: string): Promise<Incident | null> {
  const [incident, groups, updates] = await db.batch([
    db
      .prepare(
        `SELECT i.slug, i.status, i.salt, i.revision, i.active_dataset, d.key_id, d.binding, d.emails, d.order_ids,
                d.order_id_shapes, d.order_id_only, d.completed_at, i.content
           FROM incidents i LEFT JOIN datasets d ON d.id = i.active_dataset
          WHERE i.slug = ?1`,
      )
      .bind(slug),
    db
      .prepare(
        `SELECT bit, code, label, period_from, period_to, data_classes, certainty
           FROM exposure_groups WHERE incident = ?1 AND retired = 0 ORDER BY bit`,
      )
      .bind(slug),
    db.prepare('SELECT date, text FROM incident_updates WHERE incident = ?1 ORDER BY seq').bind(slug),
  ]);
  const row = (incident!.results as IncidentRow[])[0];
  if (!row) return null;
  const content = JSON.parse(row.content) as IncidentContent;
  return {
    slug: row.slug,
    status: row.status,
    salt: bytes(row.salt),
    revision: row.revision,
    activeDataset: row.active_dataset,
    keyId: row.key_id,
    binding: parseBinding(row.binding),
    contents: listContents(row),
    content,
    groups: (groups!.results as GroupRow[]).map((g) => withReason(toGroup(g), content)),
    updates: (updates!.results as UpdateRow[]).map((u) => ({ date: u.date, text: JSON.parse(u.text) })),
    orderIdPattern: content.lookup.orderIdPattern ? new RegExp(content.lookup.orderIdPattern, 'u') : undefined,
    listActivatedAt: row.active_dataset === null ? null : row.completed_at,
  };
}

/** A group's reason for "possible" lives in the incident's content, keyed by group code. */
function withReason(group: ExposureGroup, content: IncidentContent): ExposureGroup {
  const reason = content.reasons?.[group.code];
  return reason ? { ...group, reason } : group;
}

export interface IncidentSummary {
  readonly slug: string;
  readonly status: IncidentStatus;
  readonly content: IncidentContent;
}

/** All incidents, newest first, for the start page. */
export async function listIncidents(db: D1Reader): Promise<IncidentSummary[]> {
  const { results } = await db
    .prepare('SELECT slug, status, content FROM incidents ORDER BY published_at DESC, slug')
    .all<{ slug: string; status: IncidentStatus; content: string }>();
  return results.map((r) => ({ slug: r.slug, status: r.status, content: JSON.parse(r.content) }));
}

/** The result of the single read behind every lookup. */
export interface LookupRow {
  /** Lets the caller notice that its cached incident is stale (republished, or another dataset switched on). */
  readonly revision: number;
  readonly activeDataset: number | null;
  readonly keyId: string | null;
  /** The active dataset's binding as stored (JSON text), compared with what the Worker expects. */
  readonly binding: string | null;
  /** Null when the identifier is not in the active dataset. */
  readonly entry: { readonly groups: number; readonly store: string | null } | null;
}

/**
 * The lookup: one indexed read that returns the entry for a keyed hash in the incident's active dataset,
 * together with what identifies that dataset, so a stale cache cannot answer from an old version.
 * Null when the incident does not exist. A null hash matches no entry: the read then only reports the
 * incident's state (invalid input is answered only once that state shows the cache is current).
 */
export async function lookupEntry(db: D1Reader, slug: string, hash: Uint8Array | null): Promise<LookupRow | null> {
  const row = await db
    .prepare(
      `SELECT i.revision, i.active_dataset, d.key_id, d.binding, e.groups, s.label AS store
         FROM incidents i
         LEFT JOIN datasets d ON d.id = i.active_dataset
         LEFT JOIN entries e ON e.dataset = i.active_dataset AND e.hash = ?2
         LEFT JOIN stores s ON s.dataset = e.dataset AND s.id = e.store
        WHERE i.slug = ?1`,
    )
    .bind(slug, hash)
    .first<{ revision: number; active_dataset: number | null; key_id: string | null; binding: string | null; groups: number | null; store: string | null }>();
  if (!row) return null;
  return {
    revision: row.revision,
    activeDataset: row.active_dataset,
    keyId: row.key_id,
    binding: row.binding,
    entry: row.groups === null ? null : { groups: row.groups, store: row.store },
  };
}

// ---- Writes, used by the operator CLI (and by tests to set up their own data). ----

export interface PublishResult {
  readonly created: boolean;
  readonly changed: boolean;
}

/**
 * Creates or updates an incident from a validated definition, in one transaction. Group bits are kept
 * for codes seen before and new codes take the lowest free bit; a group left out of the definition is
 * retired, not deleted. Publishing an unchanged definition changes nothing.
 */
export async function publishIncident(
  db: D1Database,
  def: IncidentDefinition,
  newSalt: () => Uint8Array,
  now: Date = new Date(),
): Promise<PublishResult> {
  const content = JSON.stringify({
    company: def.company,
    text: def.text,
    nextSteps: def.nextSteps,
    contacts: def.contacts,
    lookup: def.lookup,
    // Only when used, so a file that uses none of these keeps the content (and revision) it had before they existed.
    ...(Object.keys(def.dataClasses).length > 0 ? { dataClasses: def.dataClasses } : {}),
    ...(def.demo ? { demo: true } : {}),
    ...(def.legal && Object.keys(def.legal).length > 0 ? { legal: def.legal } : {}),
    ...(def.groups.some((g) => g.reason) ? { reasons: Object.fromEntries(def.groups.flatMap((g) => (g.reason ? [[g.code, g.reason]] : []))) } : {}),
  } satisfies IncidentContent);
  const [existing, groupRows, updateRows] = await db.batch([
    db.prepare('SELECT status, content FROM incidents WHERE slug = ?1').bind(def.slug),
    db.prepare('SELECT bit, code, label, period_from, period_to, data_classes, certainty, retired FROM exposure_groups WHERE incident = ?1').bind(def.slug),
    db.prepare('SELECT date, text FROM incident_updates WHERE incident = ?1 ORDER BY seq').bind(def.slug),
  ]);
  const current = (existing!.results as { status: string; content: string }[])[0];
  const oldGroups = groupRows!.results as (GroupRow & { retired: number })[];
  const bits = new Map(oldGroups.map((g) => [g.code, g.bit]));
  const used = new Set(oldGroups.map((g) => g.bit));
  const nextBit = () => {
    for (let bit = 0; bit < MAX_GROUPS; bit++) if (!used.has(bit)) return used.add(bit), bit;
    throw new Error(`an incident can hold at most ${MAX_GROUPS} groups over its lifetime`);
  };
  const groups = def.groups.map((g) => ({
    bit: bits.get(g.code) ?? nextBit(),
    code: g.code,
    label: JSON.stringify(g.label),
    period_from: g.period.from,
    period_to: g.period.to ?? null,
    data_classes: g.dataClasses.join(','),
    certainty: g.certainty,
    retired: 0,
  }));
  const retired = oldGroups
    .filter((g) => !def.groups.some((d) => d.code === g.code))
    .map((g) => ({ ...g, retired: 1 }));
  const updates = def.updates.map((u) => ({ date: u.date, text: JSON.stringify(u.text) }));

  const sameGroups =
    JSON.stringify([...groups, ...retired].sort((a, b) => a.bit - b.bit)) ===
    JSON.stringify([...oldGroups].sort((a, b) => a.bit - b.bit));
  const sameUpdates = JSON.stringify(updates) === JSON.stringify(updateRows!.results);
  if (current && current.status === def.status && current.content === content && sameGroups && sameUpdates) {
    return { created: false, changed: false };
  }

  const statements = [
    current
      ? db
          .prepare('UPDATE incidents SET status = ?2, content = ?3, revision = revision + 1, published_at = ?4 WHERE slug = ?1')
          .bind(def.slug, def.status, content, now.toISOString())
      : db
          .prepare('INSERT INTO incidents (slug, status, salt, content, published_at) VALUES (?1, ?2, ?3, ?4, ?5)')
          .bind(def.slug, def.status, newSalt(), content, now.toISOString()),
    db.prepare('DELETE FROM exposure_groups WHERE incident = ?1').bind(def.slug),
    db.prepare('DELETE FROM incident_updates WHERE incident = ?1').bind(def.slug),
    ...[...groups, ...retired].map((g) =>
      db
        .prepare(
          `INSERT INTO exposure_groups (incident, bit, code, label, period_from, period_to, data_classes, certainty, retired)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`,
        )
        .bind(def.slug, g.bit, g.code, g.label, g.period_from, g.period_to, g.data_classes, g.certainty, g.retired),
    ),
    ...updates.map((u, seq) =>
      db.prepare('INSERT INTO incident_updates (incident, seq, date, text) VALUES (?1, ?2, ?3, ?4)').bind(def.slug, seq, u.date, u.text),
    ),
  ];
  await db.batch(statements);
  return { created: !current, changed: true };
}

/** Group codes to bits for an incident, for importers building masks. Retired groups are not importable. */
export async function groupBits(db: D1Database, slug: string): Promise<Map<string, number>> {
  const { results } = await db
    .prepare('SELECT code, bit FROM exposure_groups WHERE incident = ?1 AND retired = 0')
    .bind(slug)
    .all<{ code: string; bit: number }>();
  return new Map(results.map((r) => [r.code, r.bit]));
}

export async function incidentSalt(db: D1Database, slug: string): Promise<Uint8Array | null> {
  const row = await db.prepare('SELECT salt FROM incidents WHERE slug = ?1').bind(slug).first<{ salt: ArrayBuffer | number[] }>();
  return row ? bytes(row.salt) : null;
}

export interface ActiveDataset {
  readonly id: number;
  readonly keyId: string;
  readonly digest: string | null;
  readonly entries: number;
  /** As stored (JSON text): an identical list under another binding is not "unchanged". */
  readonly binding: string | null;
}

export async function activeDataset(db: D1Database, slug: string): Promise<ActiveDataset | null> {
  const row = await db
    .prepare(
      `SELECT d.id, d.key_id, d.digest, d.entries, d.binding FROM incidents i JOIN datasets d ON d.id = i.active_dataset
        WHERE i.slug = ?1`,
    )
    .bind(slug)
    .first<{ id: number; key_id: string; digest: string | null; entries: number; binding: string | null }>();
  return row ? { id: row.id, keyId: row.key_id, digest: row.digest, entries: row.entries, binding: row.binding } : null;
}

/** Every pepper key id that datasets or notice codes carry: a new pepper must not reuse one. */
export async function usedKeyIds(db: D1Database): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT key_id AS id FROM datasets UNION SELECT subject_key FROM codes WHERE subject_key IS NOT NULL')
    .all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}

/**
 * Starts a new dataset in state 'loading', bound to what made it and recording what its list holds.
 * Nothing reads it until activateDataset.
 */
export async function beginDataset(
  db: D1Database,
  slug: string,
  made: { binding: DatasetBinding; contents: ListContents },
  now: Date = new Date(),
): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO datasets (incident, key_id, state, created_at, binding, emails, order_ids, order_id_shapes, order_id_only)
       VALUES (?1, ?2, 'loading', ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id`,
    )
    .bind(
      slug,
      made.binding.keyId,
      now.toISOString(),
      bindingText(made.binding),
      made.contents.emails,
      made.contents.orderIds,
      JSON.stringify(made.contents.orderIdShapes),
      made.contents.orderIdOnly ?? null,
    )
    .first<{ id: number }>();
  return row!.id;
}

export interface EntryRecord {
  readonly hash: Uint8Array;
  readonly groups: number;
  readonly store: number | null;
}

/** Store labels of a dataset, numbered by the importer. */
export async function insertStores(db: D1Database, dataset: number, labels: readonly string[]): Promise<void> {
  if (labels.length === 0) return;
  await db.batch(
    labels.map((label, id) =>
      db.prepare('INSERT INTO stores (dataset, id, label) VALUES (?1, ?2, ?3)').bind(dataset, id, label),
    ),
  );
}

// Larger, parameter-free INSERTs for bulk loads: D1 caps a statement at 100 KB of SQL, and each entry
// takes at most ~60 characters as a literal, so 1,000 entries stay well inside it.
export const ENTRIES_PER_BULK_STATEMENT = 1000;

export function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * One INSERT of entries written as SQL literals, for bulk loads (locally through the platform proxy,
 * remotely as files for D1's import). Every value is a number or bytes the importer produced itself,
 * never text from the list, so there is nothing to escape.
 */
export function entriesInsertSql(dataset: number, entries: readonly EntryRecord[]): string {
  const rows = entries.map(
    (e) => `(${Math.trunc(dataset)},X'${hex(e.hash)}',${Math.trunc(e.groups)},${e.store === null ? 'NULL' : Math.trunc(e.store)})`,
  );
  return `INSERT INTO entries (dataset, hash, groups, store) VALUES ${rows.join(',')};`;
}

/**
 * Appends entries to a loading dataset, in one batch of bulk INSERTs. Callers send entries sorted by
 * hash, which packs the b-tree pages full (about 30 bytes a record instead of about 40).
 */
export async function insertEntries(db: D1Database, dataset: number, entries: readonly EntryRecord[]): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < entries.length; i += ENTRIES_PER_BULK_STATEMENT) {
    statements.push(db.prepare(entriesInsertSql(dataset, entries.slice(i, i + ENTRIES_PER_BULK_STATEMENT))));
  }
  if (statements.length > 0) await db.batch(statements);
}

/** Datasets of an incident that never finished loading (an aborted import), oldest first. */
export async function unfinishedDatasets(db: D1Database, slug: string): Promise<number[]> {
  const { results } = await db
    .prepare(`SELECT id FROM datasets WHERE incident = ?1 AND state = 'loading' ORDER BY id`)
    .bind(slug)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * Deletes up to `limit` entries of a dataset that no lookup reads (superseded or abandoned) and returns
 * how many went; callers repeat until 0, which keeps each statement short on large datasets.
 */
export async function pruneEntries(db: D1Database, dataset: number, limit = 50_000): Promise<number> {
  const result = await db
    .prepare(
      `DELETE FROM entries WHERE dataset = ?1 AND hash IN (SELECT hash FROM entries WHERE dataset = ?1 LIMIT ?2)
         AND NOT EXISTS (SELECT 1 FROM incidents WHERE active_dataset = ?1)`,
    )
    .bind(dataset, limit)
    .run();
  return result.meta.changes;
}

/** Datasets whose entries may be pruned: superseded ones that still hold entries. */
export async function prunableDatasets(db: D1Database, slug: string): Promise<number[]> {
  const { results } = await db
    .prepare(
      `SELECT d.id FROM datasets d WHERE d.incident = ?1 AND d.state = 'superseded'
          AND EXISTS (SELECT 1 FROM entries e WHERE e.dataset = d.id)`,
    )
    .bind(slug)
    .all<{ id: number }>();
  return results.map((r) => r.id);
}

/**
 * Marks a loaded dataset complete and switches the incident to it, in one transaction: lookups see the
 * old version or the new one, never a mix. The previous dataset is marked superseded.
 */
export async function activateDataset(
  db: D1Database,
  slug: string,
  dataset: number,
  summary: { entries: number; digest: string },
  now: Date = new Date(),
): Promise<void> {
  await db.batch([
    db
      .prepare(`UPDATE datasets SET state = 'superseded' WHERE incident = ?1 AND state = 'complete'`)
      .bind(slug),
    db
      .prepare(`UPDATE datasets SET state = 'complete', entries = ?2, digest = ?3, completed_at = ?4 WHERE id = ?1 AND state = 'loading'`)
      .bind(dataset, summary.entries, summary.digest, now.toISOString()),
    db.prepare('UPDATE incidents SET active_dataset = ?2 WHERE slug = ?1').bind(slug, dataset),
  ]);
}

// ---- Reference codes (notices and support contacts). Only SHA-256 of each code is stored. ----

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

// D1 binds at most 100 parameters per statement.
const HASHES_PER_STATEMENT = 99;

/**
 * Entries of a dataset for many keyed hashes at once (the notices command answers every recipient),
 * keyed by the hash in hex. Hashes not in the dataset are absent from the map.
 */
export async function entriesFor(
  db: D1Database,
  dataset: number,
  hashes: readonly Uint8Array[],
): Promise<Map<string, { groups: number; store: string | null }>> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < hashes.length; i += HASHES_PER_STATEMENT) {
    const chunk = hashes.slice(i, i + HASHES_PER_STATEMENT);
    statements.push(
      db
        .prepare(
          `SELECT e.hash, e.groups, s.label AS store FROM entries e
             LEFT JOIN stores s ON s.dataset = e.dataset AND s.id = e.store
            WHERE e.dataset = ?1 AND e.hash IN (${chunk.map((_, j) => `?${j + 2}`).join(',')})`,
        )
        .bind(dataset, ...chunk),
    );
  }
  const found = new Map<string, { groups: number; store: string | null }>();
  if (statements.length === 0) return found;
  for (const result of await db.batch<{ hash: ArrayBuffer | number[]; groups: number; store: string | null }>(statements)) {
    for (const r of result.results) found.set(hex(bytes(r.hash)), { groups: r.groups, store: r.store });
  }
  return found;
}

// ---- Aggregate counters: numbers per incident and day, nothing else. ----

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

// ---- The support console: audited lookups, contact codes and the audit log. ----

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
