/**
 * Sensitive incidents: email lookups need the second factor imported with the record, and "no match"
 * reads the same (same words, same status, same shape) whether the person is unknown or the factor is
 * wrong. Timing: both paths do one keyed hash and one D1 read (see src/lookup/public.ts); the benchmark, not
 * this test, is where time is measured.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { check, get, h1, submitForm } from './http.ts';
import { definitionFor, importRows, publish } from './seed.ts';

const slug = 'sensitive';

beforeAll(async () => {
  const def = definitionFor(slug);
  def.lookup = { mode: 'second-factor', secondFactor: 'postcode' };
  await publish(def);
  await importRows(slug, [
    { email: 'affected@example.com', postcode: '123-4567', groups: 'members|cards' },
    { email: 'member-only@example.com', postcode: '100 0001', groups: 'members' },
  ]);
});

async function answer(body: Record<string, string>) {
  const res = await check({ incident: slug, locale: 'en', ...body });
  const json = await res.json<Record<string, unknown>>();
  delete json.checkedAt;
  return { status: res.status, json };
}

describe('sensitive incident: JSON API', () => {
  it('answers for the right email and factor, however the factor is typed', async () => {
    for (const postcode of ['123-4567', '１２３－４５６７', '1234567', ' 123 4567 ']) {
      const { status, json } = await answer({ email: 'Affected@Example.com', factor: postcode });
      expect(status).toBe(200);
      expect(json).toMatchObject({ affected: true, headline: en.answer.affected.confirmed, dataClasses: expect.arrayContaining(['card']) });
    }
  });

  it('says "no match for this combination" alike for a wrong factor and for an unknown person', async () => {
    const wrongFactor = await answer({ email: 'affected@example.com', factor: '999-9999' });
    // Addresses that mask alike (a•••••@example.com): the answer may echo what was typed, masked, but
    // nothing else may differ.
    const unknown = await answer({ email: 'anybody@example.com', factor: '123-4567' });
    // A listed person with another's factor masks otherwise; apart from that echo, the same answer.
    const swapped = await answer({ email: 'member-only@example.com', factor: '123-4567' });
    expect(wrongFactor.status).toBe(200);
    expect(wrongFactor.json).toMatchObject({ affected: false, headline: en.secondFactor.noMatchHeadline, groups: [] });
    expect(unknown).toEqual(wrongFactor);
    expect(swapped.json.checked).toBe('m•••••@example.com');
    expect({ ...swapped, json: { ...swapped.json, checked: '' } }).toEqual({ ...wrongFactor, json: { ...wrongFactor.json, checked: '' } });
  });

  it('refuses an email alone or an order ID alone (400 factor_required)', async () => {
    for (const body of [{ email: 'affected@example.com' }, { orderId: 'ORD-1001' }] as Record<string, string>[]) {
      const { status, json } = await answer(body);
      expect(status).toBe(400);
      expect(json).toEqual({ error: 'factor_required', message: en.errors.factor_required });
    }
  });

  it('refuses a factor that cannot be a postcode, and a factor without an email', async () => {
    expect(await answer({ email: 'affected@example.com', factor: 'abc!' })).toMatchObject({ status: 400, json: { error: 'invalid_factor' } });
    expect((await answer({ orderId: 'ORD1001', factor: '1234567' })).status).toBe(400);
  });

  it('ignores a factor sent for an open incident', async () => {
    const res = await check({ incident: 'demo', email: 'affected@example.com', factor: 'anything' });
    expect(await res.json()).toMatchObject({ affected: true });
  });
});

describe('sensitive incident: the page', () => {
  it('asks for the email and the postcode', async () => {
    const html = await (await get(`/i/${slug}`)).text();
    expect(html).toContain('name="email"');
    expect(html).toContain('name="factor"');
    expect(html).toContain(ja.secondFactor.labels.postcode);
    expect(html).not.toContain('name="identifier"');
  });

  it('answers the pair, and gives the same no-match page for a wrong factor and an unknown person', async () => {
    const hit = await (await submitForm(slug, { email: 'member-only@example.com', factor: '1000001' })).text();
    expect(h1(hit)).toBe(ja.answer.affected.confirmed);
    const wrong = await submitForm(slug, { email: 'member-only@example.com', factor: '1000002' });
    // Masks alike with member-only@ (m•••••@example.com), so the two pages can be compared byte for byte.
    const unknown = await submitForm(slug, { email: 'mystery@example.com', factor: '1000001' });
    expect(wrong.status).toBe(200);
    expect(unknown.status).toBe(200);
    const wrongHtml = await wrong.text();
    expect(h1(wrongHtml)).toBe(ja.secondFactor.noMatchHeadline);
    expect(wrongHtml).toContain(ja.secondFactor.noMatchDetail);
    expect(await unknown.text()).toBe(wrongHtml);
  });

  it('asks for both fields when the one-field form is posted', async () => {
    const res = await submitForm(slug, { identifier: 'affected@example.com' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(ja.errors.factor_required);
  });
});
