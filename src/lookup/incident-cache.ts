/**
 * The incident cache: each isolate keeps the incidents it has read, and every lookup's single read
 * returns the incident's revision, active dataset and key id, so a stale copy is noticed and reloaded
 * before it can answer. Pages always read afresh (incidentForPage).
 */
import type { Incident } from '../core/incident.ts';
import type { LookupRow } from '../data/entries.ts';
import { loadIncident } from '../data/incidents.ts';
import { type D1Reader, publicReads } from '../data/reader.ts';
import type { AppEnv } from '../env.ts';

const incidents = new Map<string, Incident>();

/** This isolate's copy, unchecked: act on it only once a read has shown it is current (isCurrent). */
export function cachedCopy(slug: string): Incident | undefined {
  return incidents.get(slug);
}

/** Drops the copy of an incident a read found deleted. */
export function forgetIncident(slug: string): void {
  incidents.delete(slug);
}

/** Reads an incident from D1 (or a D1 session) and refreshes the per-isolate copy. */
export async function freshIncident(db: D1Reader, slug: string): Promise<Incident | null> {
  const incident = await loadIncident(db, slug);
  if (incident) incidents.set(slug, incident);
  else incidents.delete(slug);
  return incident;
}

/**
 * Reads an incident for display. Always from D1: a page makes no lookup read that could reveal a stale
 * cached copy, so a cached one would show an old status and update log for as long as the isolate lives.
 */
export async function incidentForPage(env: AppEnv, slug: string): Promise<Incident | null> {
  return freshIncident(publicReads(env.DB), slug);
}

/** What a read returned about the incident's state; the cached incident must match all of it. */
type Seen = Pick<LookupRow, 'revision' | 'activeDataset' | 'keyId'>;

/** True when a (cached) incident is the one a read has just seen. */
export function isCurrent(incident: Incident | null | undefined, seen: Seen): incident is Incident {
  return !!incident && incident.revision === seen.revision && incident.activeDataset === seen.activeDataset && incident.keyId === seen.keyId;
}

/**
 * The incident for a read that has just returned its revision, active dataset and key id (a code
 * lookup): the cached copy when it matches them, else a fresh one. Null if it changed again meanwhile.
 */
export async function incidentMatching(db: D1Reader, slug: string, seen: Seen): Promise<Incident | null> {
  const cached = incidents.get(slug);
  if (isCurrent(cached, seen)) return cached;
  const fresh = await freshIncident(db, slug);
  return isCurrent(fresh, seen) ? fresh : null;
}

/** The cached incident, or a fresh read when this isolate has none. */
export async function cachedIncident(env: AppEnv, slug: string): Promise<Incident | null> {
  return incidents.get(slug) ?? (await freshIncident(env.DB, slug));
}
