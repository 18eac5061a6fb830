/**
 * A notice email's link in a real browser: the recipient's answer on a phone screen with nothing to
 * type, then the reference code checked on the verify page as a suspicious reader would.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { ja } from '../../src/i18n/ja.ts';
import { cli, scratchDir } from '../support/portal.ts';
import { launchChromium } from './chromium.ts';

const baseURL = inject('baseURL');
const PHONE = { width: 360, height: 640 };
let browser: Browser;
let notice: { code: string; link: string };

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  const work = scratchDir('notice-link');
  writeFileSync(join(work, 'recipients.csv'), 'email,locale\nmember-only@example.com,ja\n');
  await cli('notices', '--incident', 'demo', '--recipients', join(work, 'recipients.csv'), '--out', join(work, 'notices.csv'), '--base-url', baseURL);
  [notice] = parse(readFileSync(join(work, 'notices.csv')), { columns: true }) as [{ code: string; link: string }];
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it('opens the recipient’s answer with nothing to type, then verifies the reference code', async () => {
  const context = await browser.newContext({
    viewport: PHONE,
    locale: 'en-GB', // the notice was written in Japanese; its page opens in Japanese anyway
    javaScriptEnabled: false,
    extraHTTPHeaders: { 'cf-connecting-ip': '192.0.2.200' },
  });
  const page = await context.newPage();
  const response = await page.goto(notice.link);
  expect(response?.status()).toBe(200);
  expect(await page.getAttribute('html', 'lang')).toBe('ja');
  const answer = page.locator('h1');
  expect(await answer.textContent()).toBe(ja.answer.affected.confirmed);
  const box = await answer.boundingBox();
  expect(box && box.y >= 0 && box.y + box.height <= PHONE.height).toBe(true);
  expect(await page.locator('input').count()).toBe(0);
  // What was checked, on a link: the reference code (the Worker never sees the address).
  expect(await page.locator('.checked').textContent()).toContain(`参照番号 ${notice.code}`);
  await page.screenshot({ path: 'test-results/notice-link-ja-360.png', fullPage: true });

  await page.getByRole('link', { name: ja.verify.navLabel }).click();
  await page.getByLabel(ja.verify.codeLabel).fill(notice.code.toLowerCase().replaceAll('-', ' '));
  await page.getByRole('button', { name: ja.verify.submit }).click();
  expect(await page.locator('h1').textContent()).toBe(ja.verify.genuineTitle);
  await page.screenshot({ path: 'test-results/verify-genuine-ja-360.png', fullPage: true });

  await page.getByLabel(ja.verify.codeLabel).fill('K7QM-3XTR-9HWD-FP2N-6BJC');
  await page.getByRole('button', { name: ja.verify.submit }).click();
  expect(await page.locator('h1').textContent()).toBe(ja.verify.notGenuineTitle);
  await context.close();
});
