/**
 * Letters benchmark: N printed letters (10,000 by default) in one PDF through the operator CLI, against
 * a local D1 holding an affected list, with the email mail-merge CSV for the same recipients as the
 * baseline, measured in the same run on the same state. Half the recipients are in the list, half not;
 * half ja, half en; every address differs, so the Japanese font subset grows as a real mailing's does.
 * Prints both times, the time per notice, the ratio letter/email, each run's peak memory, and the
 * letters' peak memory at a quarter of N, which shows whether memory grows with the number of letters.
 * Merges the figures into bench-results.json under "letters".
 *
 *   npm run bench:letters -- [--letters 10000]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mergeResults } from './lib/results.ts';
import { customerEmail, prepareState } from './lib/state.ts';

const { values: opts } = parseArgs({ options: { letters: { type: 'string', default: '10000' } } });
const letters = Number(opts.letters);
if (!Number.isInteger(letters) || letters < 4) throw new Error('--letters takes a whole number of at least 4');

// Kanji and kana for fictitious addresses: enough variety that the subset holds hundreds of glyphs.
const KANJI = '東京都千代田区港新宿渋谷品川目黒世田谷中野杉並練馬板橋北荒川足立葛飾江戸川台東墨田江東大阪市北浜梅田難波天王寺京都左右上下堀川四条烏丸札幌仙台名古屋福岡広島神戸横浜川崎';
const pick = (i: number, n: number) => Array.from({ length: n }, (_, k) => KANJI[(i * 7 + k * 13) % KANJI.length]).join('');

async function writeRecipients(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('email,locale,name,postcode,address1,address2,address3\n');
  for (let i = 0; i < count; i++) {
    // Even recipients are customers in the list (affected); odd ones are not.
    const email = i % 2 === 0 ? customerEmail(i / 2) : `other${i}@bench.example`;
    const row =
      i % 4 < 2
        ? `${email},ja,${pick(i, 2)} ${pick(i + 1, 2)},${String(100 + (i % 900)).padStart(3, '0')}-${String(i % 10000).padStart(4, '0')},${pick(i, 3)}${pick(i + 2, 3)}${(i % 9) + 1}-${(i % 20) + 1},${pick(i + 3, 4)}${(i % 300) + 101}号室,`
        : `${email},en,Customer ${i},${String(100 + (i % 900)).padStart(3, '0')}-${String(i % 10000).padStart(4, '0')},${(i % 9) + 1}-${(i % 20) + 1} Sample-cho,Chiyoda-ku,Tokyo`;
    if (!out.write(`${row}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Run {
  seconds: number;
  peakMB: number;
  bytes: number;
}

function timed(stateDir: string, args: string[], output: string): Run {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', './bench/peak-rss.ts', 'src/cli/main.ts', '--persist-to', stateDir, 'notices', '--incident', 'demo', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`notices ${args.join(' ')} failed:\n${result.stderr}`);
  const peakKb = Number(/peak-rss-kb=(\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return { seconds, peakMB: Math.round(peakKb / 1024), bytes: statSync(output).size };
}

console.log(`Preparing local D1 with ${(letters / 2).toLocaleString('en')} affected customers…`);
const state = await prepareState(Math.ceil(letters / 2));
try {
  const recipients = join(state.dir, 'recipients.csv');
  await writeRecipients(recipients, letters);
  const quarterRecipients = join(state.dir, 'recipients-quarter.csv');
  await writeRecipients(quarterRecipients, Math.floor(letters / 4));
  const base = ['--base-url', 'https://check.example.com'];

  console.log(`Baseline: the email mail-merge CSV for ${letters.toLocaleString('en')} recipients…`);
  const emailOut = join(state.dir, 'notices.csv');
  const email = timed(state.dir, ['--recipients', recipients, '--out', emailOut, ...base], emailOut);

  console.log(`Letters: one PDF of ${letters.toLocaleString('en')} letters…`);
  const pdf = join(state.dir, 'letters.pdf');
  const letter = timed(state.dir, ['--recipients', recipients, '--channel', 'letter', '--out', pdf, ...base], pdf);

  console.log(`Letters at a quarter of that (${Math.floor(letters / 4).toLocaleString('en')}), for memory growth…`);
  const quarterPdf = join(state.dir, 'letters-quarter.pdf');
  const quarter = timed(state.dir, ['--recipients', quarterRecipients, '--channel', 'letter', '--out', quarterPdf, ...base], quarterPdf);

  const results = {
    letters,
    emailSeconds: Number(email.seconds.toFixed(2)),
    letterSeconds: Number(letter.seconds.toFixed(2)),
    emailMsPerNotice: Number(((email.seconds * 1000) / letters).toFixed(3)),
    letterMsPerNotice: Number(((letter.seconds * 1000) / letters).toFixed(3)),
    letterToEmailTime: Number((letter.seconds / email.seconds).toFixed(2)),
    // Both runs pay the same start-up (D1 proxy, list checks); the difference is what drawing costs.
    extraMsPerLetter: Number((((letter.seconds - email.seconds) * 1000) / letters).toFixed(3)),
    emailPeakMemoryMB: email.peakMB,
    letterPeakMemoryMB: letter.peakMB,
    letterPeakMemoryMBAtQuarter: quarter.peakMB,
    memoryGrowthQuarterToFull: Number((letter.peakMB / quarter.peakMB).toFixed(2)),
    pdfMB: Number((letter.bytes / 2 ** 20).toFixed(1)),
    measuredAt: new Date().toISOString(),
  };
  console.table({
    letters,
    'baseline: email CSV seconds': results.emailSeconds,
    'letters PDF seconds': results.letterSeconds,
    'email ms per notice': results.emailMsPerNotice,
    'letter ms per notice': results.letterMsPerNotice,
    'letter / email time': results.letterToEmailTime,
    'extra ms per letter (letter - email)': results.extraMsPerLetter,
    'email peak memory MB': results.emailPeakMemoryMB,
    'letters peak memory MB': results.letterPeakMemoryMB,
    [`letters peak memory MB at ${Math.floor(letters / 4)}`]: results.letterPeakMemoryMBAtQuarter,
    'memory full / quarter': results.memoryGrowthQuarterToFull,
    'PDF size MB': results.pdfMB,
  });
  mergeResults({ letters: results });
  console.log('Figures written to bench-results.json (key "letters").');
} finally {
  rmSync(state.dir, { recursive: true, force: true });
}
