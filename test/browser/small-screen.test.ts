/**
 * Every public page, in both languages, fits a 360 px wide phone: nothing makes the page scroll
 * sideways.
 */
import { mkdirSync } from 'node:fs';
import { beforeAll, inject, it } from 'vitest';
import { newContext, open, PAGES_BY_LOCALE, usePortal } from './public-pages.ts';

const baseURL = inject('baseURL');
const PHONE = { width: 360, height: 640 };
const portal = usePortal();

beforeAll(() => {
  mkdirSync('test-results/360', { recursive: true });
});

// Pages are independent (own context, own client address), so they run a few at a time.
it.concurrent.for(PAGES_BY_LOCALE)('$label', async ({ locale, page, label }, { expect }) => {
  const context = await newContext(portal.browser, page, { viewport: PHONE, locale: locale === 'ja' ? 'ja-JP' : 'en-GB', javaScriptEnabled: false });
  const tab = await context.newPage();
  expect((await open(tab, baseURL, portal.examples, page, locale)).status()).toBe(page.status);
  const width = await tab.evaluate(() => document.scrollingElement!.scrollWidth);
  // The widest element, named, makes a failure easy to trace to its CSS.
  const widest = await tab.evaluate(() => {
    let found = { element: '', right: 0 };
    for (const el of document.body.querySelectorAll('*')) {
      const right = el.getBoundingClientRect().right;
      if (right > found.right) found = { element: `${el.tagName.toLowerCase()}${el.className ? `.${el.className}` : ''}`, right };
    }
    return found;
  });
  await tab.screenshot({ path: `test-results/360/${label.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
  await context.close();
  expect(width, `widest: ${widest.element} (${widest.right}px)`).toBeLessThanOrEqual(PHONE.width);
});
