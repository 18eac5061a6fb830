/**
 * Which list an answer reads, and what happens without one: the list's date is the calendar day in the
 * portal's time zone; once nothing is confirmed (not_confirmed) no list is read, so a list imported
 * earlier cannot refuse the other kind of identifier; a confirmed or closed incident with no list answers
 * 503, never "not affected"; an investigating incident that gets a list answers from it at once.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { loadIncident } from '../../src/data/incidents.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { checkedLine } from './answer-page.ts';
import { checkJson, GROUPS, identifiers, listFor, setUp, STATES, UPDATES } from './answer-states-cases.ts';
import { check, h1, submitForm } from './http.ts';
import { definitionFor, importRows, publish } from './seed.ts';

describe('the list date', () => {
  it('is the calendar day in the portal\'s time zone (Asia/Tokyo), not the UTC day', async () => {
    const slug = await setUp(STATES[3]!);
    // Switched on at 01:30 on 21 November in Tokyo, still 20 November in UTC. Set before any lookup
    // of this incident, so no isolate holds an older copy.
    const incident = (await loadIncident(env.DB, slug))!;
    await env.DB.prepare('UPDATE datasets SET completed_at = ?2 WHERE id = ?1').bind(incident.activeDataset, '2026-11-20T16:30:00.000Z').run();
    const who = identifiers(slug).unlisted;
    const body = await checkJson(slug, who.json, 'en');
    expect(body.listDate).toBe('2026-11-21');
    expect(body.headline).toBe(en.answer.notFoundSoFar('21 November 2026'));
    expect((await checkJson(slug, who.json, 'ja')).headline).toBe(ja.answer.notFoundSoFar('2026年11月21日'));
    const html = await (await submitForm(slug, { identifier: who.typed }, { query: '?lang=en' })).text();
    expect(checkedLine(html)).toBe(en.answer.checked(who.masked, '21 November 2026'));
  });
});

describe('not_confirmed reads no list', () => {
  // A list imported while investigating held one kind of identifier only. Once nothing is confirmed the
  // answer is the same for everyone, so that list must not refuse the other kind ("enter your order ID").
  it.each([
    ['emails only', [{ email: 'listed@not-confirmed-emails.example.com', groups: 'members' }], { orderId: 'ORD-5501' }],
    ['order IDs only', [{ order_id: 'ORD-5501', groups: 'cards' }], { email: 'someone@not-confirmed-orders.example.com' }],
  ])('answers the kind of identifier a list of %s could not hold', async (name, rows, other) => {
    const slug = `answer-states-nc-${name.replaceAll(' ', '-').toLowerCase()}`;
    const def = definitionFor(slug, { status: 'investigating', updates: UPDATES, groups: GROUPS });
    await publish(def);
    await importRows(slug, rows);
    // While investigating the list is read, so it decides what can be looked up.
    const before = await check({ incident: slug, ...other, locale: 'en' });
    expect(before.status).toBe(400);
    await publish({ ...def, status: 'not_confirmed' });
    const body = await checkJson(slug, other, 'en');
    expect(body.answer).toBe('no_exposure_confirmed');
    expect(body.headline).toBe(en.answer.noExposure);
    expect(body.listDate).toBeNull();
    const page = await submitForm(slug, { identifier: 'orderId' in other ? other.orderId : other.email }, { query: '?lang=en' });
    expect(page.status).toBe(200);
    expect(h1(await page.text())).toBe(en.answer.noExposure);
    // Input that is no identifier at all is still refused, with or without a list.
    const refused = await check({ incident: slug, orderId: 'Test', locale: 'en' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'invalid_order_id', message: en.errors.invalid_order_id });
  });
});

describe('fail closed', () => {
  it.each(['confirmed', 'closed'] as const)('a %s incident with no list answers 503, never "not affected"', async (status) => {
    const slug = `answer-states-nolist-${status}`;
    await publish(definitionFor(slug, { status, updates: UPDATES, groups: GROUPS }));
    for (const email of [`member@${slug}.example.com`, `nobody@${slug}.example.com`]) {
      const json = await check({ incident: slug, email });
      expect(json.status).toBe(503);
      expect(await json.json()).toEqual({ error: 'unavailable', message: ja.errors.unavailable });
      const page = await submitForm(slug, { identifier: email });
      expect(page.status).toBe(503);
      const html = await page.text();
      expect(h1(html)).toBe(ja.errorTitles.unavailable);
      expect(html).not.toContain(ja.answer.notAffected);
      expect(html).not.toContain(ja.answer.noListYet);
    }
  });

  it('an investigating incident that gets a list starts answering from it at once', async () => {
    const slug = await setUp(STATES[2]!);
    const who = identifiers(slug).confirmed;
    expect((await checkJson(slug, who.json, 'en')).headline).toBe(en.answer.noListYet);
    await importRows(slug, listFor(slug));
    const after = await checkJson(slug, who.json, 'en');
    expect(after.answer).toBe('affected');
    expect(after.qualifiers).toEqual([en.answer.investigationContinuing]);
  });
});
