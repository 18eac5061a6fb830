/**
 * Every incident state against every kind of person, through HTTP: the JSON API (POST /api/v1/check)
 * field by field in both languages, and the result page (POST /i/<slug>) for its headline, its "your
 * data" lines and what was checked. Each state is an incident of its own, published and imported the
 * way the operator CLI does it (test/worker/seed.ts).
 *
 * The states: confirmed and closed (answer yes or no from the list), investigating without a list (the
 * same "we do not know yet" for everyone, 200 not 503), investigating with a list (yes for a listed
 * person, "not found so far" for anyone else), not_confirmed (the same answer for everyone, whether or
 * not a list was imported before), and investigating / not_confirmed with no groups at all.
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/core/dates.ts';
import type { IncidentDefinition, IncidentStatus, Locale } from '../../src/core/incident.ts';
import { loadIncident } from '../../src/data/db.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { messages } from '../../src/i18n/messages.ts';
import { answerBox, checkedLine, expectConfirmedLinesDefinite, expectNoHedging, plain, yourDataLines } from './answer-page.ts';
import { check, get, h1, submitForm } from './http.ts';
import { definitionFor, importRows, publish } from './seed.ts';

const LOCALES: readonly Locale[] = ['ja', 'en'];

/** Out of date order on purpose: the answer quotes the latest date, not the last entry. */
const UPDATES: IncidentDefinition['updates'] = [
  { date: '2024-05-23', text: { ja: '不正アクセスを検知しました。', en: 'We detected the unauthorised access.' } },
  { date: '2024-07-01', text: { ja: '外部の専門機関と調査を続けています。', en: 'We are investigating with an external forensic firm.' } },
  { date: '2024-06-14', text: { ja: '対象範囲の特定を進めています。', en: 'We are working out who is affected.' } },
];
const LATEST = { iso: '2024-07-01', ja: '2024年7月1日', en: '1 July 2024' } as const;
const LATEST_TEXT = UPDATES[1]!.text;

const REASON = {
  ja: '改ざんされた決済画面からカード情報が送られた可能性があります。',
  en: 'Card details entered in this period may have been sent out through the altered payment page.',
};

const GROUPS: IncidentDefinition['groups'] = [
  {
    code: 'members',
    label: { ja: '会員のお客様', en: 'Members' },
    period: { from: '2020-10-01', to: '2024-05-23' },
    dataClasses: ['name', 'email', 'login'],
    certainty: 'confirmed',
  },
  {
    code: 'cards',
    label: { ja: 'カードでお支払いのお客様', en: 'Customers who paid by card' },
    period: { from: '2021-07-20', to: '2024-05-20' },
    dataClasses: ['order_details', 'card_security_code', 'card'],
    certainty: 'possible',
    reason: REASON,
  },
];

type Person = 'confirmed' | 'possible' | 'both' | 'unlisted';
const PEOPLE: readonly Person[] = ['confirmed', 'possible', 'both', 'unlisted'];

/** What each person types, and how the answer shows it back (masked). */
function identifiers(slug: string): Record<Person, { json: { email: string } | { orderId: string }; typed: string; masked: string }> {
  const domain = `${slug}.example.com`;
  return {
    confirmed: { json: { email: `member@${domain}` }, typed: `member@${domain}`, masked: `m•••••@${domain}` },
    possible: { json: { orderId: 'ord-7301' }, typed: 'ＯＲＤ－７３０１', masked: 'ORD-••01' },
    both: { json: { email: `Both.Groups@${domain.toUpperCase()}` }, typed: `Both.Groups@${domain.toUpperCase()}`, masked: `B•••••@${domain}` },
    unlisted: { json: { email: `nobody@${domain}` }, typed: `nobody@${domain}`, masked: `n•••••@${domain}` },
  };
}

function listFor(slug: string) {
  const domain = `${slug}.example.com`;
  return [
    { email: `member@${domain}`, groups: 'members' },
    { order_id: 'ORD-7301', groups: 'cards' },
    { email: `both.groups@${domain}`, groups: 'members|cards', store: 'Sample Coffee Online' },
  ];
}

interface StateCase {
  name: string;
  status: IncidentStatus;
  /** Whether the incident's answers read a list (and so give a listDate). */
  readsList: boolean;
  /** A list is imported (for not_confirmed: while still investigating, before the status changed). */
  imported: boolean;
  groups: 'some' | 'none';
}

const STATES: StateCase[] = [
  { name: 'confirmed', status: 'confirmed', readsList: true, imported: true, groups: 'some' },
  { name: 'closed', status: 'closed', readsList: true, imported: true, groups: 'some' },
  { name: 'investigating without a list', status: 'investigating', readsList: false, imported: false, groups: 'some' },
  { name: 'investigating with a list', status: 'investigating', readsList: true, imported: true, groups: 'some' },
  { name: 'not_confirmed without a list', status: 'not_confirmed', readsList: false, imported: false, groups: 'some' },
  { name: 'not_confirmed with a list imported earlier', status: 'not_confirmed', readsList: false, imported: true, groups: 'some' },
  { name: 'investigating with no groups', status: 'investigating', readsList: false, imported: false, groups: 'none' },
  { name: 'not_confirmed with no groups', status: 'not_confirmed', readsList: false, imported: false, groups: 'none' },
];

let slugs = 0;
async function setUp(state: StateCase): Promise<string> {
  const slug = `answer-states-${++slugs}-${state.status.replace('_', '-')}`;
  const def = definitionFor(slug, { status: state.status, updates: UPDATES, groups: state.groups === 'none' ? [] : GROUPS });
  if (state.imported) {
    // A list is imported while the incident can use one; not_confirmed comes later, as in a real incident.
    await publish(state.status === 'not_confirmed' ? { ...def, status: 'investigating' } : def);
    await importRows(slug, listFor(slug));
    if (state.status === 'not_confirmed') await publish(def);
  } else {
    await publish(def);
  }
  return slug;
}

interface CheckJson {
  incident: string;
  locale: string;
  answer: string;
  affected: boolean | null;
  status: string;
  statusDate: string | null;
  headline: string;
  qualifiers: string[];
  firstStep: string | null;
  action: string;
  certainty: string | null;
  store: string | null;
  groups: { code: string; certainty: string; reason: string | null }[];
  dataClasses: string[];
  yourData: { class: string; label: string; certainty: string }[];
  cardNotInvolved: boolean;
  nextSteps: { dataClass: string; label: string; steps: string[] }[];
  update: string | null;
  checked: string;
  listDate: string | null;
}

async function checkJson(slug: string, who: { email: string } | { orderId: string }, locale: Locale): Promise<CheckJson> {
  const res = await check({ incident: slug, ...who, locale });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<CheckJson>();
}

/** The answer a person should get, in one language, spelled out from the catalogue's words. */
interface Expected {
  answer: 'affected' | 'not_affected' | 'under_investigation' | 'no_exposure_confirmed';
  affected: boolean | null;
  headline: string;
  qualifiers: string[];
  firstStep: string | null;
  action: string;
  yourData: { class: string; label: string; certainty: 'confirmed' | 'possible' }[];
  cardNotInvolved: boolean;
  update: string | null;
  store: string | null;
}

function expected(state: StateCase, person: Person, locale: Locale, listDay: string | null): Expected {
  const m = messages(locale);
  const gap = locale === 'ja' ? '' : ' ';
  const open = { affected: null, firstStep: null, yourData: [], cardNotInvolved: false, update: m.answer.latestUpdate(LATEST[locale], LATEST_TEXT[locale]), store: null };
  const notifyLater = `${m.answer.weWillNotify}${gap}${m.answer.lastUpdate(LATEST[locale])}`;
  if (state.status === 'not_confirmed') {
    return { ...open, answer: 'no_exposure_confirmed', headline: m.answer.noExposure, qualifiers: [], action: m.answer.nothingToDoNow };
  }
  if (!state.readsList) {
    return { ...open, answer: 'under_investigation', headline: m.answer.noListYet, qualifiers: [], action: notifyLater };
  }
  const investigating = state.status === 'investigating';
  const continuing = investigating ? [m.answer.investigationContinuing] : [];
  const line = (cls: string, label: string, certainty: 'confirmed' | 'possible') => ({ class: cls, label, certainty });
  const member = [line('login', m.dataClasses.login, 'confirmed'), line('email', m.dataClasses.email, 'confirmed'), line('name', m.dataClasses.name, 'confirmed')];
  const affected = { answer: 'affected' as const, affected: true, update: null };
  switch (person) {
    case 'confirmed':
      return {
        ...affected,
        headline: m.answer.affected.confirmed,
        qualifiers: continuing,
        firstStep: m.steps.login[0]!,
        action: m.steps.login[0]!,
        yourData: member,
        cardNotInvolved: true,
        store: null,
      };
    case 'possible':
      return {
        ...affected,
        headline: m.answer.affected.possible,
        qualifiers: [REASON[locale], ...continuing],
        firstStep: m.steps.card[0]!,
        action: m.steps.card[0]!,
        // Card and security code, both "possible": one line.
        yourData: [line('card', m.cardWithCode, 'possible'), line('order_details', m.dataClasses.order_details, 'possible')],
        cardNotInvolved: false,
        store: null,
      };
    case 'both':
      return {
        ...affected,
        headline: m.answer.affected.confirmed,
        qualifiers: continuing,
        firstStep: m.steps.login[0]!,
        action: m.steps.login[0]!,
        yourData: [member[0]!, line('card', m.cardWithCode, 'possible'), member[1]!, line('order_details', m.dataClasses.order_details, 'possible'), member[2]!],
        cardNotInvolved: false,
        store: 'Sample Coffee Online',
      };
    case 'unlisted':
      if (investigating) {
        return {
          ...open,
          answer: 'under_investigation',
          headline: m.answer.notFoundSoFar(listDay!),
          qualifiers: [m.answer.investigationContinuing],
          action: notifyLater,
        };
      }
      return {
        answer: 'not_affected',
        affected: false,
        headline: `${m.answer.notAffected}${gap}${m.answer.notAffectedCard}`,
        qualifiers: [],
        firstStep: null,
        action: m.answer.nothingToDo,
        yourData: [],
        cardNotInvolved: false,
        update: null,
        store: null,
      };
  }
}

describe.each(STATES)('$name', (state) => {
  let slug: string;
  /** The day the list was switched on, as the answers print it (null when the answers read no list). */
  let listDay: Record<Locale, string> | null = null;
  let listIsoDay: string | null = null;

  beforeAll(async () => {
    slug = await setUp(state);
    const incident = (await loadIncident(env.DB, slug))!;
    expect(incident.status).toBe(state.status);
    if (state.readsList) {
      const activated = incident.listActivatedAt!;
      // Switched on by this test's import, moments ago.
      expect(Date.now() - Date.parse(activated)).toBeLessThan(10 * 60_000);
      listDay = { ja: formatDay(activated, 'ja', env.TIME_ZONE), en: formatDay(activated, 'en', env.TIME_ZONE) };
      listIsoDay = new Intl.DateTimeFormat('en-CA', { timeZone: env.TIME_ZONE }).format(new Date(activated));
    }
  });

  describe.each(PEOPLE)('person %s', (person) => {
    it.each(LOCALES)('JSON answer in %s: every field, from the catalogue', async (locale) => {
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

    it.each(LOCALES)('result page in %s: the same headline, data lines and what was checked', async (locale) => {
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

  if (state.status === 'confirmed' || state.status === 'closed') {
    it.each(LOCALES)('says "not affected" in %s without a hedging word anywhere in the answer', async (locale) => {
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
  }

  if (!state.readsList || state.status === 'investigating') {
    it('answers 200, and the incident page still shows the form', async () => {
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
