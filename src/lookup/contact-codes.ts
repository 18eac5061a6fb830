/**
 * Support contact codes: a short-lived code an agent reads out on a call or puts in an email, which the
 * customer checks on /verify ("genuine: a support contact issued at <time>"). The code answers nothing
 * about anyone, so it names no customer (subject NULL). D1 keeps only its hash, with an audit row that
 * ties it to the agent who issued it.
 */
import { codeHash, newCode, normaliseCode } from '../core/codes.ts';
import { insertContactCode } from '../data/codes.ts';
import { config } from '../config.ts';
import type { AppEnv } from '../env.ts';
import { cachedIncident } from './incident-cache.ts';

export type ContactCodeOutcome =
  | { readonly kind: 'issued'; readonly code: string; readonly incident: string; readonly issuedAt: string; readonly expiresAt: string }
  | { readonly kind: 'unknown_incident' };

export async function issueContactCode(env: AppEnv, agent: string, slug: string, now = new Date()): Promise<ContactCodeOutcome> {
  const minutes = config(env).contactCodeMinutes;
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
