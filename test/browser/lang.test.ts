/**
 * Language markup on every public page: the document's `lang` is the page's language, and the
 * language switch, written in the other language, says so with its own `lang` and `hreflang`, and
 * leads to a page whose `lang` is that language.
 */
import { inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { newContext, open, PAGES_BY_LOCALE, usePortal } from './public-pages.ts';

const baseURL = inject('baseURL');
const portal = usePortal();

// Pages are independent (own context, own client address), so they run a few at a time.
it.concurrent.for(PAGES_BY_LOCALE)('$label', async ({ locale, page }, { expect }) => {
  const other = locale === 'ja' ? 'en' : 'ja';
  // The browser asks for the other language, so the page's language comes from the choice in the URL.
  const context = await newContext(portal.browser, page, { locale: other === 'ja' ? 'ja-JP' : 'en-GB', javaScriptEnabled: false });
  const tab = await context.newPage();
  expect((await open(tab, baseURL, portal.examples, page, locale)).status()).toBe(page.status);
  expect(await tab.getAttribute('html', 'lang')).toBe(locale);

  const name = locale === 'ja' ? ja.languageSwitch : en.languageSwitch;
  const toggle = tab.getByRole('navigation', { name: locale === 'ja' ? ja.languageSwitchLabel : en.languageSwitchLabel }).getByRole('link', { name });
  expect(await toggle.getAttribute('lang')).toBe(other);
  expect(await toggle.getAttribute('hreflang')).toBe(other);
  // Nothing else on the page claims a language of its own.
  expect(await tab.locator('body [lang]').count()).toBe(1);

  await Promise.all([tab.waitForNavigation(), toggle.click()]);
  expect(await tab.getAttribute('html', 'lang')).toBe(other);
  await context.close();
});
