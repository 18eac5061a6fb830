/**
 * What the law asks a breach notice to say reaches the people it is for: the incident file accepts the
 * legal items and publishing stores them; the incident page shows them in the reader's language below
 * the form, so it can stand in for a notice;
 * each jurisdiction's notice carries its law's title and headings in the law's order; the notice email
 * puts them after the answer; and the check names what each law would still miss.
 */
import { env } from 'cloudflare:workers';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import euExample from '../../examples/eu.incident.json';
import jpExample from '../../examples/jp.incident.json';
import usCaExample from '../../examples/us-ca.incident.json';
import kissaExample from '../../examples/kissa.incident.json';
import { legalSections } from '../../src/answer-text/legal-notice.ts';
import { noticeText } from '../../src/answer-text/notice-email.ts';
import { decide } from '../../src/core/decide.ts';
import { describeIssues, type IncidentDefinition, IncidentDefinitionSchema, type Locale } from '../../src/core/incident.ts';
import { describeLegalItem, type Jurisdiction, legalSubject, missingLegalItems } from '../../src/core/legal-items.ts';
import { loadIncident } from '../../src/data/incidents.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { get, ORIGIN } from './http.ts';
import { definitionFor, publish } from './seed.ts';

const run = crypto.randomUUID().slice(0, 8);
const slugFor = (name: string) => `legal-${name}-${run}`;

function parse(json: unknown): IncidentDefinition {
  const result = v.safeParse(IncidentDefinitionSchema, json);
  if (!result.success) throw new Error(describeIssues(result.issues).join('\n'));
  return result.output;
}

/** An example incident file under a slug of this run's own. */
function example(json: unknown, name: string): IncidentDefinition {
  return { ...parse(json), slug: slugFor(name) };
}

async function published(def: IncidentDefinition) {
  await publish(def);
  return (await loadIncident(env.DB, def.slug))!;
}

const keys = (j: Jurisdiction | null, incident: Parameters<typeof legalSections>[0], locale: Locale = 'en') =>
  legalSections(incident, locale, j).sections.map((s) => s.key);
const headings = (j: Jurisdiction | null, incident: Parameters<typeof legalSections>[0], locale: Locale) =>
  legalSections(incident, locale, j).sections.map((s) => s.heading);

describe('the incident file', () => {
  it('accepts the legal items, and publishing stores them as given', async () => {
    const def = example(usCaExample, 'store');
    const stored = await published(def);
    expect(stored.content.legal).toEqual(def.legal);
    expect(stored.content.legal?.idProtection?.enrolmentCode).toBe('PTO-2025-RENT');
    // Republishing the same file changes nothing (no new revision for every cached incident).
    expect(await publish(def)).toEqual({ created: false, changed: false });
  });

  it('stores no legal key for a file without one, so older incidents keep their content as it was', async () => {
    const def = definitionFor(slugFor('none'));
    delete def.legal;
    await publish(def);
    const row = await env.DB.prepare('SELECT content FROM incidents WHERE slug = ?1').bind(def.slug).first<{ content: string }>();
    expect(JSON.parse(row!.content)).not.toHaveProperty('legal');
    expect(parse(kissaExample).legal).toBeUndefined(); // an existing file without the object stays valid
  });

  it('names the JSON path of a legal item that is wrong', () => {
    const bad = structuredClone(jpExample) as Record<string, any>;
    bad.legal.contact = { name: { ja: '窓口', en: 'Desk' } };
    bad.legal.discovered = '2020-01-01';
    bad.legal.secondaryHarm = { text: { ja: 'x', en: 'x' } };
    const result = v.safeParse(IncidentDefinitionSchema, bad);
    expect(result.success).toBe(false);
    const problems = describeIssues(result.issues!).join('\n');
    expect(problems).toContain('legal.contact: contact must give at least one way to reach it');
    expect(problems).toContain('legal.secondaryHarm.occurred');
  });

  it('refuses a discovery date before the breach began', () => {
    const bad = structuredClone(jpExample) as Record<string, any>;
    bad.legal.discovered = '2020-01-01';
    const result = v.safeParse(IncidentDefinitionSchema, bad);
    expect(result.success).toBe(false);
    expect(describeIssues(result.issues!).join('\n')).toContain('"discovered" must not be before breachPeriod "from"');
  });
});

describe('the incident page shows the legal items below the form', () => {
  it.each([
    ['ja', ja],
    ['en', en],
  ] as const)('in %s', async (locale, m) => {
    const def = example(usCaExample, `page-${locale}`);
    await publish(def);
    const res = await get(`/i/${def.slug}?lang=${locale}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const legal = def.legal!;
    const form = html.indexOf('<form');
    const section = html.indexOf('<section class="legal"');
    expect(form).toBeGreaterThan(-1);
    expect(section).toBeGreaterThan(form);
    const text = html.slice(section).replaceAll('&#39;', "'").replaceAll('&quot;', '"');
    const expected = [
      m.legal.pageTitle,
      m.legal.plain.when,
      m.legal.lines.discovered(locale === 'ja' ? '2025年1月27日' : '27 January 2025'),
      m.legal.lines.delayed,
      legal.lawEnforcementDelay!.text![locale],
      m.legal.plain.cause,
      legal.cause![locale],
      m.legal.plain.secondaryHarm,
      m.legal.lines.harmNone,
      legal.secondaryHarm!.text[locale],
      m.legal.plain.measures,
      legal.measures![locale],
      m.legal.plain.idProtection,
      m.legal.lines.idCode('PTO-2025-RENT'),
      'TransUnion',
      m.legal.plain.contact,
      legal.contact!.name[locale],
      m.legal.plain.other,
      legal.other![locale],
    ];
    let at = 0;
    for (const piece of expected) {
      const found = text.indexOf(piece, at);
      expect(found, `"${piece}" in order on the ${locale} page`).toBeGreaterThanOrEqual(at);
      at = found;
    }
    // The other language's words stay off the page.
    expect(text).not.toContain(legal.cause![locale === 'ja' ? 'en' : 'ja']);
  });

  it('has no legal section when the incident gives no legal items', async () => {
    const def = definitionFor(slugFor('page-none'));
    delete def.legal;
    await publish(def);
    const html = await (await get(`/i/${def.slug}?lang=en`)).text();
    expect(html).not.toContain('class="legal"');
    expect(html).not.toContain(en.legal.pageTitle);
  });
});

describe('legalSections', () => {
  it('us-ca: "Notice of Data Breach" and the five headings in the statute’s order', async () => {
    const incident = await published(example(usCaExample, 'us-ca'));
    const notice = legalSections(incident, 'en', 'us-ca', { issuedAt: '2025-02-20T17:00:00Z', timeZone: 'America/Los_Angeles' });
    expect(notice.title).toBe('Notice of Data Breach');
    expect(notice.date).toBe('Date of this notice: 20 February 2025');
    expect(notice.sections.map((s) => s.heading)).toEqual([
      'What Happened',
      'What Information Was Involved',
      'What We Are Doing',
      'What You Can Do',
      'Other Important Information',
      'For More Information',
    ]);
    // In Japanese each heading keeps the statute's English words.
    const jaHeadings = headings('us-ca', incident, 'ja');
    expect(legalSections(incident, 'ja', 'us-ca').title).toContain('Notice of Data Breach');
    for (const [i, english] of ['What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do'].entries()) {
      expect(jaHeadings[i]).toContain(english);
    }
    expect(jaHeadings.at(-1)).toContain('For More Information');
    const byKey = Object.fromEntries(notice.sections.map((s) => [s.key, s.lines.join('\n')]));
    expect(byKey.what_happened).toContain(en.legal.lines.delayed);
    expect(byKey.information).toContain("Driver's license number");
    expect(byKey.doing).toContain('free of charge for 24 months');
    expect(byKey.you_can_do).toContain('Equifax: 1-800-685-1111');
    expect(byKey.more_info).toContain('Business: Pacific Trail Outfitters');
  });

  it('us-ca keeps its five headings without the optional "Other Important Information"', async () => {
    const def = example(usCaExample, 'us-ca-short');
    delete def.legal!.other;
    const incident = await published(def);
    expect(keys('us-ca', incident)).toEqual(['what_happened', 'information', 'doing', 'you_can_do', 'more_info']);
  });

  it('jp: 概要, 項目, 原因, 二次被害, その他参考となる事項, in that order', async () => {
    const incident = await published(example(jpExample, 'jp'));
    const notice = legalSections(incident, 'ja', 'jp');
    expect(notice.title).toBe(ja.legal.jp.title);
    expect(notice.sections.map((s) => s.heading)).toEqual([
      '概要',
      '漏えい等が発生し、又は発生したおそれがある個人データの項目',
      '原因',
      '二次被害又はそのおそれの有無及びその内容',
      'その他参考となる事項',
    ]);
    const [outline, items, cause, harm, other] = notice.sections;
    expect(outline!.lines[0]).toBe(jpExample.text.ja.whatHappened);
    expect(items!.lines.join('\n')).toContain('ログインIDとパスワード');
    expect(cause!.lines).toEqual([jpExample.legal.cause.ja]);
    expect(harm!.lines[0]).toBe(ja.legal.lines.harmOccurred);
    expect(other!.lines.join('\n')).toContain('0120-333-444');
    expect(keys('jp', incident)).toEqual(['outline', 'data_items', 'cause', 'secondary_harm', 'other']);
  });

  it('eu: the nature of the breach, consequences, measures, recommendations and the contact point', async () => {
    const incident = await published(example(euExample, 'eu'));
    expect(keys('eu', incident)).toEqual(['nature', 'consequences', 'measures', 'recommendations', 'other', 'contact_point']);
    const notice = legalSections(incident, 'en', 'eu');
    expect(notice.title).toBe(en.legal.eu.title);
    expect(notice.sections.at(-1)!.lines[0]).toBe(en.legal.lines.dpo('Jana Beispiel, Nordlicht Reisen GmbH'));
    expect(notice.sections[3]!.lines.join('\n')).toContain(euExample.nextSteps.order_details.en[0]);
  });

  it('null: only the legal items the incident gives, under plain headings and with no title', async () => {
    const def = example(jpExample, 'plain');
    delete def.legal!.cause;
    const incident = await published(def);
    const notice = legalSections(incident, 'en', null, { issuedAt: '2025-02-20T17:00:00Z' });
    expect(notice.title).toBeNull();
    expect(notice.date).toBeNull();
    expect(notice.sections.map((s) => s.key)).toEqual(['when', 'secondary_harm', 'measures', 'contact', 'other']);
    expect(notice.sections[0]!.heading).toBe(en.legal.plain.when);
  });
});

describe('the notice email', () => {
  it('opens with the answer, then the legal sections in order, then why, the reference and the personal link last', async () => {
    const incident = await published(example(usCaExample, 'email'));
    const answer = decide(incident, { entry: { groups: 1, store: null } });
    const base = { incident, answer, code: 'K7QM-3XTR-9HWD-FP2N-6BJC', issuedAt: '2025-02-20T17:00:00Z', baseUrl: ORIGIN, store: null };
    const text = noticeText({ ...base, locale: 'en', jurisdiction: 'us-ca' });
    const lines = text.body.split('\n');
    expect(lines[0]).toBe(en.answer.affected.confirmed);
    expect(text.subject.startsWith('Notice of Data Breach')).toBe(true);
    const order = [
      en.answer.affected.confirmed,
      'Notice of Data Breach',
      'Date of this notice:',
      'What Happened',
      'What Information Was Involved',
      'What We Are Doing',
      'What You Can Do',
      'For More Information',
      en.notice.why('Pacific Trail Outfitters', usCaExample.text.en.title),
      en.notice.reference(base.code),
      en.neverAsk.title,
      text.link,
    ];
    const at = order.map((piece) => text.body.indexOf(piece));
    expect(at.every((i) => i >= 0), `all present: ${order.filter((_, i) => at[i]! < 0).join(' | ')}`).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(lines.at(-1)).toBe(`${ORIGIN}/i/${incident.slug}`); // the portal's address typed out, last

    const jaText = noticeText({ ...base, locale: 'ja', jurisdiction: 'us-ca' });
    expect(jaText.subject.startsWith('Notice of Data Breach')).toBe(true);
    expect(jaText.body.split('\n')[0]).toBe(ja.answer.affected.confirmed);
  });

  it('keeps its subject and carries only the incident’s own legal items without a jurisdiction', async () => {
    const incident = await published(example(jpExample, 'email-plain'));
    const answer = decide(incident, { entry: null });
    const text = noticeText({ incident, answer, locale: 'ja', code: 'K7QM-3XTR-9HWD-FP2N-6BJC', issuedAt: '2025-02-20T17:00:00Z', baseUrl: ORIGIN, store: null });
    expect(text.subject).toBe(ja.notice.subject.not_affected(jpExample.company.ja));
    expect(text.body).toContain(`■${ja.legal.plain.cause}`);
    expect(text.body).not.toContain(ja.legal.jp.title);
    expect(text.body.indexOf(`■${ja.legal.plain.cause}`)).toBeGreaterThan(text.body.indexOf(ja.answer.nothingToDo));
  });
});

describe('missing legal items', () => {
  it('counts what existing fields give, and names each missing item with its path and the law’s name', () => {
    const kissa = parse(kissaExample);
    expect(missingLegalItems(kissa, 'jp').map(describeLegalItem)).toEqual([
      'legal.cause — 原因 (APPI rule art. 10 / art. 8(1)(iv))',
      'legal.secondaryHarm — 二次被害又はそのおそれの有無及びその内容 (APPI rule art. 10 / art. 8(1)(v))',
      'legal.other (or legal.measures, legal.contact) — その他参考となる事項 (APPI rule art. 10 / art. 8(1)(ix))',
    ]);
    expect(missingLegalItems(kissa, 'eu').map((i) => i.path)).toEqual(['legal.contact', 'legal.secondaryHarm', 'legal.measures']);
    for (const [json, j] of [
      [jpExample, 'jp'],
      [usCaExample, 'us-ca'],
      [euExample, 'eu'],
    ] as const) {
      expect(missingLegalItems(parse(json), j), `${j} example`).toEqual([]);
    }
  });

  it('us-ca asks for the credit bureaus and a 12-month identity theft offer only when ID numbers were exposed', async () => {
    const def = parse(usCaExample);
    const withoutOffer = { ...def, legal: { ...def.legal, idProtection: undefined, creditBureaus: undefined } };
    expect(missingLegalItems(withoutOffer, 'us-ca').map((i) => i.key)).toEqual(['credit_bureaus', 'id_protection']);
    const shortOffer = { ...def, legal: { ...def.legal, idProtection: { ...def.legal!.idProtection!, months: 6 } } };
    expect(missingLegalItems(shortOffer, 'us-ca').map((i) => i.key)).toEqual(['id_protection']);
    // Without the driver's licence group, neither is asked for.
    const cardsOnly = { ...withoutOffer, groups: def.groups.filter((g) => g.code !== 'rentals') };
    expect(missingLegalItems(cardsOnly, 'us-ca')).toEqual([]);
    // The built-in national_id class counts as an ID number too, and a stored incident reads the same.
    const national = { ...withoutOffer, slug: slugFor('national'), groups: [{ ...def.groups[1]!, dataClasses: ['national_id'] }] };
    expect(missingLegalItems(national, 'us-ca').map((i) => i.key)).toEqual(['credit_bureaus', 'id_protection']);
    const stored = await published(national);
    expect(missingLegalItems(legalSubject(stored), 'us-ca').map((i) => i.key)).toEqual(['credit_bureaus', 'id_protection']);
  });
});
