/**
 * The JSON API's answer as the text of its body, for typed lookups. Apart from what was checked and when,
 * that body is a function of the incident (the isolate's cached object, one per revision), the list's
 * part of the decision (no list read, not on the list, or the entry's groups and store), the language and
 * the time zone. So it is built and serialised once per such combination and kept beside the incident:
 * building and serialising an answer's words was the largest piece of a lookup's own JavaScript.
 *
 * The decision itself is made afresh for every lookup (src/lookup/public.ts), and its kind is part of
 * the key, so a kept body can never carry another answer than the one just decided.
 */
import type { Answer, Entry } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { answerText } from './answer-box.ts';
import { answerJson } from './answer-json.ts';

interface Kept {
  /** The body up to the fields that change with every lookup, without its closing brace. */
  readonly head: string;
  readonly listDate: string;
}

const kept = new WeakMap<Incident, Map<string, Kept>>();
/** Many stores make many distinct entries; past this many bodies an incident's are dropped and rebuilt. */
const MAX_KEPT_PER_INCIDENT = 256;

export interface AnswerBodyInput {
  readonly answer: Answer;
  readonly incident: Incident;
  /** The list's part of the decision the answer was made from (decide's second argument). */
  readonly list: { readonly entry: Entry | null } | null;
  readonly locale: Locale;
  /** What was looked up, masked (masked.ts). */
  readonly masked: string;
  readonly timeZone: string;
}

/** JSON.stringify(answerJson(…)) of a typed lookup, field for field and in the same order. */
export function answerBody(input: AnswerBodyInput): string {
  const { answer, incident, list, locale, masked, timeZone } = input;
  const entry = list?.entry ?? null;
  // The store label comes last and may hold any character; nothing before it holds a '|'.
  const listPart = list === null ? 'no list' : entry === null ? 'not listed' : `${entry.groups}|${entry.store === null ? 'no store' : `store=${entry.store}`}`;
  const key = `${answer.kind}|${locale}|${timeZone}|${listPart}`;
  let bodies = kept.get(incident);
  if (!bodies) kept.set(incident, (bodies = new Map()));
  let parts = bodies.get(key);
  if (!parts) {
    // Built with nothing typed: no word of a typed answer quotes the input, only `checked` (added below).
    const text = answerText({ answer, incident, locale, reached: { via: 'typed', masked: '' }, timeZone });
    const { checked: _checked, listDate, checkedAt: _checkedAt, ...rest } = answerJson(answer, text, incident, locale, '', timeZone);
    parts = { head: JSON.stringify(rest).slice(0, -1), listDate: JSON.stringify(listDate) };
    if (bodies.size >= MAX_KEPT_PER_INCIDENT) bodies.clear();
    bodies.set(key, parts);
  }
  return `${parts.head},"checked":${JSON.stringify(masked)},"listDate":${parts.listDate},"checkedAt":${JSON.stringify(new Date().toISOString())}}`;
}
