/**
 * Support contact codes: a short-lived code an agent reads out on a call or puts in an email, which the
 * customer checks on /verify ("genuine: a support contact issued at <time>"). The code answers nothing
 * about anyone, so it names no customer (subject NULL). D1 keeps only its hash, with an audit row that
 * ties it to the agent who issued it.
 */
import { codeHash, newCode, normaliseCode } from '../core/codes.ts';
import { insertContactCode } from '../data/codes.ts';
import type { AppEnv } from '../env.ts';
import { CannotAnswer, cachedIncident } from './public.ts';

export const DEFAULT_CONTACT_CODE_MINUTES = 30;
const MAX_MINUTES = 24 * 60;

/** CONTACT_CODE_MINUTES as a number; anything but a whole number of minutes up to a day fails closed. */
export function contactCodeMinutes(env: AppEnv): number {
  const raw = env.CONTACT_CODE_MINUTES;
  if (raw === undefined || raw === '') return DEFAULT_CONTACT_CODE_MINUTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_MINUTES) throw new CannotAnswer('CONTACT_CODE_MINUTES must be a whole number from 1 to 1440');
  return n;
}

export type ContactCodeOutcome =
  | { readonly kind: 'issued'; readonly code: string; readonly incident: string; readonly issuedAt: string; readonly expiresAt: string }
  | { readonly kind: 'unknown_incident' };

export async function issueContactCode(env: AppEnv, agent: string, slug: string, now = new Date()): Promise<ContactCodeOutcome> {
  const minutes = contactCodeMinutes(env);
  const incident = await cachedIncident(env, slug);
  if (!incident) return { kind: 'unknown_incident' };
  const code = newCode();
  const issuedAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + minutes * 60_000).toISOString();
  await insertContactCode(
    env.DB,
    { hash: codeHash(normaliseCode(code)!), kind: 'contact', incident: slug, subject: null, subjectKey: null, subjectBinding: null, locale: null, issuedAt, expiresAt, channel: null, answer: null },
    agent,
  );
  return { kind: 'issued', code, incident: slug, issuedAt, expiresAt };
}
