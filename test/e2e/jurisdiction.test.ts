/**
 * `notices --jurisdiction` through the real CLI on the running portal's local D1: an incident that lacks
 * an item the law asks for is refused before anything is written or stored, naming each item by JSON
 * path and the law's name; each shipped example passes for its own jurisdiction and its notices carry
 * that law's headings in order after the answer; a run without --jurisdiction writes as before and warns.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openD1 } from '../../src/cli/d1/open.ts';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { cli, scratchDir } from '../support/portal.ts';

const baseURL = inject('baseURL');
const stateDir = inject('stateDir');
const work = scratchDir('jurisdiction');
const suffix = `${process.pid}-${Date.now().toString(36)}`;

interface NoticeRow {
  email: string;
  locale: string;
  affected: string;
  code: string;
  link: string;
  subject: string;
  body: string;
}

/** Writes an example incident file under a slug of this run's own, changed as given, and publishes it. */
async function publishVariant(example: string, name: string, change: (def: Record<string, any>) => void = () => {}): Promise<string> {
  const def = JSON.parse(readFileSync(`examples/${example}.incident.json`, 'utf8'));
  def.slug = `${name}-${suffix}`;
  change(def);
  const file = join(work, `${def.slug}.incident.json`);
  writeFileSync(file, JSON.stringify(def));
  await cli('incident', 'publish', file);
  await cli('import', '--incident', def.slug, '--file', `examples/${example}.affected.csv`);
  return def.slug;
}

async function codesStored(slug: string): Promise<number> {
  const local = await openD1({ persistTo: stateDir });
  try {
    return Number((local.sqlite.prepare('SELECT count(*) AS n FROM codes WHERE incident = ?').get(slug) as { n: number }).n);
  } finally {
    await local.close();
  }
}

function notices(slug: string, recipients: string, out: string, ...more: string[]) {
  return cli('notices', '--incident', slug, '--recipients', recipients, '--out', out, '--base-url', baseURL, ...more);
}

/** Where each piece first appears after the previous one; -1 for a piece missing or out of order. */
function inOrder(text: string, pieces: readonly string[]): number[] {
  let at = 0;
  return pieces.map((piece) => {
    const found = text.indexOf(piece, at);
    if (found >= 0) at = found + piece.length;
    return found;
  });
}

// The jp example with only a cause: every jurisdiction misses something, the ID-number items included.
let gaps: string;

beforeAll(async () => {
  gaps = await publishVariant('jp', 'legal-gaps', (def) => {
    def.legal = { cause: def.legal.cause };
    def.groups[0].dataClasses.push('national_id');
  });
});

describe('notices --jurisdiction refuses an incident that lacks an item the law asks for', () => {
  it.each([
    [
      'jp',
      [
        'legal.secondaryHarm — 二次被害又はそのおそれの有無及びその内容 (APPI rule art. 10 / art. 8(1)(v))',
        'legal.other (or legal.measures, legal.contact) — その他参考となる事項 (APPI rule art. 10 / art. 8(1)(ix))',
      ],
    ],
    [
      'us-ca',
      [
        'legal.contact — name and contact information of the business (Civ. Code 1798.82(d)(2)(A))',
        'legal.breachPeriod — date, estimated date or date range of the breach (Civ. Code 1798.82(d)(2)(C))',
        'legal.lawEnforcementDelay — whether notification was delayed by a law enforcement investigation (Civ. Code 1798.82(d)(2)(D))',
        'legal.measures — "What We Are Doing", a required heading (Civ. Code 1798.82(d)(1))',
        'legal.creditBureaus — toll-free numbers and addresses of the major credit reporting agencies, as ID numbers were exposed (Civ. Code 1798.82(d)(2)(F))',
        'legal.idProtection — offer of identity theft prevention and mitigation services for at least 12 months, as ID numbers were exposed (Civ. Code 1798.82(d)(2)(G))',
      ],
    ],
    [
      'eu',
      [
        'legal.contact — name and contact details of the DPO or other contact point (GDPR Art. 34(2), 33(3)(b))',
        'legal.secondaryHarm — the likely consequences of the breach (GDPR Art. 34(2), 33(3)(c))',
        'legal.measures — the measures taken or proposed, including to mitigate possible adverse effects (GDPR Art. 34(2), 33(3)(d))',
      ],
    ],
  ])('%s: names each missing item, writes nothing and stores no code', async (jurisdiction, missing) => {
    const out = join(work, `refused-${jurisdiction}.csv`);
    const failure = await notices(gaps, 'examples/jp.recipients.csv', out, '--jurisdiction', jurisdiction).then(
      () => null,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure, 'the run must fail').not.toBeNull();
    expect(failure!.code).not.toBe(0);
    const listed = failure!.stderr.split('\n').filter((line) => line.startsWith('  - ')).map((line) => line.slice(4));
    expect(listed).toEqual(missing);
    expect(failure!.stderr).toContain(`${jurisdiction} law`);
    expect(failure!.stderr).not.toContain('@'); // no recipient's address, nor any other value
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(await codesStored(gaps)).toBe(0);
  });

  it('refuses a jurisdiction it does not know', async () => {
    await expect(notices(gaps, 'examples/jp.recipients.csv', join(work, 'unknown.csv'), '--jurisdiction', 'us')).rejects.toMatchObject({
      stderr: expect.stringContaining('Choose one of jp, us-ca, eu'),
    });
  });
});

describe('without --jurisdiction', () => {
  it('writes the notices as before and warns with what each law would still miss', async () => {
    const out = join(work, 'unchecked.csv');
    const { stderr } = await notices(gaps, 'examples/jp.recipients.csv', out);
    const rows = parse(readFileSync(out), { columns: true }) as NoticeRow[];
    expect(rows.map((r) => r.affected)).toEqual(['yes', 'yes', 'no']);
    expect(await codesStored(gaps)).toBe(3);
    expect(stderr).toContain('Warning: no --jurisdiction was given');
    const at = inOrder(stderr, [
      '  jp:',
      'legal.secondaryHarm — 二次被害',
      '  us-ca:',
      'legal.contact — name and contact information of the business',
      'legal.idProtection — offer of identity theft prevention',
      '  eu:',
      'legal.measures — the measures taken or proposed',
    ]);
    expect(at.every((i) => i >= 0)).toBe(true);
    // No law's title: the incident's own items under plain headings.
    expect(rows[0]!.body).toContain(`■${ja.legal.plain.cause}`);
    expect(rows[0]!.body).not.toContain(ja.legal.jp.title);
  });
});

describe('each example passes for its own jurisdiction, with that law’s headings in order after the answer', () => {
  const cases = [
    {
      jurisdiction: 'jp',
      example: 'jp',
      answers: ['yes', 'yes', 'no'],
      headings: {
        ja: [`【${ja.legal.jp.title}】`, '■概要', '■漏えい等が発生し、又は発生したおそれがある個人データの項目', '■原因', '■二次被害又はそのおそれの有無及びその内容', '■その他参考となる事項'],
        en: [en.legal.jp.title, 'Outline', en.legal.jp.dataItems, 'Cause', en.legal.jp.secondaryHarm, en.legal.jp.other],
      },
    },
    {
      jurisdiction: 'us-ca',
      example: 'us-ca',
      answers: ['yes', 'yes', 'no', 'no'],
      headings: {
        en: ['Notice of Data Breach', 'What Happened', 'What Information Was Involved', 'What We Are Doing', 'What You Can Do', 'For More Information'],
        ja: [
          'Notice of Data Breach',
          '(What Happened)',
          '(What Information Was Involved)',
          '(What We Are Doing)',
          '(What You Can Do)',
          '(For More Information)',
        ].map((h) => h.replace('(', '（').replace(')', '）')),
      },
    },
    {
      jurisdiction: 'eu',
      example: 'eu',
      answers: ['yes', 'yes', 'no'],
      headings: {
        en: [en.legal.eu.title, en.legal.eu.nature, en.legal.eu.consequences, en.legal.eu.measures, en.legal.eu.recommendations, en.legal.eu.contactPoint],
        ja: [ja.legal.eu.title, ja.legal.eu.nature, ja.legal.eu.consequences, ja.legal.eu.measures, ja.legal.eu.recommendations, ja.legal.eu.contactPoint],
      },
    },
  ] as const;

  it.each(cases)('$jurisdiction', async ({ jurisdiction, example, answers, headings }) => {
    const slug = await publishVariant(example, `legal-${example}`);
    const out = join(work, `${slug}.csv`);
    const { stderr } = await notices(slug, `examples/${example}.recipients.csv`, out, '--jurisdiction', jurisdiction);
    expect(stderr).not.toContain('--jurisdiction');
    const rows = parse(readFileSync(out), { columns: true }) as NoticeRow[];
    expect(rows.map((r) => r.affected)).toEqual(answers);
    for (const row of rows) {
      const m = row.locale === 'en' ? en : ja;
      const locale = row.locale as 'ja' | 'en';
      const answer = row.affected === 'yes' ? m.answer.affected : null;
      // Answer first, then the law's part, then why, the reference and the personal link last.
      const first = row.body.split('\n')[0]!;
      if (answer) expect([answer.confirmed, answer.possible]).toContain(first);
      else expect(first.startsWith(m.answer.notAffected)).toBe(true);
      const at = inOrder(row.body, [first, ...headings[locale], m.notice.reference(row.code), row.link]);
      expect(at.every((i) => i >= 0), `${jurisdiction} ${locale} body in order:\n${row.body}`).toBe(true);
      expect(row.body.trimEnd().endsWith(`${baseURL}/i/${slug}`)).toBe(true);
      if (jurisdiction === 'us-ca') expect(row.subject.startsWith('Notice of Data Breach')).toBe(true);
      else expect(row.subject.startsWith('Notice of Data Breach')).toBe(false);
    }
    expect(await codesStored(slug)).toBe(rows.length);
  });
});
