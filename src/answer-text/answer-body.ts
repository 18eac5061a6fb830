/**
 * The JSON API's answer as the text of its body, for typed lookups. Apart from what was checked and when,
 * that body is a function of the incident (the isolate's cached object, one per revision), the list's
 * part of the decision (no list read, not on the list, or the entry's groups and store), the language and
 * the time zone. So it is built and serialised once per such combination and kept beside the incident:
 * building and serialising an answer's words was the largest piece of a lookup's own JavaScript.
 *
 * The decision itself is made afresh for every lookup (src/lookup/public.ts), and its kind is part of
 * the key, so a kept body can never carry another answer than the one just decided.
 *
 * The body is kept and returned as UTF-8 bytes: a lookup then copies the kept bytes and encodes only its
 * own last fields, where a string body (mostly Japanese, so two bytes a character in V8) had to be
 * joined, flattened and encoded whole for every response.
 */
import type { Answer, Entry } from '../core/decide.ts';
import type { Incident, Locale } from '../core/incident.ts';
import { answerText } from './answer-box.ts';
import { answerJson } from './answer-json.ts';

interface Kept {
  /** The body up to the fields that change with every lookup, without its closing brace, in UTF-8. */
  readonly head: Uint8Array<ArrayBuffer>;
  readonly listDate: string;
}

const utf8 = new TextEncoder();

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

/** JSON.stringify(answerJson(…)) of a typed lookup, field for field and in the same order, in UTF-8. */
export function answerBody(input: AnswerBodyInput): Uint8Array<ArrayBuffer> {
  const { answer, incident, list, locale, masked, timeZone } = input;
  const entry = list?.entry ?? null;
  // The store label comes last and may hold any character; nothing before it holds a '|'.
  const listPart = list === null ? 'no list' : entry === null ? 'not listed' : `${entry.groups}|${entry.store === null ? 'no store' : `store=${entry.store}`}`;
  const key = `${answer.kind}|${locale}|${timeZone}|${listPart}`;
  let bodies = kept.get(incident);
  if (!bodies) kept.set(incident, (bodies = new Map()));
  let parts = bodies.get(key);
  if (!parts) {
    parts = build(input);
    if (bodies.size >= MAX_KEPT_PER_INCIDENT) bodies.clear();
    bodies.set(key, parts);
  }
  const tail = `,"checked":${JSON.stringify(masked)},"listDate":${parts.listDate},"checkedAt":${JSON.stringify(new Date().toISOString())}}`;
  // A UTF-16 code unit takes at most three bytes in UTF-8, so the tail always fits.
  const body = new Uint8Array(parts.head.length + tail.length * 3);
  body.set(parts.head);
  const { written } = utf8.encodeInto(tail, body.subarray(parts.head.length));
  return body.subarray(0, parts.head.length + written);
}

/** The kept part of a body: built with nothing typed, since no word of a typed answer quotes the input. */
function build({ answer, incident, locale, timeZone }: AnswerBodyInput): Kept {
  const text = answerText({ answer, incident, locale, reached: { via: 'typed', masked: '' }, timeZone });
  const { checked: _checked, listDate, checkedAt: _checkedAt, ...rest } = answerJson(answer, text, incident, locale, '', timeZone);
  // encode() always returns a new array over an ArrayBuffer of its own.
  return { head: utf8.encode(JSON.stringify(rest).slice(0, -1)) as Uint8Array<ArrayBuffer>, listDate: JSON.stringify(listDate) };
}
