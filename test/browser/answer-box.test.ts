/**
 * The answer box on a 360×640 phone, for every kind of answer, in Japanese and English: a person who
 * types their address and presses the button reads the answer sentence and the one thing to do (or
 * that there is nothing to do) without scrolling. The words are checked against the catalogues, so a
 * wrong answer fails even when it fits. Screenshots go to test-results/answer-box/ (two of them, the
 * Japanese affected and not-affected answers, are the README's docs/screenshots).
 */
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject, it } from 'vitest';
import { DEFAULT_TIME_ZONE, formatDay } from '../../src/core/dates.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import type { Messages } from '../../src/i18n/messages.ts';
import { LATEST_UPDATE, publishOpenIncidents, SLUGS } from './answer-box-incidents.ts';
import { launchChromium } from './chromium.ts';
import { type Locale, LOCALES, newContext } from './public-pages.ts';

const baseURL = inject('baseURL');
const PHONE = { width: 360, height: 640 };
const DIR = 'test-results/answer-box';
let browser: Browser;
let listDates: Date[] = [];

beforeAll(async () => {
  mkdirSync(DIR, { recursive: true });
  const [list, chromium] = await Promise.all([publishOpenIncidents(), launchChromium()]);
  browser = chromium;
  listDates = [list.listFrom, list.listTo];
});
afterAll(async () => {
  await browser?.close();
});

/** A date as the portal prints it (wrangler.toml sets the default time zone, Asia/Tokyo). */
const day = (iso: string | Date, locale: Locale) => formatDay(typeof iso === 'string' ? `${iso}T12:00:00Z` : iso.toISOString(), locale, DEFAULT_TIME_ZONE);

interface Expected {
  /** The box's class. */
  kind: string;
  /** Acceptable headlines (the list's date may straddle midnight in Tokyo, so two for that one). */
  headlines: string[];
  /** `.first-step p` when affected; otherwise `.action`. */
  first?: string;
  action?: string;
}

interface Case {
  state: string;
  slug: string;
  identifier: string;
  expected: (m: Messages, locale: Locale) => Expected;
}

const gap = (locale: Locale) => (locale === 'ja' ? '' : ' ');
const willNotify = (m: Messages, locale: Locale) => `${m.answer.weWillNotify}${gap(locale)}${m.answer.lastUpdate(day(LATEST_UPDATE, locale))}`;

const CASES: Case[] = [
  {
    state: 'affected',
    slug: 'demo',
    identifier: 'affected@example.com',
    // A leaked password is used first, so its step leads (login is the most urgent class).
    expected: (m) => ({ kind: 'affected', headlines: [m.answer.affected.confirmed], first: m.steps.login[0] }),
  },
  {
    state: 'affected-possible',
    slug: 'demo',
    identifier: 'ORD-1001',
    expected: (m) => ({ kind: 'affected', headlines: [m.answer.affected.possible], first: m.steps.card[0] }),
  },
  {
    state: 'not-affected',
    slug: 'demo',
    identifier: 'nobody@example.com',
    expected: (m, l) => ({ kind: 'not-affected', headlines: [`${m.answer.notAffected}${gap(l)}${m.answer.notAffectedCard}`], action: m.answer.nothingToDo }),
  },
  {
    state: 'under-investigation',
    slug: SLUGS.investigating,
    identifier: 'nobody@example.com',
    expected: (m, l) => ({ kind: 'under-investigation', headlines: [m.answer.noListYet], action: willNotify(m, l) }),
  },
  {
    state: 'not-found-so-far',
    slug: SLUGS.investigatingWithList,
    identifier: 'nobody@example.com',
    expected: (m, l) => ({
      kind: 'under-investigation',
      headlines: listDates.map((d) => m.answer.notFoundSoFar(day(d, l))),
      action: willNotify(m, l),
    }),
  },
  {
    state: 'no-exposure-confirmed',
    slug: SLUGS.notConfirmed,
    identifier: 'nobody@example.com',
    expected: (m) => ({ kind: 'no-exposure-confirmed', headlines: [m.answer.noExposure], action: m.answer.nothingToDoNow }),
  },
];

const RUNS = CASES.flatMap((c) => LOCALES.map((locale) => ({ ...c, locale, label: `${c.state}-${locale}` })));

// Each answer has its own context and client address, so they run a few at a time.
it.concurrent.for(RUNS)('$label', async ({ slug, identifier, expected, locale, label }, { expect }) => {
  const m = locale === 'ja' ? ja : en;
  const want = expected(m, locale);
  const context = await newContext(browser, {}, { viewport: PHONE, locale: locale === 'ja' ? 'ja-JP' : 'en-GB', javaScriptEnabled: false });
  const tab = await context.newPage();
  await tab.goto(`${baseURL}/i/${slug}?lang=${locale}`);
  await tab.locator('#identifier').fill(identifier);
  const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: m.incident.submit }).click()]);
  expect(response?.status()).toBe(200);
  await tab.screenshot({ path: `${DIR}/${label}.png` });

  const box = tab.locator('section.answer');
  expect(await box.getAttribute('class')).toBe(`answer ${want.kind}`);
  const headline = tab.locator('h1#answer');
  expect(want.headlines).toContain(await headline.textContent());
  const second = want.first !== undefined ? box.locator('.first-step p') : box.locator('p.action');
  expect(await second.textContent()).toBe(want.first ?? want.action);
  // Only one of the two is ever shown.
  expect(await box.locator(want.first !== undefined ? 'p.action' : '.first-step').count()).toBe(0);

  for (const [name, element] of [['headline', headline], ['first step or action', second]] as const) {
    const rect = await element.boundingBox();
    expect(rect, name).not.toBeNull();
    const { x, y, width, height } = rect!;
    expect(y, `${name}: top`).toBeGreaterThanOrEqual(0);
    expect(x, `${name}: left`).toBeGreaterThanOrEqual(0);
    expect(y + height, `${name}: bottom`).toBeLessThanOrEqual(PHONE.height);
    expect(x + width, `${name}: right`).toBeLessThanOrEqual(PHONE.width);
  }
  await context.close();
});
