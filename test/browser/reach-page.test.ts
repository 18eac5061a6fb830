/**
 * /agent/reach in a real browser against the running portal: an admin (the development name the test
 * portal lists in ADMIN_EMAILS) signs in, follows the console's link, picks the demo incident, and gets
 * both charts drawn (inline SVG styled from styles.css, nothing refused by the CSP), each an image named
 * by its title, beside a table of the numbers. axe finds nothing, in Japanese and in English.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { inject, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { describeViolations } from './axe.ts';
import { LOCALES, newContext, usePortal } from './public-pages.ts';

const baseURL = inject('baseURL');
const adminName = inject('adminName');
// The examples include a notice of the demo incident, so its reach has figures and days to chart.
const portal = usePortal();

it.for(LOCALES)('%s: an admin reads the reach of the demo incident, and axe finds nothing', async (locale, { expect }) => {
  const m = locale === 'ja' ? ja : en;
  const context = await newContext(portal.browser, { loopback: true }, { locale: locale === 'ja' ? 'ja-JP' : 'en-GB' });
  const tab = await context.newPage();
  await tab.goto(`${baseURL}/agent?lang=${locale}`);
  await tab.getByLabel(m.agent.devNameLabel).fill(adminName);
  await tab.getByRole('button', { name: m.agent.devSignInSubmit }).click();
  await tab.getByRole('link', { name: m.reach.link }).waitFor();

  // From here on (the sign-in page itself came with a 401), a refused style or script (CSP) would show up as a console error.
  const problems: string[] = [];
  tab.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  tab.on('pageerror', (err) => problems.push(err.message));
  await tab.getByRole('link', { name: m.reach.link }).click();
  await tab.locator('#incident').selectOption('demo');
  const [response] = await Promise.all([tab.waitForNavigation(), tab.getByRole('button', { name: m.reach.show }).click()]);
  expect(response?.status()).toBe(200);
  expect(await tab.locator('h1').textContent()).toBe(m.reach.title);

  expect(await tab.getByRole('img', { name: m.reach.activityTitle }).count()).toBe(1);
  expect(await tab.getByRole('img', { name: m.reach.shareTitle }).count()).toBe(1);
  const chart = tab.locator('svg[role="img"]').first();
  expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
  // The lines take their colour from styles.css, not from anything inline.
  const stroke = await tab.locator('.chart-lookups polyline').evaluate((el) => getComputedStyle(el).stroke);
  expect(stroke).toBe('rgb(11, 87, 208)');
  expect(await tab.locator('#reach-days tbody tr').count()).toBeGreaterThan(0);
  expect(await tab.locator('#reach-summary').textContent()).toMatch(/\d/);

  const { violations, incomplete } = await new AxeBuilder({ page: tab }).analyze();
  await tab.screenshot({ path: `test-results/agent-reach-${locale}.png`, fullPage: true });
  await context.close();
  expect(describeViolations(violations)).toEqual([]);
  expect(describeViolations(incomplete)).toEqual([]);
  expect(problems).toEqual([]);
});
