/**
 * Data classes, built in and declared by an incident: publishing refuses a class nobody can word; a
 * declared class takes its place among the built-ins by urgency, with its own label and steps; a card
 * with its security code reads as one line; a person whose data held no card is told so. And the mask
 * that shows what was checked (src/answer-text/masked.ts) reveals no more than it should.
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { maskIdentifier } from '../../src/answer-text/masked.ts';
import { byUrgency } from '../../src/core/data-classes.ts';
import { describeIssues, type IncidentDefinition, IncidentDefinitionSchema } from '../../src/core/incident.ts';
import { loadIncident } from '../../src/data/incidents.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { yourDataLines } from './answer-page.ts';
import { check, get, submitForm } from './http.ts';
import { definitionFor, importRows, publish } from './seed.ts';

/**
 * `incident publish`'s path (src/cli/load-incident.ts): the file is validated with the schema, and only
 * a valid definition is published. Returns the problems as the CLI prints them, or null once published.
 */
async function publishFile(json: unknown): Promise<string[] | null> {
  const result = v.safeParse(IncidentDefinitionSchema, json);
  if (!result.success) return describeIssues(result.issues);
  await publish(result.output);
  return null;
}

/** A definition as an operator writes it: plain JSON, before validation. */
function file(slug: string, changes: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify({ ...definitionFor(slug), ...changes }));
}

const LOYALTY = {
  label: { ja: 'ポイント残高と会員ランク', en: 'Loyalty points balance and tier' },
  steps: {
    ja: ['ポイントの利用履歴を確認し、覚えのない利用があれば窓口にご連絡ください。', 'ポイントの利用に暗証番号を設定してください。'],
    en: ['Check your points history and tell us about any use you do not recognise.', 'Set a PIN for spending points.'],
  },
  urgency: 95,
};

const group = (code: string, dataClasses: string[], certainty: 'confirmed' | 'possible' = 'confirmed') => ({
  code,
  label: { ja: `${code}のお客様`, en: `Customers in ${code}` },
  period: { from: '2023-01-01', to: '2024-05-01' },
  dataClasses,
  certainty,
  ...(certainty === 'possible' ? { reason: { ja: '確認できていません。', en: 'This cannot be confirmed for each customer.' } } : {}),
});

describe('publishing', () => {
  it('refuses a group class that is neither built in nor declared, and publishes nothing', async () => {
    const slug = 'data-classes-unworded';
    const problems = await publishFile(file(slug, { groups: [group('members', ['email', 'loyalty_points'])] }));
    expect(problems).toHaveLength(1);
    expect(problems![0]).toContain('groups[0] (members) names the data class "loyalty_points", which is neither built in');
    expect(await loadIncident(env.DB, slug)).toBeNull();
    expect((await check({ incident: slug, email: 'a@example.com' })).status).toBe(404);
  });

  it('refuses a declared class whose code is built in', async () => {
    const slug = 'data-classes-built-in-declared';
    const problems = await publishFile(file(slug, { dataClasses: { card: LOYALTY } }));
    expect(problems).toEqual(['(root): dataClasses.card: "card" is built in; add steps to it under "nextSteps" instead']);
    expect(await loadIncident(env.DB, slug)).toBeNull();
  });

  it('refuses a declared class without words in both languages, or with an urgency out of range', async () => {
    const noEnglishSteps = { ...LOYALTY, steps: { ja: LOYALTY.steps.ja, en: [] } };
    for (const declared of [noEnglishSteps, { ...LOYALTY, label: { ja: 'ポイント' } }, { ...LOYALTY, urgency: 0 }, { ...LOYALTY, urgency: 101 }, { ...LOYALTY, urgency: 9.5 }]) {
      const slug = 'data-classes-half-worded';
      const problems = await publishFile(file(slug, { groups: [group('members', ['loyalty_points'])], dataClasses: { loyalty_points: declared } }));
      expect(problems, JSON.stringify(declared)).not.toBeNull();
      expect(problems!.some((p) => p.startsWith('dataClasses.loyalty_points'))).toBe(true);
      expect(await loadIncident(env.DB, slug)).toBeNull();
    }
  });

  it('refuses a class code that is not a plain identifier', async () => {
    const problems = await publishFile(file('data-classes-bad-code', { groups: [group('members', ['Loyalty Points'])] }));
    expect(problems).toContain('groups.0.dataClasses.0: must be lowercase letters, digits or "_"');
  });
});

describe('a declared class in an answer', () => {
  const slug = 'data-classes-loyalty';
  const domain = `${slug}.example.com`;

  beforeAll(async () => {
    const problems = await publishFile(
      file(slug, {
        groups: [
          group('account', ['email', 'loyalty_points', 'login', 'security_question']),
          group('cards', ['card_security_code', 'card'], 'possible'),
          group('codes', ['card_security_code']),
          group('points-only', ['loyalty_points', 'name']),
        ],
        dataClasses: { loyalty_points: LOYALTY },
      }),
    );
    expect(problems).toBeNull();
    await importRows(slug, [
      { email: `account@${domain}`, groups: 'account' },
      { email: `cards@${domain}`, groups: 'cards' },
      { email: `mixed@${domain}`, groups: 'cards|codes' },
      { email: `points@${domain}`, groups: 'points-only' },
    ]);
  });

  interface Body {
    dataClasses: string[];
    yourData: { class: string; label: string; certainty: string }[];
    nextSteps: { dataClass: string; label: string; steps: string[] }[];
    firstStep: string | null;
    cardNotInvolved: boolean;
  }
  const answer = async (who: string, locale: 'ja' | 'en') => {
    const res = await check({ incident: slug, email: `${who}@${domain}`, locale });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json<Body>();
  };

  it('takes its place by urgency among the built-ins, with its own label and steps', async () => {
    for (const [locale, m] of [['en', en], ['ja', ja]] as const) {
      const body = await answer('account', locale);
      // login 100; security_question 95 and loyalty_points 95 (equal: the built-in first); email 50.
      expect(body.dataClasses).toEqual(['login', 'security_question', 'loyalty_points', 'email']);
      expect(body.yourData).toEqual([
        { class: 'login', label: m.dataClasses.login, certainty: 'confirmed' },
        { class: 'security_question', label: m.dataClasses.security_question, certainty: 'confirmed' },
        { class: 'loyalty_points', label: LOYALTY.label[locale], certainty: 'confirmed' },
        { class: 'email', label: m.dataClasses.email, certainty: 'confirmed' },
      ]);
      expect(body.nextSteps[2]).toEqual({ dataClass: 'loyalty_points', label: LOYALTY.label[locale], steps: LOYALTY.steps[locale] });
      expect(body.firstStep).toBe(m.steps.login[0]);
    }
    // On the page: the declared class's line with its certainty word, and its steps under its label.
    const html = await (await submitForm(slug, { identifier: `account@${domain}` }, { query: '?lang=en' })).text();
    expect(yourDataLines(html)).toContainEqual({ certainty: 'confirmed', text: `${LOYALTY.label.en}: ${en.certainty.confirmed}` });
    expect(html).toContain(`<h3>${LOYALTY.label.en}</h3><ol><li>${LOYALTY.steps.en[0]}</li><li>${LOYALTY.steps.en[1]}</li></ol>`);
    // And on the incident page, among what the group exposed.
    expect(await (await get(`/i/${slug}?lang=ja`)).text()).toContain(LOYALTY.label.ja);
  });

  it('sorts between login (100) and card (90) at 95, and as the first step when it is the most urgent', async () => {
    const declared = { loyalty_points: { urgency: 95 } };
    expect(byUrgency(['card', 'email', 'loyalty_points', 'login'], declared)).toEqual(['login', 'loyalty_points', 'card', 'email']);
    expect(byUrgency(['card', 'loyalty_points', 'login'], { loyalty_points: { urgency: 100 } })).toEqual(['login', 'loyalty_points', 'card']);
    expect(byUrgency(['birth_date', 'loyalty_points'], { loyalty_points: { urgency: 1 } })).toEqual(['birth_date', 'loyalty_points']);
    // loyalty_points (95) before name (30): its step comes first.
    const body = await answer('points', 'en');
    expect(body.dataClasses).toEqual(['loyalty_points', 'name']);
    expect(body.firstStep).toBe(LOYALTY.steps.en[0]);
  });

  it('reads a card with its security code, both possible, as one line', async () => {
    for (const [locale, m] of [['en', en], ['ja', ja]] as const) {
      const body = await answer('cards', locale);
      expect(body.dataClasses).toEqual(['card', 'card_security_code']);
      expect(body.yourData).toEqual([{ class: 'card', label: m.cardWithCode, certainty: 'possible' }]);
      expect(body.cardNotInvolved).toBe(false);
      const html = await (await submitForm(slug, { identifier: `cards@${domain}` }, { query: `?lang=${locale}` })).text();
      expect(yourDataLines(html)).toEqual([{ certainty: 'possible', text: m.answer.exposure(m.cardWithCode, m.certainty.possible) }]);
    }
  });

  it('keeps card and security code apart when their certainties differ, the confirmed one worded "exposed"', async () => {
    const body = await answer('mixed', 'en');
    expect(body.yourData).toEqual([
      { class: 'card', label: en.dataClasses.card, certainty: 'possible' },
      { class: 'card_security_code', label: en.dataClasses.card_security_code, certainty: 'confirmed' },
    ]);
    const html = await (await submitForm(slug, { identifier: `mixed@${domain}` }, { query: '?lang=en' })).text();
    expect(yourDataLines(html)).toEqual([
      { certainty: 'possible', text: `${en.dataClasses.card}: ${en.certainty.possible}` },
      { certainty: 'confirmed', text: `${en.dataClasses.card_security_code}: ${en.certainty.confirmed}` },
    ]);
  });

  it('tells an affected person whose data held no card that their card was not involved', async () => {
    for (const [locale, m] of [['en', en], ['ja', ja]] as const) {
      const body = await answer('account', locale);
      expect(body.cardNotInvolved).toBe(true);
      const lines = yourDataLines(await (await submitForm(slug, { identifier: `account@${domain}` }, { query: `?lang=${locale}` })).text());
      expect(lines.at(-1)).toEqual({ certainty: 'not-involved', text: m.answer.cardNotInvolved });
    }
    expect(en.answer.cardNotInvolved).toBe('Your card: not involved');
  });
});

describe('an incident that exposed no cards', () => {
  it('says nothing about cards, to the affected or to anyone else', async () => {
    const slug = 'data-classes-no-cards';
    await publish(definitionFor(slug, { groups: [group('members', ['email', 'name'])] as IncidentDefinition['groups'] }));
    await importRows(slug, [{ email: `member@${slug}.example.com`, groups: 'members' }]);
    const affected = await (await check({ incident: slug, email: `member@${slug}.example.com`, locale: 'en' })).json<{ cardNotInvolved: boolean }>();
    expect(affected.cardNotInvolved).toBe(false);
    const html = await (await submitForm(slug, { identifier: `member@${slug}.example.com` }, { query: '?lang=en' })).text();
    expect(html).not.toContain(en.answer.cardNotInvolved);
    const nobody = await (await check({ incident: slug, email: `nobody@${slug}.example.com`, locale: 'en' })).json<{ headline: string }>();
    expect(nobody.headline).toBe(en.answer.notAffected);
  });
});

describe('maskIdentifier', () => {
  it.each([
    ['Taro.Yamada@Example.com', 'T•••••@example.com'],
    [' taro@example.com ', 't•••••@example.com'],
    ['a@example.com', 'a•••••@example.com'],
    ['ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＣＯＭ', 'T•••••@example.com'],
    ['taro﹫example.com', 't•••••@example.com'],
    ['山田太郎@example.jp', '山•••••@example.jp'],
    ['😀smile@example.com', '😀•••••@example.com'],
    ['e\u0301mile@example.com', 'é•••••@example.com'],
    ['"a@b"@example.com', '"•••••@example.com'],
    ['@example.com', '•••••@example.com'],
    ['ORD-1001', 'ORD-••01'],
    ['ord 1001', 'ORD ••01'],
    ['ＯＲＤ－１００１', 'ORD-••01'],
    ['ORD1001', 'ORD••01'],
    ['ORD-1001-XYZ', 'ORD-••••-•YZ'],
    ['12345678', '••••••78'],
    ['1234', '••34'],
    ['123', '•23'],
    ['ORD1', '••D1'],
    ['ORDER-12', '•••••-12'],
    ['AB1234', 'AB••34'],
    ['ABCDEFGH', '••••••GH'],
    ['ÄRD-1001', '•••-••01'],
    ['12', '12'],
    ['7', '7'],
  ])('%s → %s', (typed, masked) => {
    expect(maskIdentifier(typed)).toBe(masked);
  });

  it('never shows more of an email than its first character and its domain', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 40 }), fc.domain(), (local, domain) => {
        const typed = `${local.replace(/[@＠﹫]/g, '')}@${domain}`;
        const value = typed.normalize('NFKC').trim();
        const at = value.lastIndexOf('@');
        const masked = maskIdentifier(typed);
        const [shown, rest] = masked.split('•••••@') as [string, string | undefined];
        // At most one character of the local part, and it is the first one.
        expect([...shown].length).toBeLessThanOrEqual(1);
        expect(shown).toBe([...value.slice(0, at)][0] ?? '');
        expect(rest).toBe(value.slice(at + 1).toLowerCase());
      }),
    );
  });

  it('never shows more of an order ID than a letter prefix and its last two characters', () => {
    const orderIdLike = fc.stringMatching(/^[A-Za-z]{0,4}[- ]?[0-9A-Za-z]{1,12}([- ][0-9A-Za-z]{1,6})?$/);
    const anything = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((t) => !/[@＠﹫]/.test(t.normalize('NFKC')));
    fc.assert(
      fc.property(fc.oneof(orderIdLike, anything), (typed) => {
        const value = typed.normalize('NFKC').trim().toUpperCase();
        const masked = maskIdentifier(typed);
        expect([...masked]).toHaveLength([...value].length);
        const prefix = /^[A-Z]*/.exec(value)![0].length;
        const alnum = [...value].flatMap((ch, i) => (/[\p{L}\p{N}]/u.test(ch) ? [i] : []));
        const tail = new Set(alnum.slice(-2));
        [...masked].forEach((ch, i) => {
          if (ch === '•') return;
          expect(ch).toBe([...value][i]);
          // A shown letter or digit is in the prefix or the tail; separators show as they are.
          if (/[\p{L}\p{N}]/u.test(ch)) expect(i < prefix || tail.has(i), `${typed} → ${masked}`).toBe(true);
        });
        // At least two letters or digits stay hidden whenever there are more than two.
        if (alnum.length > 2) expect([...masked].filter((ch) => ch === '•').length).toBeGreaterThanOrEqual(Math.min(2, alnum.length - 2));
      }),
    );
  });
});
