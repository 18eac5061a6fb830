/**
 * The customer's path in a real browser: open the incident page on a small phone screen, type an
 * identifier, submit, and read the answer. The answer sentence must be on screen without scrolling.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { launchChromium } from './chromium.ts';

const baseURL = inject('baseURL');
const PHONE = { width: 360, height: 640 };
let browser: Browser;

beforeAll(async () => {
  mkdirSync('test-results', { recursive: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function phonePage(locale: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, locale, javaScriptEnabled: false });
  return context.newPage();
}

/** True when the element's whole box lies inside the first screen. */
async function visibleWithoutScrolling(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= PHONE.height && box.x + box.width <= PHONE.width;
}

it('answers in Japanese: affected in both groups, with next steps', async () => {
  const page = await phonePage('ja-JP');
  await page.goto(`${baseURL}/i/demo`);
  expect(await page.getAttribute('html', 'lang')).toBe('ja');
  await page.getByLabel(ja.incident.identifierLabel).fill('ＡＦＦＥＣＴＥＤ＠ｅｘａｍｐｌｅ．ｃｏｍ');
  await page.getByRole('button', { name: ja.incident.submit }).click();

  await expect.poll(() => page.locator('h1').textContent()).toBe(ja.answer.affected.confirmed);
  expect(await visibleWithoutScrolling(page, 'h1')).toBe(true);
  await page.screenshot({ path: 'test-results/answer-ja-360x640.png' });

  const body = await page.locator('main').textContent();
  expect(body).toContain(ja.dataClasses.card);
  expect(body).toContain(ja.steps.card[0]);
  expect(body).toContain('Sample Coffee Online');
  await page.context().close();
});

it('answers in English from Accept-Language: not affected, card included in the answer', async () => {
  const page = await phonePage('en-GB');
  await page.goto(`${baseURL}/i/demo`);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await page.getByLabel(en.incident.identifierLabel).fill('  nobody@example.com ');
  await page.getByRole('button', { name: en.incident.submit }).click();

  await expect.poll(() => page.locator('h1').textContent()).toBe(
    `${en.answer.notAffected} ${en.answer.notAffectedCard}`,
  );
  expect(await visibleWithoutScrolling(page, 'h1')).toBe(true);
  await page.screenshot({ path: 'test-results/answer-en-360x640.png' });
  await page.context().close();
});

it('switches language with the visible link and explains bad input', async () => {
  const page = await phonePage('ja-JP');
  await page.goto(`${baseURL}/i/demo`);
  await page.getByRole('link', { name: ja.languageSwitch }).click();
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await page.getByLabel(en.incident.identifierLabel).fill('Test');
  await page.getByRole('button', { name: en.incident.submit }).click();
  await expect.poll(() => page.getByRole('alert').textContent()).toBe(en.errors.invalid_order_id);
  await page.context().close();
});
