/**
 * One person, one sentence: wherever a person meets their answer (the notice email, the notice link
 * /n/<code>, the support agent's reply, the result page after typing, the JSON API) it opens with the
 * same sentence, word for word from the catalogue.
 *
 * The notice is made as the `notices` command makes it (src/cli/notices/issue-notices.ts): the
 * recipient's keyed hash, their entry in the active dataset, decide(), noticeText(), and the code's
 * hash stored with theirs, so the link in the email opens this person's page.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type NoticeText, noticeText } from '../../src/answer-text/notice-email.ts';
import { noticeAnswer } from '../../src/lookup/codes.ts';
import { codeHash, newCode, normaliseCode } from '../../src/core/codes.ts';
import { formatDay } from '../../src/core/dates.ts';
import { expectedBinding, subjectBindingText, subjectKind } from '../../src/core/dataset-binding.ts';
import { type Answer, decide, listUse } from '../../src/core/decide.ts';
import { identifierHash, readIdentifier } from '../../src/core/identifier.ts';
import type { IncidentDefinition, Locale } from '../../src/core/incident.ts';
import { keyedHasher, parsePepper, pepperFingerprint } from '../../src/core/keyed-hash.ts';
import { insertCodes } from '../../src/data/codes.ts';
import { entriesFor } from '../../src/data/entries.ts';
import { loadIncident } from '../../src/data/incidents.ts';
import type { AppEnv } from '../../src/env.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { messages } from '../../src/i18n/messages.ts';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { yourDataLines } from './answer-page.ts';
import { check, fetchWith, get, h1, newClientIp, ORIGIN, submitForm } from './http.ts';
import { definitionFor, importRows, publish } from './seed.ts';

const LOCALES: readonly Locale[] = ['ja', 'en'];

const UPDATES: IncidentDefinition['updates'] = [
  { date: '2024-05-23', text: { ja: '不正アクセスを検知しました。', en: 'We detected the unauthorised access.' } },
  { date: '2024-06-20', text: { ja: '調査を続けています。', en: 'The investigation continues.' } },
];

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

interface Notice extends NoticeText {
  code: string;
  answer: Answer;
}

/** One recipient's notice, made the way the notices command makes each row of its file. */
async function issueNotice(slug: string, email: string, locale: Locale): Promise<Notice> {
  const incident = (await loadIncident(env.DB, slug))!;
  const pepper = parsePepper(env.PEPPER);
  const use = listUse(incident.status);
  const usesList = use === 'required' || (use === 'optional' && incident.activeDataset !== null);
  const expected = expectedBinding(incident.content.lookup, { id: pepper.id, fingerprint: pepperFingerprint(pepper) });
  const rules = { secondFactor: incident.content.lookup.secondFactor, orderIdPattern: incident.orderIdPattern };
  const id = readIdentifier({ kind: 'email', raw: email }, rules);
  if (!id.ok) throw new Error(`not an email: ${id.error}`);
  const subject = identifierHash(keyedHasher(pepper), incident.salt, id);
  const entries = usesList ? await entriesFor(env.DB, incident.activeDataset!, [subject]) : new Map();
  const entry = entries.get(hex(subject)) ?? null;
  const answer = decide(incident, usesList ? { entry } : null);
  const code = newCode();
  const issuedAt = new Date().toISOString();
  const text = noticeText({ incident, answer, locale, code, issuedAt, baseUrl: ORIGIN, store: entry?.store ?? null, timeZone: env.TIME_ZONE });
  await insertCodes(env.DB, [
    {
      hash: codeHash(normaliseCode(code)!),
      kind: 'notice',
      incident: slug,
      subject,
      subjectKey: pepper.id,
      subjectBinding: subjectBindingText(expected, subjectKind(expected)),
      locale,
      issuedAt,
      expiresAt: null,
      channel: 'email',
      answer: answer.kind,
    },
  ]);
  return { ...text, code, answer };
}

let agents = 0;
async function agentReplies(slug: string, email: string): Promise<Record<Locale, string>> {
  agents += 1;
  const agent = `same-sentence-${agents}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const res = await fetchWith(
    new Request(`${ORIGIN}/api/v1/agent/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...viaAccess(await accessToken({ email: agent })) },
      body: JSON.stringify({ incident: slug, email }),
    }),
    accessEnv,
  );
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ replies: Record<Locale, string> }>()).replies;
}

const firstLine = (text: string) => text.split('\n')[0];

interface PersonCase {
  name: string;
  /** The incident's slug and the person's email, made by setUp. */
  setUp: () => Promise<{ slug: string; email: string }>;
  kind: Answer['kind'];
  /** `listDay`: the day the active list was switched on, as answers print it; null without a list. */
  headline: (locale: Locale, listDay: string | null) => string;
}

const GROUPS = definitionFor('x').groups;

const CASES: PersonCase[] = [
  {
    name: 'affected',
    setUp: async () => {
      const slug = 'same-sentence-confirmed';
      await publish(definitionFor(slug, { updates: UPDATES }));
      await importRows(slug, [{ email: 'taro@same-sentence.example.com', groups: 'members|cards', store: 'Sample Coffee Online' }]);
      return { slug, email: 'taro@same-sentence.example.com' };
    },
    kind: 'affected',
    headline: (l) => messages(l).answer.affected.confirmed,
  },
  {
    name: 'affected, possibly only',
    setUp: async () => {
      const slug = 'same-sentence-possible';
      await publish(definitionFor(slug, { updates: UPDATES }));
      await importRows(slug, [{ email: 'jiro@same-sentence.example.com', groups: 'cards' }]);
      return { slug, email: 'jiro@same-sentence.example.com' };
    },
    kind: 'affected',
    headline: (l) => messages(l).answer.affected.possible,
  },
  {
    name: 'not affected',
    setUp: async () => {
      const slug = 'same-sentence-not-affected';
      await publish(definitionFor(slug, { updates: UPDATES }));
      await importRows(slug, [{ email: 'someone-else@same-sentence.example.com', groups: 'members|cards' }]);
      return { slug, email: 'hanako@same-sentence.example.com' };
    },
    kind: 'not_affected',
    headline: (l) => `${messages(l).answer.notAffected}${l === 'ja' ? '' : ' '}${messages(l).answer.notAffectedCard}`,
  },
  {
    name: 'under investigation, no list yet',
    setUp: async () => {
      const slug = 'same-sentence-no-list';
      await publish(definitionFor(slug, { status: 'investigating', updates: UPDATES, groups: GROUPS }));
      return { slug, email: 'saburo@same-sentence.example.com' };
    },
    kind: 'under_investigation',
    headline: (l) => messages(l).answer.noListYet,
  },
  {
    name: 'under investigation, not in the list so far',
    setUp: async () => {
      const slug = 'same-sentence-so-far';
      await publish(definitionFor(slug, { status: 'investigating', updates: UPDATES, groups: GROUPS }));
      await importRows(slug, [{ email: 'someone-else@same-sentence.example.com', groups: 'members' }]);
      return { slug, email: 'shiro@same-sentence.example.com' };
    },
    kind: 'under_investigation',
    headline: (l, listDay) => messages(l).answer.notFoundSoFar(listDay!),
  },
  {
    name: 'no exposure confirmed',
    setUp: async () => {
      const slug = 'same-sentence-not-confirmed';
      await publish(definitionFor(slug, { status: 'not_confirmed', updates: UPDATES, groups: [] }));
      return { slug, email: 'goro@same-sentence.example.com' };
    },
    kind: 'no_exposure_confirmed',
    headline: (l) => messages(l).answer.noExposure,
  },
];

beforeEach(() => {
  stubAccessCerts();
});
afterEach(() => vi.restoreAllMocks());

describe.each(CASES)('$name', (c) => {
  let slug: string;
  let email: string;
  let replies: Record<Locale, string>;
  const notices = {} as Record<Locale, Notice>;

  beforeAll(async () => {
    ({ slug, email } = await c.setUp());
    for (const locale of LOCALES) notices[locale] = await issueNotice(slug, email, locale);
  });

  /** The sentence every channel must open with, from the catalogue. */
  async function sentence(locale: Locale): Promise<string> {
    const activated = (await loadIncident(env.DB, slug))!.listActivatedAt;
    return c.headline(locale, activated ? formatDay(activated, locale, env.TIME_ZONE) : null);
  }

  it.each(LOCALES)('opens every channel with the same sentence (%s)', async (locale) => {
    const want = await sentence(locale);
    const notice = notices[locale];
    expect(notice.answer.kind).toBe(c.kind);

    // The email's body, the page its link opens, the agent's reply, the result page and the JSON answer.
    const noticeRes = await get(`/n/${notice.code}`, { 'cf-connecting-ip': newClientIp() });
    expect(noticeRes.status).toBe(200);
    const noticeHtml = await noticeRes.text();
    replies ??= await agentReplies(slug, email);
    const page = await submitForm(slug, { identifier: email }, { query: `?lang=${locale}` });
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    const json = await (await check({ incident: slug, email, locale })).json<{ headline: string; answer: string }>();

    expect({
      notice: firstLine(notice.body),
      noticeLink: h1(noticeHtml),
      agentReply: firstLine(replies[locale]),
      resultPage: h1(pageHtml),
      json: json.headline,
    }).toEqual({ notice: want, noticeLink: want, agentReply: want, resultPage: want, json: want });
    expect(json.answer).toBe(c.kind);

    // The link's page decides from the same list the notice did: the same answer, not only the same words.
    const resolved = await noticeAnswer(env as unknown as AppEnv, notice.code);
    expect(resolved.kind).toBe('answer');
    if (resolved.kind === 'answer') expect(resolved.answer).toEqual(notice.answer);

    // "Your data" reads alike in the email and on the pages.
    const bodyLines = notice.body.split('\n');
    const dataLines = yourDataLines(pageHtml).map((l) => `- ${l.text}`);
    for (const line of dataLines) expect(bodyLines).toContain(line);
    expect(yourDataLines(noticeHtml).map((l) => `- ${l.text}`)).toEqual(dataLines);
  });

  it.each(LOCALES)('puts the personal link at the end of the notice (%s)', (locale) => {
    const notice = notices[locale];
    const m = messages(locale);
    const lines = notice.body.split('\n');
    expect(notice.link).toBe(`${ORIGIN}/n/${notice.code}`);
    // Only once, after "details at", followed only by the portal's address typed out in full.
    expect(lines.filter((l) => l.includes(notice.link))).toEqual([notice.link]);
    expect(lines.slice(-4)).toEqual([m.notice.detailsAt, notice.link, m.notice.portal, `${ORIGIN}/i/${slug}`]);
    expect(notice.body).toContain(m.notice.reference(notice.code));
  });

  if (c.kind === 'affected') {
    it.each(LOCALES)('carries the person\'s data and the first two steps (%s)', (locale) => {
      const notice = notices[locale];
      const m = messages(locale);
      const lines = notice.body.split('\n');
      expect(lines).toContain(`${m.answer.yourData}:`);
      // Every class of the person, most urgent first, each with its certainty, under "your data".
      const from = lines.indexOf(`${m.answer.yourData}:`) + 1;
      const dataLines = lines.slice(from, lines.indexOf('', from));
      const line = (label: string, certainty: 'confirmed' | 'possible') => `- ${m.answer.exposure(label, m.certainty[certainty])}`;
      const d = m.dataClasses;
      expect(dataLines).toEqual(
        c.name === 'affected'
          ? [
              line(d.login, 'confirmed'),
              line(m.cardWithCode, 'possible'),
              line(d.email, 'confirmed'),
              line(d.phone, 'confirmed'),
              line(d.address, 'confirmed'),
              line(d.order_details, 'possible'),
              line(d.name, 'confirmed'),
              line(d.birth_date, 'confirmed'),
            ]
          : [line(m.cardWithCode, 'possible'), line(d.order_details, 'possible')],
      );
      const firstTwo = c.name === 'affected' ? [m.steps.login[0], m.steps.login[1]] : [m.steps.card[0], m.steps.card[1]];
      const at = lines.indexOf(m.notice.firstSteps);
      expect(at).toBeGreaterThan(lines.indexOf(`${m.answer.yourData}:`));
      expect(lines.slice(at + 1, at + 4)).toEqual([`1. ${firstTwo[0]}`, `2. ${firstTwo[1]}`, m.notice.moreSteps]);
      expect(notice.body).not.toContain('3. ');
      expect(notice.body).not.toContain(m.answer.nothingToDo);
      expect(notice.subject).toBe(m.notice.subject.affected(definitionFor('x').company[locale]));
    });
  } else {
    it.each(LOCALES)('carries no steps (%s)', (locale) => {
      const notice = notices[locale];
      const m = messages(locale);
      expect(notice.body).not.toContain(m.notice.firstSteps);
      expect(notice.body).not.toContain(m.result.nextSteps);
      expect(notice.body).not.toContain(m.notice.moreSteps);
      expect(notice.body).not.toMatch(/^1\. /m);
      expect(notice.body).not.toContain(`${m.answer.yourData}:`);
      if (c.kind === 'not_affected') {
        expect(notice.body.split('\n').slice(0, 3)).toEqual([c.headline(locale, null), '', m.answer.nothingToDo]);
        expect(notice.subject).toBe(m.notice.subject.not_affected(definitionFor('x').company[locale]));
      } else {
        // The outcome is open: the latest update is quoted.
        expect(notice.body).toContain(m.answer.latestUpdate(locale === 'ja' ? '2024年6月20日' : '20 June 2024', UPDATES[1]!.text[locale]));
      }
    });
  }
});

describe('a notice sent before the list existed', () => {
  it('shows the person\'s answer once the list is imported, and the agent and page agree', async () => {
    const slug = 'same-sentence-later-list';
    const email = 'rokuro@same-sentence.example.com';
    await publish(definitionFor(slug, { status: 'investigating', updates: UPDATES, groups: GROUPS }));
    const notice = await issueNotice(slug, email, 'en');
    expect(firstLine(notice.body)).toBe(en.answer.noListYet);
    await importRows(slug, [{ email, groups: 'members' }]);
    const html = await (await get(`/n/${notice.code}`, { 'cf-connecting-ip': newClientIp() })).text();
    expect(h1(html)).toBe(en.answer.affected.confirmed);
    expect(html).toContain(en.answer.investigationContinuing);
    const replies = await agentReplies(slug, email);
    expect(replies.en.split('\n').slice(0, 2)).toEqual([en.answer.affected.confirmed, en.answer.investigationContinuing]);
    expect(firstLine(replies.ja)).toBe(ja.answer.affected.confirmed);
  });
});
