/**
 * Every public page, in both languages, weighs under 50 KB transferred in total (the document, the
 * stylesheet, the icon: everything the browser fetched for it, headers included, caching off) and
 * fetches nothing from another origin. Measured in the browser with the DevTools protocol: the bytes
 * are Chromium's own count of what came over the wire (Network.loadingFinished encodedDataLength).
 */
import type { CDPSession } from 'playwright-core';
import { afterAll, inject, it } from 'vitest';
import { newContext, open, PAGES_BY_LOCALE, usePortal } from './public-pages.ts';

const baseURL = inject('baseURL');
const BUDGET = 50 * 1024;
const portal = usePortal();
const measured: Record<string, { kb: number; requests: number }> = {};

afterAll(() => {
  // The figures, in page order, for the notes.
  console.table(Object.fromEntries(PAGES_BY_LOCALE.map(({ label }) => [label, measured[label]])));
});

/** Records every request's URL and transferred bytes, from `reset()` on. */
async function recordTraffic(cdp: CDPSession) {
  let urls = new Map<string, string>();
  let bytes = new Map<string, number>();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  cdp.on('Network.loadingFailed', (e) => bytes.set(e.requestId, 0));
  return {
    reset() {
      urls = new Map();
      bytes = new Map();
    },
    get urls() {
      return [...urls.values()];
    },
    /** Whether every request seen has finished. */
    get settled() {
      return [...urls.keys()].every((id) => bytes.has(id));
    },
    get total() {
      return [...bytes.values()].reduce((a, b) => a + b, 0);
    },
  };
}

// Pages are independent (own context, own client address), so they run a few at a time.
it.concurrent.for(PAGES_BY_LOCALE)('$label', async ({ locale, page, label }, { expect }) => {
  const context = await newContext(portal.browser, page, { locale: locale === 'ja' ? 'ja-JP' : 'en-GB' });
  const tab = await context.newPage();
  const traffic = await recordTraffic(await context.newCDPSession(tab));
  // Only the page itself counts, not the form that led to it.
  expect((await open(tab, baseURL, portal.examples, page, locale, () => traffic.reset())).status()).toBe(page.status);
  // Chromium asks for the icon after the load event (and, busy, may skip it): wait for quiet.
  await tab.waitForLoadState('networkidle');
  await expect.poll(() => traffic.settled).toBe(true);
  measured[label] = { kb: Math.round((traffic.total / 1024) * 10) / 10, requests: traffic.urls.length };
  await context.close();

  expect(traffic.urls.length).toBeGreaterThan(1); // the document and at least its stylesheet
  expect(traffic.urls.filter((url) => new URL(url).origin !== baseURL)).toEqual([]);
  expect(traffic.total).toBeLessThan(BUDGET);
});
