/**
 * Grades the portal's answers with MDN's HTTP Observatory itself (@mdn/mdn-http-observatory): its
 * retriever fetches a page as a scan does, its ten tests judge what was fetched, and its score table and
 * grade chart turn their results into a grade. Nothing of the rules is copied here.
 *
 * Two things the package's `scan()` cannot do are done here with its own parts:
 * - scan a path other than "/" or grade an error page: `scan()` (1.4.8) passes no options to its
 *   retriever and refuses any status but 2xx, 3xx, 401 and 403. `scanPath` calls the retriever with a
 *   path and `verdict` scores its tests as `scan()` does (test/e2e/observatory.test.ts checks that both
 *   agree on the start page);
 * - grade a POST: the scanner only GETs. `gradeExchange` makes the POST itself, over http:// (following
 *   the redirect with the same method, as a browser does after a 308) and over https://, plus the CORS
 *   preflight a scan makes, and hands the real responses to the same tests.
 *
 * The HSTS tests read the browsers' preload list from the package's conf/hsts-preload.json, which its
 * install script downloads (not run here: no network). `usePreloadList` writes an empty list if the file
 * is missing and removes it afterwards: amiaffected.test is on no list, and a host on the list would only
 * score better.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MINIMUM_SCORE_FOR_EXTRA_CREDIT } from '@mdn/mdn-http-observatory/src/grader/charts.js';
import { getGradeForScore, getScoreModifier } from '@mdn/mdn-http-observatory/src/grader/grader.js';
import { ALL_TESTS } from '@mdn/mdn-http-observatory/src/constants.js';
import { retrieve } from '@mdn/mdn-http-observatory/src/retriever/retriever.js';
import { Session } from '@mdn/mdn-http-observatory/src/retriever/session.js';
import { parseHttpEquivHeaders } from '@mdn/mdn-http-observatory/src/retriever/utils.js';
import { Requests, type ScannedResponse } from '@mdn/mdn-http-observatory/src/types.js';
import { HOST, resolvePortal } from './observatory-portal.ts';

/** The Origin the scanner's CORS preflight sends (its default configuration). */
const SCANNER_ORIGIN = 'https://http-observatory.security.mozilla.org';

export interface Verdict {
  grade: string;
  score: number;
  /** Each test's result by test name, e.g. { redirection: 'redirection-to-https', … }. */
  results: Record<string, string>;
  /** "test: result" for every test that did not pass. */
  failed: string[];
}

/** Installs an empty HSTS preload list where the scanner looks for one; returns the undo. */
export function usePreloadList(): () => void {
  const root = dirname(createRequire(import.meta.url).resolve('@mdn/mdn-http-observatory/package.json'));
  const file = join(root, 'conf', 'hsts-preload.json');
  if (existsSync(file)) return () => {};
  writeFileSync(file, '{}\n');
  return () => rmSync(file, { force: true });
}

/** The package's ten tests on what was fetched, scored as src/scanner/index.js scores them. */
export function verdict(requests: Requests): Verdict {
  const outputs = ALL_TESTS.map((test) => test(requests));
  let withExtraCredit = 100;
  let uncurved = 100;
  const results: Record<string, string> = {};
  const failed: string[] = [];
  for (const output of outputs) {
    const name = (output.constructor as { name: string }).name;
    results[name] = output.result ?? '';
    if (!output.pass) failed.push(`${name}: ${output.result}`);
    if (!output.result) continue;
    const modifier = getScoreModifier(output.result);
    withExtraCredit += modifier;
    if (modifier < 0) uncurved += modifier;
  }
  const { grade, score } = getGradeForScore(uncurved >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withExtraCredit : uncurved);
  return { grade, score, results, failed };
}

/** Scans one path as the scanner would scan a site whose home page it is. */
export async function scanPath(port: number, path: string): Promise<Verdict & { status: number | undefined; route: string[] }> {
  const requests = await retrieve(HOST, { httpPort: port, httpsPort: port, path });
  return { ...verdict(requests), status: requests.responses.auto?.status, route: requests.responses.httpRedirects.map((r) => r.url.href) };
}

interface Answer extends ScannedResponse {
  url: URL;
  data: string;
}

/**
 * One request, no redirect followed. Node verifies every certificate (rejectUnauthorized is on by
 * default), so any answer over https:// is a verified one.
 */
function send(method: string, url: URL, headers: Record<string, string>, body?: string): Promise<Answer> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, lookup: resolvePortal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const data = Buffer.concat(chunks).toString('utf8');
        resolve({ url, status: res.statusCode!, headers: res.headers as IncomingHttpHeaders, data, verified: true });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Follows redirects as a browser does: 307 and 308 repeat the method and body, the others GET. */
async function follow(method: string, url: URL, headers: Record<string, string>, body?: string): Promise<Answer[]> {
  const chain = [await send(method, url, headers, body)];
  while (chain.length < 10) {
    const last = chain.at(-1)!;
    if (![301, 302, 303, 307, 308].includes(last.status)) break;
    const keep = last.status === 307 || last.status === 308;
    chain.push(await send(keep ? method : 'GET', new URL(String(last.headers.location), last.url), headers, keep ? body : undefined));
  }
  return chain;
}

/** A POST (or any method) graded by the scanner's tests, from the answers the portal gave it. */
export async function gradeExchange(
  port: number,
  path: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<Verdict & { status: number; route: string[] }> {
  const { method, headers, body } = init;
  const httpChain = await follow(method, new URL(`http://${HOST}:${port}${path}`), headers, body);
  const httpsUrl = new URL(`https://${HOST}:${port}${path}`);
  const https = await send(method, httpsUrl, headers, body);
  const cors = await send('OPTIONS', httpsUrl, { origin: SCANNER_ORIGIN, 'access-control-request-method': method });

  // The same shape src/retriever/retriever.js builds from its own GETs.
  const requests = new Requests(HOST);
  const redirects = httpChain.map((answer) => ({ url: answer.url, status: answer.status }));
  requests.responses.http = httpChain.at(-1)!;
  requests.responses.httpRedirects = redirects;
  requests.responses.httpsRedirects = redirects;
  const isHtml = /^text\/html\b/i.test(String(https.headers['content-type'] ?? ''));
  requests.responses.https = https;
  requests.responses.auto = { ...https, httpEquiv: isHtml ? parseHttpEquivHeaders(https.data, httpsUrl.href) : new Map() };
  requests.resources.path = https.data;
  requests.responses.cors = { ...cors, request: { headers: { origin: SCANNER_ORIGIN } } };
  const session = new Session(httpsUrl);
  for (const answer of [https, cors]) {
    for (const cookie of [answer.headers['set-cookie'] ?? []].flat()) session.jar.setCookieSync(cookie, httpsUrl.href);
  }
  requests.session = session;
  return { ...verdict(requests), status: https.status, route: redirects.map((r) => r.url.href) };
}
