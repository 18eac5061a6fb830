/**
 * `notices`: a notice for every notified customer, affected or not, on one channel (email, letter, SMS;
 * see sink.ts). Each recipient gets a fresh notice code; D1 stores only the code's hash and the
 * recipient's keyed hash, so the link shows the *current* answer even if the scope grows later.
 *
 *   recipients CSV (stream) → normalise + keyed hash → batch: entries in the active dataset → answer
 *   → codes stored (one transaction per batch) → the channel writes each notice
 *
 * A channel that can refuse a notice (an SMS too long for one segment) has every recipient checked in a
 * first pass that stores nothing: one refusal refuses the run, before any code exists.
 */
import { codeHash, newCode, normaliseCode } from '../../core/codes.ts';
import { affectedFlag, listUse } from '../../core/decide.ts';
import type { Incident, Locale } from '../../core/incident.ts';
import { bindingMismatch, expectedBinding, subjectBindingText, subjectKind } from '../../core/dataset-binding.ts';
import { type Pepper, pepperFingerprint } from '../../core/keyed-hash.ts';
import { describeMismatch } from '../binding-message.ts';
import { hex } from '../../data/blobs.ts';
import { type CodeRecord, insertCodes } from '../../data/codes.ts';
import { loadIncident } from '../../data/incidents.ts';
import type { Progress } from '../progress.ts';
import type { Jurisdiction } from '../../core/legal-items.ts';
import { answeredBatches } from './answered.ts';
import { checkLegalItems, type LegalGaps } from './jurisdiction.ts';
import { NoticesRefused, type RecipientRejection } from './recipients.ts';
import { type Channel, refuseExisting } from './sink.ts';

export { NoticesRefused, type RecipientRejection } from './recipients.ts';

export interface NoticesSummary {
  rowsRead: number;
  written: number;
  affected: number;
  notAffected: number;
  /** Notices whose answer is still open: under investigation, or no exposure confirmed. */
  open: number;
  perLocale: Record<Locale, number>;
  rejected: Partial<Record<RecipientRejection, { count: number; lines: number[] }>>;
  /**
   * People the active list knows by an order ID alone (null: the list predates that count, and holds
   * order IDs). A notice to their email address finds no entry, so it says "not affected".
   */
  orderIdOnly: number | null;
  /** Without a jurisdiction: the legal items each law would still miss (with one, a gap refuses the run). */
  legalGaps: LegalGaps;
}

export interface NoticesOptions {
  db: D1Database;
  slug: string;
  recipients: string;
  channel: Channel;
  baseUrl: string;
  pepper: Pepper;
  progress: Progress;
  /** Overwrite existing output files. */
  force?: boolean;
  /** The law the notices must satisfy: its items are checked before anything is written. */
  jurisdiction?: Jurisdiction | undefined;
  /**
   * A follow-up (follow-up.ts): each recipient's existing code, by their keyed hash in hex. Those codes
   * are stored already; a recipient without one here is refused, never given a new or another's code.
   */
  reuseCodes?: ReadonlyMap<string, string> | undefined;
  now?: () => Date;
}

const LINES_KEPT_PER_REASON = 20;

/** Checks and tidies --base-url: an absolute http(s) URL, kept without a trailing slash. */
export function parseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new NoticesRefused(`--base-url must be the portal's full address, like https://check.example.com (got "${raw}").`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new NoticesRefused('--base-url must start with https://');
  if (url.search || url.hash) throw new NoticesRefused('--base-url must not carry a query or fragment.');
  return url.href.replace(/\/+$/, '');
}

export interface NoticeIncident {
  readonly incident: Incident;
  /** Whether answers read the active list (see listUse). */
  readonly usesList: boolean;
  readonly subjectBinding: string;
}

/** The published incident, refused when its notices could not carry each person's answer. */
export async function noticeIncident(db: D1Database, slug: string, pepper: Pepper): Promise<NoticeIncident> {
  const incident = await loadIncident(db, slug);
  if (!incident) throw new NoticesRefused(`Incident "${slug}" is not published. Run \`incident publish <file>\` first.`);
  // Investigating without a list, or no exposure confirmed: every notice says so, and no list is read.
  // Its codes are hashed as a list imported later will be, so the same link then shows the person's answer.
  const use = listUse(incident.status);
  const usesList = use === 'required' || (use === 'optional' && incident.activeDataset !== null);
  if (use === 'required' && incident.activeDataset === null) {
    throw new NoticesRefused(`Incident "${slug}" has no affected list yet: run \`import\` first, so every notice can carry its answer.`);
  }
  // The same check as every lookup: a list made with another pepper, mode, rule or normalisation than
  // this run would hash recipients differently, and every notice would say "not affected".
  const expected = expectedBinding(incident.content.lookup, { id: pepper.id, fingerprint: pepperFingerprint(pepper) });
  if (usesList) {
    const causes = bindingMismatch(incident.binding, expected);
    if (causes.length > 0) throw new NoticesRefused(describeMismatch(slug, causes, incident.binding, expected));
    if (incident.contents === null) throw new NoticesRefused(describeMismatch(slug, ['unbound'], null, expected));
    if (incident.contents.emails === 0) {
      throw new NoticesRefused(
        `The active list of "${slug}" holds no email addresses: every notice would say "not affected". Import a list with the customers' email addresses first.`,
      );
    }
  }
  return { incident, usesList, subjectBinding: subjectBindingText(expected, subjectKind(expected)) };
}

function emptySummary(ni: NoticeIncident): NoticesSummary {
  const contents = ni.usesList ? ni.incident.contents : null;
  const orderIdOnly = !contents || contents.orderIds === 0 ? 0 : (contents.orderIdOnly ?? null);
  return { rowsRead: 0, written: 0, affected: 0, notAffected: 0, open: 0, perLocale: { ja: 0, en: 0 }, rejected: {}, orderIdOnly, legalGaps: [] };
}

function recorder(summary: NoticesSummary) {
  return (reason: RecipientRejection, line: number) => {
    const r = (summary.rejected[reason] ??= { count: 0, lines: [] });
    r.count++;
    if (r.lines.length < LINES_KEPT_PER_REASON) r.lines.push(line);
  };
}

/** The first pass of a channel that can refuse: every notice checked with a code that is never stored. */
async function refusals(o: NoticesOptions, ni: NoticeIncident, baseUrl: string): Promise<string[]> {
  const byReason = new Map<string, { count: number; lines: number[] }>();
  const ignored = emptySummary(ni);
  const issuedAt = (o.now ?? (() => new Date()))().toISOString();
  const code = newCode(); // every code has the same length, grouped or not
  let rows = 0;
  let fileShare = 0;
  o.progress.start(`Checking every ${o.channel.name} notice`, 1);
  try {
    const onRow = (share: number) => {
      rows++;
      fileShare = share;
    };
    const batches = answeredBatches({ ...o, path: o.recipients, ...ni, reject: recorder(ignored), onRow });
    for await (const batch of batches) {
      o.progress.update(fileShare, rows);
      for (const a of batch) {
        const reason = o.channel.refusal!({ ...a, incident: ni.incident, code, issuedAt, baseUrl });
        if (!reason) continue;
        const r = byReason.get(reason) ?? { count: 0, lines: [] };
        r.count++;
        if (r.lines.length < LINES_KEPT_PER_REASON) r.lines.push(a.recipient.line);
        byReason.set(reason, r);
      }
    }
  } finally {
    o.progress.stop();
  }
  return [...byReason].map(
    ([reason, { count, lines }]) =>
      `  ${count.toLocaleString('en')} ${count === 1 ? 'recipient' : 'recipients'} (lines ${lines.join(', ')}${count > lines.length ? ', …' : ''}): ${reason}`,
  );
}

export async function issueNotices(o: NoticesOptions): Promise<NoticesSummary> {
  const baseUrl = parseBaseUrl(o.baseUrl);
  refuseExisting(o.channel.outputs, o.force ?? false);
  const ni = await noticeIncident(o.db, o.slug, o.pepper);
  const { incident } = ni;
  const legalGaps = checkLegalItems(incident, o.jurisdiction);
  if (o.channel.refusal) {
    const refused = await refusals(o, ni, baseUrl);
    if (refused.length > 0) {
      throw new NoticesRefused(
        [
          `No ${o.channel.name} notice was written and no code was stored: these recipients' notices cannot go out as they stand.`,
          ...refused,
          ...(o.channel.refusalHelp ? [o.channel.refusalHelp] : []),
        ].join('\n'),
      );
    }
  }
  const now = o.now ?? (() => new Date());
  const summary: NoticesSummary = { ...emptySummary(ni), legalGaps };
  const sink = o.channel.open();
  let ok = false;
  let fileShare = 0;
  o.progress.start('Writing notices', 1);
  const reject = recorder(summary);
  const reuse = o.reuseCodes;
  try {
    const batches = answeredBatches({
      ...o,
      path: o.recipients,
      ...ni,
      reject,
      onRow: (share) => {
        summary.rowsRead++;
        fileShare = share;
      },
    });
    for await (const answered of batches) {
      const issuedAt = now().toISOString();
      const batch = reuse ? answered.filter((a) => reuse.has(hex(a.recipient.subject)) || (reject('code_not_theirs', a.recipient.line), false)) : answered;
      const notices = batch.map((a) => ({ ...a, incident, code: reuse?.get(hex(a.recipient.subject)) ?? newCode(), issuedAt, baseUrl }));
      const codes: CodeRecord[] = notices.map((n) => ({
        hash: codeHash(normaliseCode(n.code)!),
        kind: 'notice',
        incident: incident.slug,
        subject: n.recipient.subject,
        subjectKey: o.pepper.id,
        subjectBinding: ni.subjectBinding,
        locale: n.recipient.locale,
        issuedAt,
        expiresAt: null,
        channel: o.channel.name,
        answer: n.answer.kind,
      }));
      // Codes first: a notice only reaches the output once its link works. A follow-up's are stored already.
      if (!reuse) await insertCodes(o.db, codes);
      for (const n of notices) {
        await sink.write(n);
        const affected = affectedFlag(n.answer);
        if (affected === true) summary.affected++;
        else if (affected === false) summary.notAffected++;
        else summary.open++;
        summary.perLocale[n.recipient.locale]++;
        summary.written++;
        // Per notice: a batch of letters takes seconds to draw. The file is read a batch ahead, so its
        // share stops short of done until the last notice is written (a bar at 100% prints every update).
        o.progress.update(Math.min(fileShare, 0.999), summary.written);
      }
    }
    o.progress.update(1, summary.written);
    await sink.commit();
    ok = true;
  } finally {
    o.progress.stop();
    if (!ok) await sink.discard();
  }
  return summary;
}
