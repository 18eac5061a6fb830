/**
 * The JSON API's kept answer bodies (src/answer-text/answer-body.ts) against the answer built afresh:
 * for every kind of decision of an incident, in both languages, the body is JSON.stringify(answerJson())
 * byte for byte apart from the moment, each lookup carries its own masked input, and a body kept for
 * one decision is never handed to another.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerBody } from '../../src/answer-text/answer-body.ts';
import { answerText } from '../../src/answer-text/answer-box.ts';
import { answerJson } from '../../src/answer-text/answer-json.ts';
import { decide, type Entry } from '../../src/core/decide.ts';
import { withBit } from '../../src/core/group-mask.ts';
import type { Incident, Locale } from '../../src/core/incident.ts';
import { loadIncident } from '../../src/data/incidents.ts';
import { definitionFor, publish } from './seed.ts';

const SLUG = 'kept-bodies';
const TIME_ZONE = 'Asia/Tokyo';
const MOMENT = /"checkedAt":"[^"]+"/;
let incident: Incident;

beforeAll(async () => {
  await publish(definitionFor(SLUG));
  incident = (await loadIncident(env.DB, SLUG))!;
});

function afresh(list: { entry: Entry | null } | null, locale: Locale, masked: string): string {
  const answer = decide(incident, list);
  const text = answerText({ answer, incident, locale, reached: { via: 'typed', masked }, timeZone: TIME_ZONE });
  return JSON.stringify(answerJson(answer, text, incident, locale, masked, TIME_ZONE));
}

function kept(list: { entry: Entry | null } | null, locale: Locale, masked: string): string {
  return answerBody({ answer: decide(incident, list), incident, list, locale, masked, timeZone: TIME_ZONE });
}

describe('kept answer bodies', () => {
  it('equal the answer built afresh, for every decision, language and input, kept or not', () => {
    const [first, second] = incident.groups;
    const lists: ({ entry: Entry | null } | null)[] = [
      { entry: null },
      { entry: { groups: withBit(0, first!.bit), store: null } },
      { entry: { groups: withBit(0, second!.bit), store: null } },
      { entry: { groups: withBit(withBit(0, first!.bit), second!.bit), store: 'Shibuya "East" 渋谷' } },
      { entry: { groups: withBit(0, first!.bit), store: 'Umeda' } },
    ];
    const bodies = new Set<string>();
    // Twice over: the first pass builds each body, the second is answered from the kept ones.
    for (const pass of [1, 2]) {
      for (const list of lists) {
        for (const locale of ['ja', 'en'] as const) {
          // Masks hold non-ASCII dots, and may hold any character a customer typed.
          for (const masked of ['a•••••@example.com', `b${pass}***@例え.jp`, 'ORD-••01 \u{1F600}']) {
            const body = kept(list, locale, masked);
            expect(body.replace(MOMENT, '')).toBe(afresh(list, locale, masked).replace(MOMENT, ''));
            expect(JSON.parse(body).checked).toBe(masked);
            bodies.add(body.replace(MOMENT, '').replace(/"checked":"[^"]*"/, ''));
          }
        }
      }
    }
    // Every decision and language has a body of its own.
    expect(bodies.size).toBe(lists.length * 2);
  });

  it('keeps the answers of another revision apart', async () => {
    const before = kept({ entry: null }, 'en', 'x');
    await publish(definitionFor(SLUG, { status: 'closed' }));
    const republished = (await loadIncident(env.DB, SLUG))!;
    const answer = decide(republished, { entry: null });
    const after = answerBody({ answer, incident: republished, list: { entry: null }, locale: 'en', masked: 'x', timeZone: TIME_ZONE });
    expect(JSON.parse(after).status).toBe('closed');
    expect(JSON.parse(before).status).not.toBe('closed');
  });
});
