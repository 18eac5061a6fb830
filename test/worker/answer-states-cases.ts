/**
 * Every incident state against every kind of person, for the answer-states-*.test.ts files: the states
 * (confirmed and closed, answered yes or no from the list; investigating without a list, the same "we do
 * not know yet" for everyone; investigating with a list, yes for a listed person and "not found so far"
 * for anyone else; not_confirmed, the same answer for everyone whether or not a list was imported
 * before; investigating and not_confirmed with no groups at all), the people, and the answer each person
 * should get, spelled out from the catalogue's words. Each state is an incident of its own, published and
 * imported the way the operator CLI does it (test/worker/seed.ts).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, expect } from 'vitest';
import { formatDay } from '../../src/core/dates.ts';
import type { IncidentDefinition, IncidentStatus, Locale } from '../../src/core/incident.ts';
import { loadIncident } from '../../src/data/incidents.ts';
import { messages } from '../../src/i18n/messages.ts';
import { check } from './http.ts';
import { definitionFor, importRows, publish } from './seed.ts';

export const LOCALES: readonly Locale[] = ['ja', 'en'];

/** Out of date order on purpose: the answer quotes the latest date, not the last entry. */
export const UPDATES: IncidentDefinition['updates'] = [
  { date: '2024-05-23', text: { ja: '不正アクセスを検知しました。', en: 'We detected the unauthorised access.' } },
  { date: '2024-07-01', text: { ja: '外部の専門機関と調査を続けています。', en: 'We are investigating with an external forensic firm.' } },
  { date: '2024-06-14', text: { ja: '対象範囲の特定を進めています。', en: 'We are working out who is affected.' } },
];
export const LATEST = { iso: '2024-07-01', ja: '2024年7月1日', en: '1 July 2024' } as const;
const LATEST_TEXT = UPDATES[1]!.text;

const REASON = {
  ja: '改ざんされた決済画面からカード情報が送られた可能性があります。',
  en: 'Card details entered in this period may have been sent out through the altered payment page.',
};

export const GROUPS: IncidentDefinition['groups'] = [
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

export type Person = 'confirmed' | 'possible' | 'both' | 'unlisted';
export const PEOPLE: readonly Person[] = ['confirmed', 'possible', 'both', 'unlisted'];

/** What each person types, and how the answer shows it back (masked). */
export function identifiers(slug: string): Record<Person, { json: { email: string } | { orderId: string }; typed: string; masked: string }> {
  const domain = `${slug}.example.com`;
  return {
    confirmed: { json: { email: `member@${domain}` }, typed: `member@${domain}`, masked: `m•••••@${domain}` },
    possible: { json: { orderId: 'ord-7301' }, typed: 'ＯＲＤ－７３０１', masked: 'ORD-••01' },
    both: { json: { email: `Both.Groups@${domain.toUpperCase()}` }, typed: `Both.Groups@${domain.toUpperCase()}`, masked: `B•••••@${domain}` },
    unlisted: { json: { email: `nobody@${domain}` }, typed: `nobody@${domain}`, masked: `n•••••@${domain}` },
  };
}

export function listFor(slug: string) {
  const domain = `${slug}.example.com`;
  return [
    { email: `member@${domain}`, groups: 'members' },
    { order_id: 'ORD-7301', groups: 'cards' },
    { email: `both.groups@${domain}`, groups: 'members|cards', store: 'Sample Coffee Online' },
  ];
}

export interface StateCase {
  name: string;
  status: IncidentStatus;
  /** Whether the incident's answers read a list (and so give a listDate). */
  readsList: boolean;
  /** A list is imported (for not_confirmed: while still investigating, before the status changed). */
  imported: boolean;
  groups: 'some' | 'none';
}

export const STATES: StateCase[] = [
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
export async function setUp(state: StateCase): Promise<string> {
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

export interface CheckJson {
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

export async function checkJson(slug: string, who: { email: string } | { orderId: string }, locale: Locale): Promise<CheckJson> {
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

export function expected(state: StateCase, person: Person, locale: Locale, listDay: string | null): Expected {
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

/**
 * The state's incident, set up in the calling describe block's beforeAll: its slug, and the day its list
 * was switched on as the answers print it (null when the answers read no list). Read it inside tests.
 */
export function useStateIncident(state: StateCase): { slug: string; listDay: Record<Locale, string> | null; listIsoDay: string | null } {
  const incident = { slug: '', listDay: null as Record<Locale, string> | null, listIsoDay: null as string | null };
  beforeAll(async () => {
    incident.slug = await setUp(state);
    const loaded = (await loadIncident(env.DB, incident.slug))!;
    expect(loaded.status).toBe(state.status);
    if (state.readsList) {
      const activated = loaded.listActivatedAt!;
      // Switched on by this test's import, moments ago.
      expect(Date.now() - Date.parse(activated)).toBeLessThan(10 * 60_000);
      incident.listDay = { ja: formatDay(activated, 'ja', env.TIME_ZONE), en: formatDay(activated, 'en', env.TIME_ZONE) };
      incident.listIsoDay = new Intl.DateTimeFormat('en-CA', { timeZone: env.TIME_ZONE }).format(new Date(activated));
    }
  });
  return incident;
}
