/**
 * axe-core finds nothing on any public page, in Japanese and in English: every rule axe runs by
 * default (WCAG 2.x A and AA, plus its best practices), on the page as a customer reaches it.
 * Failures list each offending element with axe's explanation. The admin pages have their own file
 * (reach-page.test.ts).
 */
import { AxeBuilder } from '@axe-core/playwright';
import { inject, it } from 'vitest';
import { describeViolations } from './axe.ts';
import { newContext, open, PAGES_BY_LOCALE, usePortal } from './public-pages.ts';

const baseURL = inject('baseURL');
const portal = usePortal();

// Pages are independent (own context, own client address), so they run a few at a time.
it.concurrent.for(PAGES_BY_LOCALE)('$label', async ({ locale, page }, { expect }) => {
  const context = await newContext(portal.browser, page, { locale: locale === 'ja' ? 'ja-JP' : 'en-GB' });
  const tab = await context.newPage();
  const response = await open(tab, baseURL, portal.examples, page, locale);
  expect(response.status()).toBe(page.status);
  // axe runs inside the page, so this context keeps JavaScript on (the pages themselves have none).
  const { violations, incomplete, passes } = await new AxeBuilder({ page: tab }).analyze();
  await context.close();
  expect(describeViolations(violations)).toEqual([]);
  // Nothing left for a human to review either (axe's "incomplete", e.g. contrast it could not compute).
  expect(describeViolations(incomplete)).toEqual([]);
  expect(passes.map((p) => p.id)).toEqual(expect.arrayContaining(['color-contrast', 'html-has-lang', 'landmark-one-main', 'region']));
});
