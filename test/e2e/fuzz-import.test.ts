/**
 * The whole path from an export to an answer, fuzzed: a random list (emails with IDN domains and dashes,
 * order IDs of random shapes) is imported through the real CLI into the running portal's local D1, then
 * - every listed identifier, in every spelling a customer may type (full width, case, stray spaces and
 *   invisible characters, dash variants, the IDN domain in Unicode or punycode), answers "affected"
 *   over HTTP;
 * - every string that cannot be an identifier of that list (a word, a name, a phone number, a short
 *   number, an order ID of another shape) answers 400, never "not affected".
 * On a failure fast-check prints the seed and path that replay it (`fc.assert(…, { seed, path })`).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { domainToASCII, domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readIdentifier } from '../../src/core/identifier.ts';
import { OrderIdShapes } from '../../src/core/order-id-shapes.ts';
import { cli, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const work = scratchDir('fuzz');
const demo = JSON.parse(readFileSync('demo/demo.incident.json', 'utf8'));

let requests = 0;
async function check(slug: string, body: Record<string, string>) {
  requests++;
  const res = await fetch(`${baseURL}/api/v1/check`, {
    method: 'POST',
    // A client address per request keeps the checks clear of the per-IP rate limit.
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': `2001:db8:f0:${requests.toString(16)}::1` },
    body: JSON.stringify({ incident: slug, ...body }),
  });
  return { status: res.status, body: (await res.json()) as { affected?: boolean; error?: string } };
}

// ---- Generators ---------------------------------------------------------------------------------------

const IDN_LABELS = ['bücher', '日本語', 'münchen', 'faß', '例え', 'ドメイン', 'español'];
const asciiLabel = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/).filter((l) => !l.includes('--'));
const domain = fc
  .tuple(fc.oneof(asciiLabel, fc.constantFrom(...IDN_LABELS)), fc.constantFrom('com', 'jp', 'de', 'co.jp', 'テスト'))
  .map(([label, tld]) => `${label}.${tld}`);
const localPart = fc
  .stringMatching(/^[a-z0-9](?:[a-z0-9._+-]{0,14}[a-z0-9])?$/)
  .filter((l) => !l.includes('..'));
const email = fc.tuple(localPart, domain).map(([l, d]) => `${l}@${d}`);
const orderId = fc
  .tuple(fc.stringMatching(/^[A-Z]{2,4}$/), fc.stringMatching(/^[0-9]{4,9}$/))
  .map(([prefix, digits]) => `${prefix}-${digits}`);

interface Person {
  email: string | null;
  orderId: string | null;
  groups: string;
}
const person = fc
  .record({ email: fc.option(email, { nil: null }), orderId: fc.option(orderId, { nil: null }), groups: fc.constantFrom('members', 'cards', 'members|cards') })
  .filter((p) => p.email !== null || p.orderId !== null);
const list = fc.uniqueArray(person, { minLength: 3, maxLength: 25, selector: (p) => `${p.email?.toLowerCase()}|${p.orderId}` });

// ---- How customers type -------------------------------------------------------------------------------

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const DASHES = ['ー', 'ｰ', '‐', '－', '—', '−'];
const pad = (s: string) => `\u3000\u200B ${s}\u00A0\uFEFF`;

function emailSpellings(address: string): string[] {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const host = address.slice(at + 1);
  const ascii = domainToASCII(host);
  const unicode = domainToUnicode(ascii);
  const out = [address, pad(address), toFullWidth(address), `${local}@${ascii}`, `${local}@${unicode}`, `${local}@${ascii.toUpperCase()}`];
  // Capitals, where they are the same letters: "ß" in capitals is "SS", which is another domain.
  if (address.toUpperCase().toLowerCase() === address) out.push(address.toUpperCase(), toFullWidth(address.toUpperCase()));
  for (const dash of DASHES) if (local.includes('-')) out.push(`${local.replaceAll('-', dash)}@${host}`);
  return out;
}

function orderIdSpellings(id: string): string[] {
  return [id, id.toLowerCase(), id.replace('-', ''), id.replace('-', ' '), pad(id), toFullWidth(id), toFullWidth(id.toLowerCase()), ...DASHES.map((d) => id.replace('-', d))];
}

/** Input that cannot be an identifier of a list of ORD-style IDs: words, names, numbers, phone numbers. */
const nonIdentifier = fc.oneof(
  fc.constantFrom('Test', 'test', 'orderId', 'email', 'none', 'Taro Yamada', '山田太郎', '12', '0', '090-1234-5678', '+81 90 1234 5678', 'N/A', '-', '---', '#N/A', '1.23457E+11'),
  fc.stringMatching(/^[A-Za-z]{1,12}$/),
  fc.stringMatching(/^[A-Z][a-z]{1,8} [A-Z][a-z]{1,8}$/),
  fc.stringMatching(/^[0-9]{1,3}$/),
  fc.string({ maxLength: 20 }).filter((s) => !/[@＠﹫]/.test(s)),
);

// ---- The property -------------------------------------------------------------------------------------

let lists = 0;
async function importList(people: Person[]): Promise<string> {
  const slug = `fuzz-${process.pid}-${++lists}`;
  const definition = join(work, `${slug}.json`);
  // No declared order-ID pattern: the shapes the import derives from the random IDs decide.
  writeFileSync(definition, JSON.stringify({ ...demo, slug, lookup: { mode: 'open' } }));
  await cli('incident', 'publish', definition);
  const file = join(work, `${slug}.csv`);
  writeFileSync(file, ['email,order_id,groups', ...people.map((p) => `${p.email ?? ''},${p.orderId ?? ''},${p.groups}`)].join('\r\n'));
  const { stdout } = await cli('import', '--incident', slug, '--file', file);
  expect(stdout).toMatch(/Rejections:\s+0\b/);
  return slug;
}

beforeAll(async () => {
  expect((await fetch(`${baseURL}/`)).ok).toBe(true);
});

describe('a random list imported through the CLI', () => {
  it('answers "affected" for every listed identifier in every spelling, and 400 for anything that cannot be one', async () => {
    let spellings = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(list, fc.array(nonIdentifier, { minLength: 10, maxLength: 20 }), async (people, junk) => {
        const slug = await importList(people);
        for (const p of people) {
          for (const spelling of p.email ? emailSpellings(p.email) : []) {
            const r = await check(slug, { email: spelling });
            expect(r, `email spelling of a listed address (list ${slug})`).toMatchObject({ status: 200, body: { affected: true } });
            spellings++;
          }
          for (const spelling of p.orderId ? orderIdSpellings(p.orderId) : []) {
            const r = await check(slug, { orderId: spelling });
            expect(r, `order ID spelling of a listed ID (list ${slug})`).toMatchObject({ status: 200, body: { affected: true } });
            spellings++;
          }
        }
        // The list's own shapes decide which junk could be an order ID of it; the rest must be refused.
        const shapes = new OrderIdShapes();
        for (const p of people) if (p.orderId) shapes.add(p.orderId.replace('-', ''));
        const contents = { emails: people.filter((p) => p.email).length, orderIds: shapes.count, orderIdShapes: shapes.toJSON() };
        for (const text of junk) {
          if (readIdentifier({ kind: 'order_id', raw: text }, { list: contents }).ok) continue;
          const r = await check(slug, { orderId: text });
          expect(r.status, `order-ID box: a string that cannot be an ID of the list (list ${slug})`).toBe(400);
          const asEmail = await check(slug, { email: text });
          expect(asEmail.status, `email box: a string that is no address (list ${slug})`).toBe(400);
          refused += 2;
        }
      }),
      { numRuns: 5, endOnFailure: true },
    );
    expect(spellings).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(50);
  }, 300_000);
});
