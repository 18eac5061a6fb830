/**
 * The JSON answer (POST /api/v1/check) of every incident state to every kind of person, in both
 * languages, field by field from the catalogue's words: what is answered, the headline, the qualifiers,
 * the first step, the person's data lines, the store, what was checked and the dates. An integration that
 * reads these fields tells each person what the portal's own page tells them.
 */
import { describe, expect, it } from 'vitest';
import { checkJson, expected, identifiers, LATEST, LOCALES, PEOPLE, STATES, useStateIncident } from './answer-states-cases.ts';

describe.each(STATES)('$name', (state) => {
  const incident = useStateIncident(state);

  describe.each(PEOPLE)('person %s', (person) => {
    it.each(LOCALES)('JSON answer in %s: every field, from the catalogue', async (locale) => {
      const { slug, listDay, listIsoDay } = incident;
      const who = identifiers(slug)[person];
      const body = await checkJson(slug, who.json, locale);
      const want = expected(state, person, locale, listDay?.[locale] ?? null);
      expect(body.incident).toBe(slug);
      expect(body.locale).toBe(locale);
      expect(body.answer).toBe(want.answer);
      expect(body.affected).toBe(want.affected);
      // A boolean only for a definite answer.
      expect(typeof body.affected === 'boolean').toBe(want.answer === 'affected' || want.answer === 'not_affected');
      expect(body.status).toBe(state.status);
      expect(body.statusDate).toBe(LATEST.iso);
      expect(body.listDate).toBe(state.readsList ? listIsoDay : null);
      if (body.listDate !== null) expect(body.listDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(body.headline).toBe(want.headline);
      expect(body.qualifiers).toEqual(want.qualifiers);
      expect(body.firstStep).toBe(want.firstStep);
      expect(body.action).toBe(want.action);
      expect(body.yourData).toEqual(want.yourData);
      expect(body.cardNotInvolved).toBe(want.cardNotInvolved);
      expect(body.update).toBe(want.update);
      expect(body.store).toBe(want.store);
      expect(body.checked).toBe(who.masked);
      if (want.answer === 'affected') {
        expect(body.certainty).toBe(person === 'possible' ? 'possible' : 'confirmed');
        expect(body.nextSteps.length).toBeGreaterThan(0);
        expect(body.nextSteps[0]!.steps[0]).toBe(want.firstStep);
        // "your data" and the steps follow the same urgency order.
        expect(body.nextSteps.map((s) => s.dataClass)).toEqual(body.dataClasses);
      } else {
        expect(body.certainty).toBeNull();
        expect(body.groups).toEqual([]);
        expect(body.dataClasses).toEqual([]);
        expect(body.nextSteps).toEqual([]);
      }
    });
  });
});
