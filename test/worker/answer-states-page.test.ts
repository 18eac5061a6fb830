/**
 * The result page (POST /i/<slug>, the form without JavaScript) of every incident state for every kind of
 * person, in both languages: the same headline as the JSON answer, the person's data lines each with its
 * certainty, and the line saying what was checked against which list; while an incident is open, its
 * page still shows the form.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { messages } from '../../src/i18n/messages.ts';
import { checkedLine, expectConfirmedLinesDefinite, yourDataLines } from './answer-page.ts';
import { expected, identifiers, LATEST, LOCALES, PEOPLE, STATES, useStateIncident } from './answer-states-cases.ts';
import { check, get, h1, submitForm } from './http.ts';

describe.each(STATES)('$name', (state) => {
  const incident = useStateIncident(state);

  describe.each(PEOPLE)('person %s', (person) => {
    it.each(LOCALES)('result page in %s: the same headline, data lines and what was checked', async (locale) => {
      const { slug, listDay } = incident;
      const who = identifiers(slug)[person];
      const res = await submitForm(slug, { identifier: who.typed }, { query: `?lang=${locale}` });
      expect(res.status).toBe(200);
      const html = await res.text();
      const m = messages(locale);
      const want = expected(state, person, locale, listDay?.[locale] ?? null);
      expect(h1(html)).toBe(want.headline);
      const lines = yourDataLines(html);
      expect(lines).toEqual([
        ...want.yourData.map((d) => ({ certainty: d.certainty, text: m.answer.exposure(d.label, m.certainty[d.certainty]) })),
        ...(want.cardNotInvolved ? [{ certainty: 'not-involved', text: m.answer.cardNotInvolved }] : []),
      ]);
      expectConfirmedLinesDefinite(lines, locale);
      const checkedDay = state.readsList ? listDay![locale] : LATEST[locale];
      expect(checkedLine(html)).toBe(state.readsList ? m.answer.checked(who.masked, checkedDay) : m.answer.checkedNoList(who.masked, checkedDay));
      if (want.answer === 'affected') expect(html).toContain(m.result.nextSteps);
      else expect(html).not.toContain(m.result.nextSteps);
    });
  });

  if (!state.readsList || state.status === 'investigating') {
    it('answers 200, and the incident page still shows the form', async () => {
      const { slug } = incident;
      expect((await check({ incident: slug, email: `someone@${slug}.example.com` })).status).toBe(200);
      const page = await get(`/i/${slug}?lang=en`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<form method="post" action="/i/${slug}?lang=en">`);
      expect(html).toContain('name="identifier"');
      expect(html).toContain(en.statuses[state.status]);
    });
  }
});
