/**
 * `notices --preview N --out-dir DIR`: sample notices for review before anything is sent. For every
 * channel and language it renders up to N notices, always at least one of each answer the incident can
 * give in its state (affected and not affected, or the open answers), for a fictitious recipient, marked
 * SAMPLE and carrying a sample code ("SAMP-0000-…") that the verify page rejects. Nothing is stored:
 * it reads the published incident and writes no code and nothing else to D1. Letters are also rendered
 * to PNG pages when poppler's `pdftoppm` is installed, so they can be looked at without a PDF viewer.
 */
import type { Jurisdiction } from '../../core/legal-items.ts';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Answer, decide, listUse } from '../../core/decide.ts';
import { formatCode } from '../../core/codes.ts';
import { withBit } from '../../core/group-mask.ts';
import { type Incident, LOCALES, type Locale } from '../../core/incident.ts';
import { noticeText } from '../../answer-text/notice-email.ts';
import { smsText } from '../../answer-text/sms-text.ts';
import { loadIncident } from '../../data/incidents.ts';
import { messages } from '../../i18n/messages.ts';
import { letterChannel } from './letters/letter-channel.ts';
import { NoticesRefused, type Recipient } from './recipients.ts';
import { type ChannelName, type Notice, noticeTextInput, refuseExisting } from './sink.ts';

export interface PreviewOptions {
  readonly db: D1Database;
  readonly slug: string;
  readonly count: number;
  readonly outDir: string;
  readonly baseUrl: string;
  readonly channels: readonly ChannelName[];
  /** For the letters' legal items (letters/legal.ts). */
  readonly jurisdiction: Jurisdiction | null;
  readonly force?: boolean;
  readonly now?: () => Date;
}

export interface PreviewSummary {
  readonly samples: number;
  readonly files: string[];
  /** Letter pages rendered as PNG; null when pdftoppm is not installed. */
  readonly pngs: number | null;
}

/** The answers the incident can give now, most telling first: everyone affected, then the others. */
export function sampleAnswers(incident: Incident): Answer[] {
  const use = listUse(incident.status);
  if (use === 'none') return [decide(incident, null)];
  if (use === 'optional' && incident.activeDataset === null) return [decide(incident, null)];
  const all = incident.groups.reduce((mask, g) => withBit(mask, g.bit), 0);
  const each = incident.groups.length > 1 ? incident.groups.map((g) => decide(incident, { entry: { groups: withBit(0, g.bit), store: null } })) : [];
  return [decide(incident, { entry: { groups: all, store: null } }), decide(incident, { entry: null }), ...each];
}

function sampleRecipient(locale: Locale, i: number): Recipient {
  return {
    line: i + 2,
    email: `sample-${i + 1}@example.invalid`,
    locale,
    store: null,
    postal: messages(locale).letter.sampleRecipient,
    phone: '+819000000000',
    subject: new Uint8Array(16),
  };
}

export async function previewNotices(o: PreviewOptions): Promise<PreviewSummary> {
  if (!Number.isInteger(o.count) || o.count < 1) throw new NoticesRefused('--preview takes the number of samples to render, e.g. --preview 3.');
  refuseExisting([o.outDir], o.force ?? false);
  const incident = await loadIncident(o.db, o.slug);
  if (!incident) throw new NoticesRefused(`Incident "${o.slug}" is not published. Run \`incident publish <file>\` first.`);
  const answers = sampleAnswers(incident);
  const picked = answers.slice(0, Math.max(o.count, Math.min(2, answers.length)));
  const issuedAt = (o.now ?? (() => new Date()))().toISOString();
  const partial = `${o.outDir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    for (const locale of LOCALES) {
      const notices: Notice[] = picked.map((answer, i) => ({
        incident,
        recipient: sampleRecipient(locale, i),
        answer,
        store: null,
        code: formatCode(`SAMP${String(i + 1).padStart(16, '0')}`),
        issuedAt,
        baseUrl: o.baseUrl,
      }));
      const mark = messages(locale).letter.sample;
      if (o.channels.includes('email')) writeFileSync(join(partial, `email-${locale}.txt`), emailSamples(notices, mark, o.jurisdiction), { mode: 0o600 });
      if (o.channels.includes('sms')) writeFileSync(join(partial, `sms-${locale}.txt`), smsSamples(notices, mark), { mode: 0o600 });
      if (o.channels.includes('letter')) {
        const letters = letterChannel({ out: join(partial, `letters-${locale}.pdf`), jurisdiction: o.jurisdiction, sample: mark }).open();
        for (const n of notices) await letters.write(n);
        await letters.commit();
      }
    }
    const pngs = o.channels.includes('letter') ? renderPngs(partial) : 0;
    rmSync(o.outDir, { recursive: true, force: true }); // only reached with --force when it exists
    renameSync(partial, o.outDir);
    return { samples: picked.length, files: readdirSync(o.outDir).sort(), pngs };
  } catch (err) {
    rmSync(partial, { recursive: true, force: true });
    throw err;
  }
}

function heading(n: Notice, i: number, mark: string): string {
  return `==== ${mark} #${i + 1}: ${n.answer.kind}${n.answer.kind === 'affected' ? ` (${n.answer.groups.map((g) => g.code).join(', ')})` : ''} ====`;
}

function emailSamples(notices: Notice[], mark: string, jurisdiction: Jurisdiction | null): string {
  return notices
    .map((n, i) => {
      const t = noticeText({ ...noticeTextInput(n), jurisdiction });
      return `${heading(n, i, mark)}\nSubject: ${t.subject}\n\n${t.body}\n`;
    })
    .join('\n');
}

function smsSamples(notices: Notice[], mark: string): string {
  return notices
    .map((n, i) => {
      const t = smsText(noticeTextInput(n));
      const fit = t.fits ? 'fits one segment' : 'TOO LONG: a run would be refused';
      return `${heading(n, i, mark)}\n${t.text}\n(${t.length} of ${t.limit} ${t.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'} characters: ${fit})\n`;
    })
    .join('\n');
}

/** Each letter PDF as PNG pages at 100 dpi; null without pdftoppm. */
function renderPngs(dir: string): number | null {
  const probe = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' });
  if (probe.error) return null;
  for (const pdf of readdirSync(dir).filter((f) => f.endsWith('.pdf'))) {
    const result = spawnSync('pdftoppm', ['-r', '100', '-png', join(dir, pdf), join(dir, pdf.replace(/\.pdf$/, ''))], { stdio: 'ignore' });
    if (result.status !== 0) throw new NoticesRefused(`pdftoppm could not render ${pdf}.`);
  }
  const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
  for (const png of pngs) chmodSync(join(dir, png), 0o600); // sample pages show the real incident's text
  return pngs.length;
}
