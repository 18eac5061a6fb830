/**
 * The customer's path by keyboard alone, without JavaScript, on a phone-sized screen: Tab from page
 * load reaches the skip link first, the skip link leads to the field, Enter (or Space on the button)
 * sends the form, and the answer opens the next page. At every step the focused element shows a
 * focus outline that can be seen: solid, at least 2 px, at least 3:1 against what lies behind it
 * (WCAG 1.4.11), and on screen.
 */
import type { Page } from 'playwright-core';
import { expect, inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { newContext, usePortal } from './public-pages.ts';

const baseURL = inject('baseURL');
const PHONE = { width: 360, height: 640 };
const portal = usePortal();

interface Focus {
  /** tag#id.class of the focused element, or "body" when nothing is. */
  element: string;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: number;
  /** Contrast of the outline colour against the first opaque background behind the element. */
  outlineContrast: number;
  onScreen: boolean;
}

/** What the focused element looks like, measured with computed styles. */
function focus(page: Page): Promise<Focus> {
  return page.evaluate(() => {
    const el = document.activeElement ?? document.body;
    const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = (color: string) => {
      const [r = 0, g = 0, b = 0] = rgb(color).map((v) => v / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    let behind = el.parentElement;
    while (behind && (rgb(getComputedStyle(behind).backgroundColor)[3] ?? 1) === 0) behind = behind.parentElement;
    const background = behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)';
    const style = getComputedStyle(el);
    const [lighter, darker] = [luminance(style.outlineColor), luminance(background)].sort((a, b) => b - a) as [number, number];
    const box = el.getBoundingClientRect();
    return {
      element: el === document.body ? 'body' : `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className}` : ''}`,
      focusVisible: el.matches(':focus-visible'),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      outlineContrast: Math.round(((lighter + 0.05) / (darker + 0.05)) * 100) / 100,
      // Chromium scrolls a focused element just into view; allow for a sub-pixel remainder.
      onScreen: box.width > 0 && box.top >= -1 && box.left >= -1 && box.bottom <= innerHeight + 1 && box.right <= innerWidth + 1,
    };
  });
}

/** Requires the focus to be visible: outline drawn, wide enough, contrasting, on screen. */
function expectVisible(now: Focus): void {
  expect(now, now.element).toMatchObject({ focusVisible: true, outlineStyle: 'solid', onScreen: true });
  expect(now.outlineWidth, now.element).toBeGreaterThanOrEqual(2);
  expect(now.outlineContrast, now.element).toBeGreaterThanOrEqual(3);
}

/** Presses a key, then requires the focus to be on `element` and visibly so. */
async function press(page: Page, key: string, element: string): Promise<void> {
  await page.keyboard.press(key);
  const now = await focus(page);
  expect(now.element).toBe(element);
  expectVisible(now);
}

/** From a fresh load: the first Tab lands on the skip link, which leads to the page's first field. */
async function skipToField(page: Page, field: string): Promise<void> {
  await press(page, 'Tab', 'a.skip');
  // Enter follows the link: the focus leaves it and the next Tab starts from the main landmark.
  await page.keyboard.press('Enter');
  // Following an in-page link is asynchronous: wait for it instead of reading the URL at once.
  await page.waitForURL((url) => url.hash === '#main', { timeout: 5000 });
  await press(page, 'Tab', field);
}

/** Sends the form with a key and waits for the answer page to load. */
async function send(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

async function phone(locale: string): Promise<Page> {
  const context = await newContext(portal.browser, {}, { viewport: PHONE, locale, javaScriptEnabled: false });
  return context.newPage();
}

it('checks an email in Japanese: skip link, field, Enter, answer', async () => {
  const page = await phone('ja-JP');
  await page.goto(`${baseURL}/i/demo`);
  await skipToField(page, 'input#identifier');
  await page.keyboard.type('affected@example.com');
  await send(page, 'Enter');
  expect(await page.locator('h1').textContent()).toBe(ja.answer.affected.confirmed);
  // The answer is the first thing in the main landmark the skip link leads to.
  expect(await page.locator('main > :first-child h1').textContent()).toBe(ja.answer.affected.confirmed);
  await page.context().close();
});

it('checks an email and postcode in English: Tab to the button, Space to send', async () => {
  const page = await phone('en-GB');
  await page.goto(`${baseURL}/i/kissa-2024`);
  await skipToField(page, 'input#email');
  await page.keyboard.type('hanako@example.com');
  await press(page, 'Tab', 'input#factor');
  await page.keyboard.type('100-0001');
  await press(page, 'Tab', 'button');
  await send(page, 'Space');
  expect(await page.locator('h1').textContent()).toBe(en.answer.affected.confirmed);
  await page.context().close();
});

it('verifies a code by keyboard', async () => {
  const page = await phone('ja-JP');
  await page.goto(`${baseURL}/verify`);
  await skipToField(page, 'input#code');
  await page.keyboard.type(portal.examples.noticeCode);
  await send(page, 'Enter');
  expect(await page.locator('h1').textContent()).toBe(ja.verify.genuineTitle);
  await page.context().close();
});

it('shows visible focus on every element of the answer page, in order', async () => {
  const page = await phone('en-GB');
  await page.goto(`${baseURL}/i/demo`);
  await page.locator('#identifier').fill('affected@example.com');
  await page.locator('#identifier').focus();
  await send(page, 'Enter');
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const now = await focus(page);
    if (now.element === 'body' || (seen.length > 0 && now.element === seen[0])) break;
    expectVisible(now);
    seen.push(now.element);
  }
  // Skip link, brand, verify, language switch, then the page's own links; the phone number is a tel: link.
  expect(seen.slice(0, 4)).toEqual(['a.skip', 'a.brand', 'a', 'a']);
  expect(seen.length).toBeGreaterThan(5);
  await page.context().close();
});
