/**
 * Every kind of response a visitor or a scan can meet gets an A+ from MDN's HTTP Observatory, the
 * scanner itself (@mdn/mdn-http-observatory), with no failed test: public pages, API answers and
 * refusals, error pages, the console's sign-in and the static files. The portal runs as `npm start` runs it, but over HTTPS
 * on a host name that is not loopback, so the Worker behaves as deployed: plain HTTP gets its redirect,
 * and the scanner follows it (test/support/observatory-portal.ts says how).
 *
 * The certificate is made for the run and trusted by this process, so the scanner verifies it as it
 * would a real one: HSTS and the redirection are graded, not excused. An empty HSTS preload list stands
 * in for the one the package's install script would download (test/support/observatory.ts); no
 * response here depends on it.
 *
 * The scanner GETs: pages and GET answers are scanned as a scan does, POST answers are graded by the same
 * tests from the responses the portal gave (gradeExchange).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { scan } from '@mdn/mdn-http-observatory/src/scanner/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST, type ObservatoryPortal, startObservatoryPortal } from '../support/observatory-portal.ts';
import { gradeExchange, scanPath, usePreloadList, type Verdict } from '../support/observatory.ts';
import { clientAddresses, run, scratchDir } from '../support/portal.ts';

const NO_DATASET = `observatory-no-dataset-${process.pid}`;
const work = scratchDir('observatory');
const client = clientAddresses('198.51.100.');
let portal: ObservatoryPortal;
let undoPreloadList: () => void = () => {};
let notice = '';

const cli = (...args: string[]) => run(process.execPath, ['src/cli/main.ts', '--persist-to', portal.stateDir, ...args]);

beforeAll(async () => {
  undoPreloadList = usePreloadList();
  portal = await startObservatoryPortal();
  const recipients = join(work, 'recipients.csv');
  writeFileSync(recipients, 'email,locale\naffected@example.com,en\n');
  const notices = join(work, 'notices.csv');
  await cli('notices', '--incident', 'demo', '--recipients', recipients, '--out', notices, '--base-url', `${portal.origin}/`);
  notice = (parse(readFileSync(notices), { columns: true }) as { code: string }[])[0]!.code;
  // An incident published without its affected list: every lookup on it answers 503 "cannot answer".
  const definition = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));
  definition.slug = NO_DATASET;
  writeFileSync(join(work, 'no-dataset.incident.json'), JSON.stringify(definition));
  await cli('incident', 'publish', join(work, 'no-dataset.incident.json'));
}, 240_000);

afterAll(() => {
  portal?.stop();
  undoPreloadList();
  rmSync(work, { recursive: true, force: true });
});

/** An A+ with every test passed, HTTPS verified, and plain HTTP redirected to the same URL on https://. */
function expectAPlus(v: Verdict & { route: string[] }, path: string) {
  expect(v.failed).toEqual([]);
  expect(v.grade).toBe('A+');
  expect(v.results['strict-transport-security']).toBe('hsts-implemented-max-age-at-least-six-months');
  expect(v.results.redirection).toBe('redirection-to-https');
  expect(v.route.slice(0, 2)).toEqual([`http://${HOST}:${portal.port}${path}`, `https://${HOST}:${portal.port}${path}`]);
}

describe('the scanner as run here', () => {
  it('grades the start page exactly as the package’s own scan() does', async () => {
    // scan() takes a host and no port, so the port rides in the host: it scans http:// and https:// on it.
    const own = await scan(`${HOST}:${portal.port}`);
    const here = await scanPath(portal.port, '/');
    expect(here).toMatchObject({ grade: own.scan.grade, score: own.scan.score });
    expect(here.results).toEqual(Object.fromEntries(Object.entries(own.tests).map(([name, t]) => [name, t.result])));
  });
});

// [what, path, status]. GETs, scanned as a scan scans a home page.
const gets: [string, () => string, number][] = [
  ['the start page', () => '/', 200],
  ['an incident page', () => '/i/demo', 200],
  ['an incident page in English', () => '/i/demo?lang=en', 200],
  ['the verify page', () => '/verify', 200],
  ['a notice link', () => `/n/${notice}`, 200],
  ['a notice link never issued', () => '/n/K7QM-3XTR-9HWD-FP2N-6BJC', 404],
  ['an incident that does not exist', () => '/i/no-such-incident', 404],
  ['an unknown page', () => '/no/such/page', 404],
  ['an unknown API path (JSON)', () => '/api/v1/incidents', 404],
  ['the check API asked by GET (JSON)', () => '/api/v1/check', 404],
  ['the console’s sign-in, not signed in', () => '/agent', 401],
];

describe.each(gets)('GET %s', (_, path, status) => {
  it(`answers ${status} with an A+ and no failed test`, async () => {
    const v = await scanPath(portal.port, path());
    expect(v.status).toBe(status);
    expectAPlus(v, path());
  });
});

// Static files: the Worker serves them from its bundle, after the plain-HTTP redirect, with their own
// headers (src/routes/static-files.ts).
describe.each(['/styles.css', '/agent.js', '/favicon.svg'])('GET %s (static file)', (path) => {
  it('answers 200 with an A+ and no failed test', async () => {
    const v = await scanPath(portal.port, path);
    expect(v.status).toBe(200);
    expectAPlus(v, path);
  });
});

const json = (body: unknown, ip = client()) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...ip },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>, origin = () => portal.origin) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: origin(), ...client() },
  body: new URLSearchParams(fields).toString(),
});

// [what, path, request, status]. POSTs: each is sent over http:// and https://, with its preflight.
const posts: [string, string, () => ReturnType<typeof json>, number][] = [
  ['a JSON answer', '/api/v1/check', () => json({ incident: 'demo', email: 'affected@example.com' }), 200],
  ['a JSON refusal', '/api/v1/check', () => json({ incident: 'demo', email: 5 }), 400],
  ['a JSON unknown incident', '/api/v1/check', () => json({ incident: 'no-such-incident', email: 'a@example.com' }), 404],
  ['a JSON body too large', '/api/v1/check', () => json({ incident: 'demo', email: 'a@example.com', pad: 'x'.repeat(5000) }), 413],
  ['a JSON "cannot answer"', '/api/v1/check', () => json({ incident: NO_DATASET, email: 'a@example.com' }), 503],
  ['a verify API answer', '/api/v1/verify', () => json({ code: notice }), 200],
  ['an unsigned agent API call', '/api/v1/agent/check', () => json({ incident: 'demo', email: 'a@example.com' }), 401],
  ['a result page', '/i/demo', () => form({ identifier: 'affected@example.com' }), 200],
  ['the form shown again with an error', '/i/demo', () => form({ identifier: '<b>"x"</b>' }), 400],
  ['"cannot answer" as a page', `/i/${NO_DATASET}`, () => form({ identifier: 'a@example.com' }), 503],
  ['a verify answer page', '/verify', () => form({ code: notice }), 200],
  ['a cross-site form refused', '/i/demo', () => form({ identifier: 'a@example.com' }, () => 'https://evil.example'), 403],
];

describe.each(posts)('POST %s', (_, path, request, status) => {
  it(`answers ${status} with an A+ and no failed test`, async () => {
    const v = await gradeExchange(portal.port, path, request());
    expect(v.status).toBe(status);
    expectAPlus(v, path);
  });
});

describe('POST from a client over the rate limit', () => {
  it('answers 429 with an A+ and no failed test', async () => {
    const ip = client();
    // The limit is 10 lookups a minute per client (wrangler.toml); these go straight to the HTTPS portal.
    for (let i = 0; i < 10; i++) {
      await (await fetch(`https://127.0.0.1:${portal.port}/api/v1/check`, json({ incident: 'demo', email: 'a@example.com' }, ip))).arrayBuffer();
    }
    const v = await gradeExchange(portal.port, '/api/v1/check', json({ incident: 'demo', email: 'a@example.com' }, ip));
    expect(v.status).toBe(429);
    expectAPlus(v, '/api/v1/check');
  });
});
