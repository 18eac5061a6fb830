/**
 * The support console in a real browser against the running portal (`npm start`'s setup, whose
 * .dev.vars switches on the development sign-in): sign in by name, open a helpdesk lookup link whose
 * identifier rides in the fragment, see it moved into the form and gone from the address bar, look up,
 * and copy the reply text. Then the audit export shows the lookup by keyed hash only, and neither the
 * identifier of a lookup link nor the contact code it leads to reaches the portal's log or state.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { cli, filesUnder } from '../support/portal.ts';
import { launchChromium } from './chromium.ts';

const baseURL = inject('baseURL');
const AGENT = `Hanako ${Date.now().toString(36)}`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it('prefills the console from a lookup link, keeps the identifier out of the URL, and copies the reply', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));

  const refused = await page.goto(`${baseURL}/agent`);
  expect(refused?.status()).toBe(401);
  await page.getByLabel(en.agent.devNameLabel).fill(AGENT);
  await page.getByRole('button', { name: en.agent.devSignInSubmit }).click();
  // The identity is kept in lowercase (one spelling per agent for the limit and the audit).
  await expect.poll(() => page.getByText(en.agent.signedInAs(`dev:${AGENT.toLowerCase()}`)).count()).toBe(1);

  const email = 'affected@example.com';
  await page.goto(`${baseURL}/agent#incident=demo&email=${encodeURIComponent(email)}`);
  await expect.poll(() => page.getByLabel(en.agent.emailLabel).inputValue()).toBe(email);
  expect(new URL(page.url()).hash).toBe('');
  expect(await page.locator('#incident').inputValue()).toBe('demo');

  await page.getByRole('button', { name: en.agent.submit }).click();
  await expect.poll(() => page.locator('#agent-answer').textContent()).toBe(en.answer.affected.confirmed);
  const replyJa = await page.locator('#reply-ja').inputValue();
  expect(replyJa.split('\n')[0]).toBe(ja.answer.affected.confirmed);
  expect(replyJa).toContain(`${baseURL}/i/demo`);

  await page.locator('button[data-copy="reply-ja"]').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(replyJa);
  await expect.poll(() => page.getByText(en.agent.copied).count()).toBe(1);

  // The identifier never travelled in a URL: not in any request, and not in the address bar.
  for (const url of [...requested, page.url()]) expect(decodeURIComponent(url)).not.toContain(email);
  await page.screenshot({ path: 'test-results/agent-console-en.png', fullPage: true });

  await page.getByRole('button', { name: en.agent.contactSubmit }).click();
  const code = (await page.locator('#contact-code').textContent())!;
  await page.goto(`${baseURL}/verify?lang=en`);
  await page.getByLabel(en.verify.codeLabel).fill(code);
  await page.getByRole('button', { name: en.verify.submit }).click();
  expect(await page.locator('h1').textContent()).toBe(en.verify.genuineTitle);
  await context.close();

  // Filtered by the name as typed at sign-in: the filter ignores case.
  const { stdout } = await cli('audit', '--agent', `dev:${AGENT}`, '--csv');
  const rows: Record<string, string>[] = parse(stdout, { columns: true });
  expect(rows.map((r) => [r.action, r.identifierKind, r.answer])).toEqual([
    ['contact_code', '', 'issued'],
    ['lookup', 'email', 'affected'],
  ]);
  expect(rows[1]!.hash).toMatch(/^[0-9a-f]{32}$/);
  expect(stdout).not.toContain(email);
});

it('works without JavaScript, except for prefill and copy', async () => {
  const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseURL}/agent`);
  await page.getByLabel(ja.agent.devNameLabel).fill(AGENT);
  await page.getByRole('button', { name: ja.agent.devSignInSubmit }).click();
  // Other tests may have published more incidents; pick the demo one as an agent would.
  await page.locator('#incident').selectOption('demo');
  await page.getByLabel(ja.agent.orderIdLabel).fill('ORD-1001');
  await page.getByRole('button', { name: ja.agent.submit }).click();
  // ORD-1001 is in the cards group only, whose exposure is possible.
  expect(await page.locator('#agent-answer').textContent()).toBe(ja.answer.affected.possible);
  expect(await page.locator('button[data-copy]').first().isVisible()).toBe(false);
  expect((await page.locator('#reply-en').inputValue()).split('\n')[0]).toBe(en.answer.affected.possible);
  await context.close();
});

it('keeps a lookup link’s identifier and the contact code it leads to out of the portal’s log and state', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${baseURL}/agent`);
  await page.getByLabel(en.agent.devNameLabel).fill(AGENT);
  await page.getByRole('button', { name: en.agent.devSignInSubmit }).click();
  // A probe no other test uses, so a hit can only come from this lookup.
  const probe = `fragment-probe-${Date.now().toString(36)}@example.com`;
  await page.goto(`${baseURL}/agent#incident=demo&email=${encodeURIComponent(probe)}`);
  await expect.poll(() => page.getByLabel(en.agent.emailLabel).inputValue()).toBe(probe);
  await page.getByRole('button', { name: en.agent.submit }).click();
  await expect.poll(() => page.locator('#agent-answer').textContent()).toContain(en.answer.notAffected);
  await page.getByRole('button', { name: en.agent.contactSubmit }).click();
  const code = (await page.locator('#contact-code').textContent())!;
  expect(code).toMatch(/\w{4}-/);
  await context.close();

  const needles = [probe, encodeURIComponent(probe), code, code.replaceAll('-', '')];
  const log = readFileSync(inject('portalLog'), 'utf8');
  expect(log.length).toBeGreaterThan(0);
  for (const needle of needles) expect(log.includes(needle), `${needle.slice(0, 8)}… in the portal's log`).toBe(false);
  for (const file of filesUnder(inject('stateDir'))) {
    const content = readFileSync(file);
    for (const needle of needles) expect(content.includes(Buffer.from(needle)), `${needle.slice(0, 8)}… in ${file}`).toBe(false);
  }
});
