/**
 * A definite answer does not hedge: "not affected" from a confirmed or closed incident carries no
 * hedging word anywhere, in the JSON answer or on the page, and data confirmed exposed is never worded
 * "may have been", even beside data that only possibly was.
 */
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/i18n/messages.ts';
import { answerBox, expectNoHedging, plain, yourDataLines } from './answer-page.ts';
import { checkJson, identifiers, LOCALES, setUp, STATES, useStateIncident } from './answer-states-cases.ts';
import { submitForm } from './http.ts';

describe.each(STATES.filter((state) => state.status === 'confirmed' || state.status === 'closed'))('$name', (state) => {
  const incident = useStateIncident(state);

  it.each(LOCALES)('says "not affected" in %s without a hedging word anywhere in the answer', async (locale) => {
    const { slug } = incident;
    const who = identifiers(slug).unlisted;
    const body = await checkJson(slug, who.json, locale);
    expect(body.answer).toBe('not_affected');
    expectNoHedging(
      [
        body.headline,
        body.action,
        body.firstStep,
        body.update,
        body.checked,
        ...body.qualifiers,
        ...body.yourData.map((d) => d.label),
        ...body.nextSteps.flatMap((s) => [s.label, ...s.steps]),
      ],
      locale,
    );
    const page = await (await submitForm(slug, { identifier: who.typed }, { query: `?lang=${locale}` })).text();
    expectNoHedging([plain(answerBox(page))], locale);
  });
});

describe('a definite answer with data confirmed exposed', () => {
  it.each(LOCALES)('never words confirmed data "may have been" (%s)', async (locale) => {
    const slug = await setUp(STATES[0]!);
    const who = identifiers(slug).both;
    const body = await checkJson(slug, who.json, locale);
    const confirmed = body.yourData.filter((d) => d.certainty === 'confirmed');
    expect(confirmed.map((d) => d.class)).toEqual(['login', 'email', 'name']);
    const m = messages(locale);
    const lines = yourDataLines(await (await submitForm(slug, { identifier: who.typed }, { query: `?lang=${locale}` })).text());
    for (const d of confirmed) {
      expect(lines).toContainEqual({ certainty: 'confirmed', text: m.answer.exposure(d.label, m.certainty.confirmed) });
    }
    expect(lines.filter((l) => l.certainty === 'confirmed').map((l) => l.text).join('\n')).not.toMatch(locale === 'en' ? /may have been/ : /可能性/);
    // The headline of a confirmed answer does not hedge either, though some of the person's data is only possible.
    expectNoHedging([body.headline], locale);
  });
});
