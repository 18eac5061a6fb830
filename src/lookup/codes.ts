/**
 * Resolving a notice or contact code: the notice deep link (/n/<code>) and the verify page. One D1 read
 * returns the code, its incident's current state and, for a notice, the recipient's entry in the active
 * dataset, so the page shows today's answer even if the scope grew after the notice went out.
 */
import { codeHash, normaliseCode, formatCode, type CodeKind } from '../core/codes.ts';
import { type Answer, decide } from '../core/decide.ts';
import type { Incident } from '../core/incident.ts';
import { readCode } from '../data/codes.ts';
import { publicReads } from '../data/reader.ts';
import type { AppEnv } from '../env.ts';
import { subjectBindingText, subjectKind } from '../core/dataset-binding.ts';
import { CannotAnswer } from './cannot-answer.ts';
import { incidentMatching } from './incident-cache.ts';
import { listFor } from './prepare.ts';
import { keyFor, keyring } from './keyring.ts';

export type CodeOutcome =
  /** Malformed, never issued, or expired: all get the same calm "we did not issue this". */
  | { readonly kind: 'not_issued' }
  | {
      readonly kind: CodeKind;
      /** The code as printed, e.g. "K7QM-3XTR-9HWD-FP2N-6BJC". */
      readonly code: string;
      readonly incident: Incident;
      readonly issuedAt: string;
      readonly locale: string | null;
    };

async function resolve(env: AppEnv, raw: string, now: Date) {
  const code = normaliseCode(raw);
  if (!code) return null;
  // The code and, if the incident changed since this isolate cached it, the incident: one session.
  const db = publicReads(env.DB);
  const hash = codeHash(code);
  const row = await readCode(db, hash);
  if (!row) return null;
  if (row.expiresAt !== null && row.expiresAt <= now.toISOString()) return null;
  const incident = await incidentMatching(db, row.incident, row);
  if (!incident) throw new CannotAnswer('the incident changed during a code lookup');
  return { code: formatCode(code), hash, row, incident };
}

/** For the verify page: is this a code we issued, and if so what kind and when. */
export async function verifyCode(env: AppEnv, raw: string, now = new Date()): Promise<CodeOutcome> {
  const found = await resolve(env, raw, now);
  if (!found) return { kind: 'not_issued' };
  return { kind: found.row.kind, code: found.code, incident: found.incident, issuedAt: found.row.issuedAt, locale: found.row.locale };
}

export interface NoticeAnswer {
  readonly kind: 'answer';
  readonly code: string;
  readonly incident: Incident;
  readonly answer: Answer;
  readonly issuedAt: string;
  readonly locale: string | null;
  /** For the reach record (src/lookup/first-open.ts): the code's stored hash, and whether it was opened before. */
  readonly opened: { readonly hash: Uint8Array; readonly before: boolean };
}

/** For the notice deep link: the recipient's current answer. Contact codes are not links. */
export async function noticeAnswer(
  env: AppEnv,
  raw: string,
  now = new Date(),
): Promise<{ kind: 'not_issued' } | NoticeAnswer> {
  const found = await resolve(env, raw, now);
  if (!found || found.row.kind !== 'notice') return { kind: 'not_issued' };
  const { row, incident } = found;
  const opened = { hash: found.hash, before: row.opened };
  const list = listFor(incident, keyFor(keyring(env), row.keyId), row);
  if (list === null) {
    return { kind: 'answer', code: found.code, incident, answer: decide(incident, null), issuedAt: row.issuedAt, locale: row.locale, opened };
  }
  // The recipient was hashed as the notices run hashed them. Once the list is re-imported under another
  // pepper, normalisation or lookup mode that hash no longer finds them: answering "not affected" would
  // be wrong, so fail closed (a new notices run issues codes that answer).
  const binding = incident.binding!;
  if (row.subjectBinding !== subjectBindingText(binding, subjectKind(binding))) {
    throw new CannotAnswer('the notice was hashed otherwise than the active dataset');
  }
  return { kind: 'answer', code: found.code, incident, answer: decide(incident, list), issuedAt: row.issuedAt, locale: row.locale, opened };
}
