/**
 * Incidents, with their exposure groups and dated updates: loading one together with its active
 * dataset's identity, listing them, publishing a definition, and what an import needs of one.
 */
import { type ListContents, parseBinding } from '../core/dataset-binding.ts';
import {
  type ExposureGroup,
  type Incident,
  type IncidentContent,
  type IncidentDefinition,
  type IncidentStatus,
  MAX_GROUPS,
} from '../core/incident.ts';
import { parseShapes } from '../core/order-id-shapes.ts';
import { bytes } from './blobs.ts';
import type { D1Reader } from './reader.ts';

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
