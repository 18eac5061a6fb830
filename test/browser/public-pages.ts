/**
 * Every public page of the portal, as a customer reaches it, for the page-wide checks (accessibility,
 * language, small screens, weight). A page is an address, or an address plus a form to fill and send:
 * the answers only exist as responses to a POST.
 *
 * `prepareExamples` publishes the second-factor example incident (idempotent: the CLI reports
 * "unchanged" on a second run, so test/e2e/examples.test.ts may run before or after) and issues one
 * notice, whose code makes the genuine verify answer and the notice link page.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, BrowserContextOptions, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { cli, scratchDir } from '../support/portal.ts';
import { launchChromium } from './chromium.ts';

export type Locale = 'ja' | 'en';
export const LOCALES: readonly Locale[] = ['ja', 'en'];

export interface PublicPage {
  name: string;
  /** The address to open, before any form is sent. */
  path: string | ((examples: Examples) => string);
  /** Fields to fill (by id) and then send with the form's button. */
  form?: (examples: Examples) => Record<string, string>;
  status: number;
  /** The sign-in view of /agent is only offered to a loopback client; everything else gets a unique address. */
  loopback?: boolean;
}

export interface Examples {
  /** A genuine notice code for affected@example.com in the demo incident. */
  noticeCode: string;
}

export async function prepareExamples(baseURL: string, stateDir: string): Promise<Examples> {
  // Once per run: the state directory is this run's own, so the first test file's work is reused.
  const done = join(stateDir, 'browser-examples.json');
  if (existsSync(done)) return JSON.parse(readFileSync(done, 'utf8')) as Examples;
  await cli('incident', 'publish', 'examples/kissa.incident.json');
  await cli('import', '--incident', 'kissa-2024', '--file', 'examples/kissa.affected.csv');
  const work = scratchDir('pages');
  writeFileSync(join(work, 'recipients.csv'), 'email,locale\naffected@example.com,ja\n');
  await cli('notices', '--incident', 'demo', '--recipients', join(work, 'recipients.csv'), '--out', join(work, 'notices.csv'), '--base-url', baseURL);
  const [row] = parse(readFileSync(join(work, 'notices.csv')), { columns: true }) as [{ code: string }];
  const examples: Examples = { noticeCode: row.code };
  writeFileSync(done, JSON.stringify(examples));
  return examples;
}

/**
 * The shared setup of a page-wide test file: the example data and one Chromium for the file, closed
 * afterwards. Read `browser` and `examples` inside tests (they are set by the file's beforeAll).
 */
export function usePortal(): { readonly browser: Browser; readonly examples: Examples } {
  const portal = {} as { browser: Browser; examples: Examples };
  beforeAll(async () => {
    [portal.examples, portal.browser] = await Promise.all([prepareExamples(inject('baseURL'), inject('stateDir')), launchChromium()]);
  });
  afterAll(async () => {
    await portal.browser?.close();
  });
  return portal;
}

const UNKNOWN_CODE = 'K7QM-3XTR-9HWD-FP2N-6BJC';

export const PUBLIC_PAGES: readonly PublicPage[] = [
  { name: 'incident list', path: '/', status: 200 },
  { name: 'incident', path: '/i/demo', status: 200 },
  { name: 'result: affected', path: '/i/demo', form: () => ({ identifier: 'affected@example.com' }), status: 200 },
  { name: 'result: not affected', path: '/i/demo', form: () => ({ identifier: 'nobody@example.com' }), status: 200 },
  { name: 'result: invalid input', path: '/i/demo', form: () => ({ identifier: 'Test' }), status: 400 },
  { name: 'second-factor incident', path: '/i/kissa-2024', status: 200 },
  { name: 'second-factor: affected', path: '/i/kissa-2024', form: () => ({ email: 'hanako@example.com', factor: '100-0001' }), status: 200 },
  { name: 'second-factor: no match', path: '/i/kissa-2024', form: () => ({ email: 'hanako@example.com', factor: '100-0002' }), status: 200 },
  { name: 'notice link', path: (ex) => `/n/${ex.noticeCode}`, status: 200 },
  { name: 'notice link: unknown code', path: `/n/${UNKNOWN_CODE}`, status: 404 },
  { name: 'verify', path: '/verify', status: 200 },
  { name: 'verify: genuine', path: '/verify', form: (ex) => ({ code: ex.noticeCode }), status: 200 },
  { name: 'verify: not genuine', path: '/verify', form: () => ({ code: UNKNOWN_CODE }), status: 200 },
  { name: 'not found', path: '/no-such-page', status: 404 },
  { name: 'agent: refusal', path: '/agent', status: 401 },
  { name: 'agent: sign-in', path: '/agent', status: 401, loopback: true },
];

/** Every public page in both languages, for `it.for`: "ja: incident list", ... */
export const PAGES_BY_LOCALE = LOCALES.flatMap((locale) => PUBLIC_PAGES.map((page) => ({ locale, page, label: `${locale}: ${page.name}` })));

let clients = 0;

/**
 * A fresh browser context (cold cache, own cookies) whose lookups count against an address of its own,
 * so the lookup rate limit (10 a minute per address) never answers in place of the page.
 */
export async function newContext(browser: Browser, page: Pick<PublicPage, 'loopback'>, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  clients += 1;
  // A /64 of its own: the limiter counts per IPv6 /64.
  const ip = page.loopback ? '127.0.0.1' : `2001:db8:${(process.pid & 0xffff).toString(16)}:${clients.toString(16)}::1`;
  return browser.newContext({ ...options, extraHTTPHeaders: { 'cf-connecting-ip': ip } });
}

/**
 * Opens the page in `locale` (chosen with `?lang=`, as the language switch does) and returns the
 * response of its final navigation. `beforeLast` runs just before that navigation, so a caller can
 * measure the page itself rather than the form that led to it.
 */
export async function open(
  tab: Page,
  baseURL: string,
  examples: Examples,
  spec: PublicPage,
  locale: Locale,
  beforeLast?: () => void | Promise<void>,
): Promise<Response> {
  const path = typeof spec.path === 'string' ? spec.path : spec.path(examples);
  const url = `${baseURL}${path}?lang=${locale}`;
  if (!spec.form) {
    await beforeLast?.();
    return (await tab.goto(url))!;
  }
  await tab.goto(url);
  for (const [id, value] of Object.entries(spec.form(examples))) await tab.locator(`#${id}`).fill(value);
  await beforeLast?.();
  const [response] = await Promise.all([tab.waitForNavigation(), tab.locator('main form button[type="submit"]').click()]);
  return response!;
}
