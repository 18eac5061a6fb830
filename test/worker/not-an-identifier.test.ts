/**
 * Input that cannot be an identifier of the incident's list gets 400 with a clear message in the
 * customer's language, never "not affected" (Equifax, 2017, told people who typed "Test" whether they
 * were affected). The demo incident declares an order-ID pattern (^ORD\d{4,}$); its copy `shapes`
 * declares none, so the shapes the import derived from its list (ORD1001: 3 letters, 4 digits) decide.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { check, submitForm } from './http.ts';
import { definitionFor, demoRows, importRows, publish } from './seed.ts';

const NOT_IDENTIFIERS = ['Test', 'Taro Yamada', '山田太郎', '090-1234-5678', '12', 'orderId', 'ORD-12', '1001', 'AB-1001', '#N/A', '1.23457E+11'];
const CASES = [
  ...NOT_IDENTIFIERS.map((text) => ['demo', text] as const),
  ...[...NOT_IDENTIFIERS, 'ORD-10001', 'ORDER-1001'].map((text) => ['shapes', text] as const),
];

beforeAll(async () => {
  await publish(definitionFor('shapes', { lookup: { mode: 'open' } }));
  await importRows('shapes', demoRows);
});

describe('input that cannot be an identifier of the list', () => {
  it.each(CASES)('%s: %j in the one box of the form gets 400 and the message, in ja and en', async (slug, text) => {
    const jaPage = await submitForm(slug, { identifier: text });
    expect(jaPage.status).toBe(400);
    expect(await jaPage.text()).toContain(ja.errors.invalid_order_id);
    const enPage = await submitForm(slug, { identifier: text }, { query: '?lang=en' });
    expect(enPage.status).toBe(400);
    expect(await enPage.text()).toContain(en.errors.invalid_order_id);
  });

  it.each(CASES)('%s: %j as an order ID through the API gets 400, never an answer', async (slug, text) => {
    const res = await check({ incident: slug, orderId: text, locale: 'en' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_order_id', message: en.errors.invalid_order_id });
  });

  it.each(['demo', 'shapes'])('%s: an order ID of the list’s form that is not on it is a real "not affected"', async (slug) => {
    const res = await check({ incident: slug, orderId: 'ORD-9999' });
    expect(res.status).toBe(200);
    expect((await res.json<{ affected: boolean }>()).affected).toBe(false);
  });

  it('a list without order IDs asks for the email address instead', async () => {
    const slug = 'emails-only';
    await publish(definitionFor(slug));
    await importRows(slug, [{ email: 'affected@example.com', groups: 'members' }]);
    for (const text of ['ORD-1001', 'Test', '12']) {
      const res = await check({ incident: slug, orderId: text, locale: 'ja' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'email_required', message: ja.errors.email_required });
    }
    const page = await submitForm(slug, { identifier: 'Test' }, { query: '?lang=en' });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain(en.errors.email_required);
  });

  it('a list without emails asks for the order ID instead', async () => {
    const slug = 'order-ids-only';
    await publish(definitionFor(slug));
    await importRows(slug, [{ order_id: 'ORD-1001', groups: 'cards' }]);
    const res = await check({ incident: slug, email: 'nobody@example.com', locale: 'en' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'order_id_required', message: en.errors.order_id_required });
  });
});
