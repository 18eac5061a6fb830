/**
 * The official channels to show where no single incident applies (the verify page before or without a
 * genuine code): every published incident's sender addresses and phone numbers, without repeats.
 */
import type { IncidentContent } from '../core/incident.ts';
import type { IncidentSummary } from '../data/incidents.ts';

export function allContacts(incidents: readonly IncidentSummary[]): IncidentContent['contacts'] {
  const senders = [...new Set(incidents.flatMap((i) => i.content.contacts.senders))];
  const phones = new Map(incidents.flatMap((i) => i.content.contacts.phones).map((p) => [p.number, p]));
  return { senders, phones: [...phones.values()] };
}
