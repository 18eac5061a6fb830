/**
 * The public pages as a customer without JavaScript meets them: the incident page with its form, the
 * answer after posting it, and the refusals, in Japanese by default and in English on request.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { listIncidents } from '../../src/data/incidents.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { get, h1, submitForm, urlsIn } from './http.ts';
import { definitionFor, publish } from './seed.ts';

const TITLE = { ja: 'サンプルモールの会員情報とカード情報の漏えいについて', en: 'Member and card data exposed at Sample Mall' };

async function page(res: Response, status = 200): Promise<string> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('location')).toBeNull();
  return res.text();
}

const htmlLang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe('GET /', () => {
  it('leads to the demo incident', async () => {
    const html = await page(await get('/'));
    expect(htmlLang(html)).toBe('ja');
    expect(html).toContain(TITLE.ja);
    expect(urlsIn(html)).toContain('/i/demo?lang=ja');
    // With one incident the start page is that incident's page, form included, to save a worried customer a click.
    if ((await listIncidents(env.DB)).length === 1) {
      expect(h1(html)).toBe(TITLE.ja);
      expect(html).toContain('<form method="post" action="/i/demo?lang=ja">');
    } else {
      expect(h1(html)).toBe(ja.list.title);
    }
  });
});

describe('GET /i/demo', () => {
  it('is in Japanese by default, with the form, what we never ask for and the official sender', async () => {
    const html = await page(await get('/i/demo'));
    expect(htmlLang(html)).toBe('ja');
    expect(h1(html)).toBe(TITLE.ja);
    expect(html).toContain('<form method="post" action="/i/demo?lang=ja">');
    expect(html).toContain('name="identifier"');
    expect(html).toContain(ja.neverAsk.title);
    expect(html).toContain('クレジットカード番号やセキュリティコードをお聞きすることはありません。');
    expect(html).toContain('notice@example.com');
    expect(html).toContain('0120-000-000');
  });

  it.each([
    ['?lang=en', {}],
    ['', { 'accept-language': 'en-US,en;q=0.9' }],
  ])('is in English with %j %j', async (query, headers) => {
    const html = await page(await get(`/i/demo${query}`, headers));
    expect(htmlLang(html)).toBe('en');
    expect(h1(html)).toBe(TITLE.en);
    expect(html).toContain('<form method="post" action="/i/demo?lang=en">');
    expect(html).toContain('We will never ask you for');
    expect(html).toContain('your card number or security code;');
    expect(html).toContain('notice@example.com');
  });

  it('lets ?lang= win over the browser language, and offers the switch back', async () => {
    const html = await page(await get('/i/demo?lang=ja', { 'accept-language': 'en' }));
    expect(htmlLang(html)).toBe('ja');
    expect(urlsIn(html)).toContain('/i/demo?lang=en');
  });

  it('shows what the incident team published last', async () => {
    const def = definitionFor('pages-republished');
    await publish(def);
    expect(await page(await get('/i/pages-republished?lang=en'))).not.toContain('No further exposure found.');

    const update = { date: '2024-07-01', text: { ja: '追加の漏えいは見つかりませんでした。', en: 'No further exposure found.' } };
    await publish({ ...def, status: 'closed', updates: [...def.updates, update] });
    const html = await page(await get('/i/pages-republished?lang=en'));
    expect(html).toContain('No further exposure found.');
    expect(html).toContain(en.statuses.closed);
  });

  it('answers 404 with a page for an unknown incident', async () => {
    const html = await page(await get('/i/no-such-incident', { 'accept-language': 'en' }), 404);
    expect(h1(html)).toBe(en.errorTitles.not_found);
    expect(html).toContain(en.errors.unknown_incident);
  });

  it('answers 404 with a page for an unknown path', async () => {
    const html = await page(await get('/no/such/page'), 404);
    expect(html).toContain(ja.errors.not_found);
  });
});

describe('POST /i/demo (the form)', () => {
  it('shows the affected answer first, with groups and numbered steps', async () => {
    const html = await page(await submitForm('demo', { identifier: 'affected@example.com' }));
    expect(h1(html)).toBe(ja.answer.affected.confirmed);
    expect(html).toContain(ja.result.store('Sample Coffee Online'));
    expect(html).toContain('2020年10月1日から2024年5月23日までに会員登録されたお客様');
    expect(html).toContain('2021年7月20日から2024年5月20日までにカードでお支払いのお客様');
    expect(html).toContain(`<ol><li>${ja.steps.card[0]}</li>`);
    expect(html).toContain('notice@example.com');
  });

  it('answers in English when the form was posted from the English page', async () => {
    const html = await page(await submitForm('demo', { identifier: 'member-only@example.com' }, { query: '?lang=en' }));
    expect(htmlLang(html)).toBe('en');
    expect(h1(html)).toBe(en.answer.affected.confirmed);
    expect(html).toContain('Members who registered between 1 October 2020 and 23 May 2024');
    expect(html).not.toContain('Customers who paid by card');
  });

  it('finds an order ID typed with a full-width dash in the same field', async () => {
    const html = await page(await submitForm('demo', { identifier: 'ＯＲＤ－１００１' }));
    // The cards group is "possible": the headline says so, with the incident's reason.
    expect(h1(html)).toBe(ja.answer.affected.possible);
    expect(html).toContain('改ざんされた決済画面');
    expect(html).toContain('2021年7月20日から2024年5月20日までにカードでお支払いのお客様');
    expect(html).not.toContain('会員登録されたお客様');
  });

  it('says "not included", card included, without hedging', async () => {
    const html = await page(await submitForm('demo', { identifier: 'nobody@example.com' }, { headers: { 'accept-language': 'en' } }));
    expect(h1(html)).toBe('Your information was not included in this incident. Your card was not included either.');
    expect(html).toContain(en.answer.nothingToDo);
    expect(html).not.toContain(en.result.nextSteps);
  });

  it('re-shows the form with the reason when the input is not an identifier', async () => {
    const html = await page(await submitForm('demo', { identifier: 'Test' }), 400);
    expect(h1(html)).toBe(TITLE.ja);
    expect(html).toContain('<form method="post" action="/i/demo?lang=ja">');
    expect(html).toContain(`role="alert">${ja.errors.invalid_order_id}</p>`);
    expect(html).toContain('value="Test"');
    expect(html).toContain('aria-invalid="true"');
  });

  it('re-shows what was typed as text, never as markup', async () => {
    const html = await page(await submitForm('demo', { identifier: '"><script>alert(1)</script>' }), 400);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses a form without the identifier field', async () => {
    const html = await page(await submitForm('demo', { address: 'affected@example.com' }), 400);
    expect(html).toContain(ja.errors.invalid_request);
    expect(html).not.toContain(ja.answer.affected.confirmed);
  });

  it.each([
    ['no Origin header', null],
    ['a foreign Origin', 'https://evil.example'],
    ['the same host over http', 'http://portal.test'],
  ])('refuses a post with %s (CSRF) with a 403 page', async (_, origin) => {
    const html = await page(await submitForm('demo', { identifier: 'affected@example.com' }, { origin }), 403);
    expect(h1(html)).toBe(ja.errorTitles.forbidden);
    expect(html).toContain(ja.errors.forbidden);
    expect(html).not.toContain(ja.answer.affected.confirmed);
  });

  it('answers 404 with a page for an unknown incident', async () => {
    const html = await page(await submitForm('no-such-incident', { identifier: 'affected@example.com' }), 404);
    expect(html).toContain(ja.errors.unknown_incident);
  });

  it.each(['affected@example.com', 'nobody@example.com', 'ORD-1001', 'Test'])(
    'never puts %j into a redirect or a URL on the page',
    async (identifier) => {
      const res = await submitForm('demo', { identifier });
      // An answer or the form again, right here: never a 3xx whose Location would carry the identifier.
      expect([200, 400]).toContain(res.status);
      const html = await page(res, res.status);
      const urls = urlsIn(html);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) {
        expect(url).not.toContain(identifier);
        expect(url).not.toContain(encodeURIComponent(identifier));
        expect(url).not.toContain('identifier=');
      }
    },
  );
});
