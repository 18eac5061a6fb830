/**
 * What every notice channel (email-csv.ts, letters/, sms.ts) is to `notices`: a writer behind one
 * interface. issue-notices.ts reads the recipients, decides each answer and stores the codes; a channel
 * only says which recipients it can reach and writes their notices.
 *
 * Every channel writes, next to its output, a manifest for follow-up (who got which answer, code and
 * link, and where: postal and phone columns), so a later run can reach by letter those an email missed.
 * Files are written under a ".partial" name with mode 600 and renamed into place only when the whole
 * run succeeded: a failed run never leaves a file that looks finished.
 */
import { createWriteStream, existsSync, renameSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify, type Stringifier } from 'csv-stringify';
import type { Answer } from '../../core/decide.ts';
import { affectedFlag } from '../../core/decide.ts';
import type { Incident, Locale } from '../../core/incident.ts';
import { noticeLink } from '../../answer-text/notice-email.ts';
import type { NoticeTextInput } from '../../answer-text/notice-input.ts';
import { csvSafe } from '../csv-safe.ts';
import { type ChannelColumn, NoticesRefused, type Recipient, type RecipientRejection, smsPhone } from './recipients.ts';

export const CHANNELS = ['email', 'letter', 'sms'] as const;
export type ChannelName = (typeof CHANNELS)[number];

/** One recipient's notice, ready to write: the code is stored (or, in a check, never will be). */
export interface Notice {
  readonly incident: Incident;
  readonly recipient: Recipient;
  readonly answer: Answer;
  /** The store the recipient knows: the list's label for affected people, the recipients file's otherwise. */
  readonly store: string | null;
  readonly code: string;
  readonly issuedAt: string;
  readonly baseUrl: string;
}

/** A notice's fields for its texts, taken in one place for every channel (see NoticeTextInput). */
export function noticeTextInput(n: Notice): NoticeTextInput {
  return { incident: n.incident, answer: n.answer, locale: n.recipient.locale, code: n.code, issuedAt: n.issuedAt, baseUrl: n.baseUrl, store: n.store };
}

export interface Channel {
  readonly name: ChannelName;
  /** Recipient columns this channel cannot do without. */
  readonly needs: readonly ChannelColumn[];
  /** Why a recipient cannot get this channel's notice (no address, no phone), or null. */
  unreachable(r: Omit<Recipient, 'subject'>): RecipientRejection | null;
  /**
   * Why this notice cannot go out as it stands (an SMS longer than one segment), or null. When a channel
   * has it, every recipient is checked before any code is stored, and one refusal refuses the run.
   */
  refusal?(n: Notice): string | null;
  /** What the operator can change when notices are refused. */
  readonly refusalHelp?: string;
  /** The files the run will write; none may exist unless --force. */
  readonly outputs: readonly string[];
  open(): NoticeSink;
}

export interface NoticeSink {
  write(n: Notice): Promise<void>;
  /** Renames everything into place. */
  commit(): Promise<void>;
  /** Removes everything partial. */
  discard(): Promise<void>;
}

/** Refuses a run whose outputs exist: their codes may already be in customers' hands. */
export function refuseExisting(paths: readonly string[], force: boolean): void {
  if (force) return;
  const there = paths.find((p) => existsSync(p));
  if (there) throw new NoticesRefused(`${there} already exists. Its codes may already be in customers' hands: choose another output, or pass --force.`);
}

/** The columns every manifest has, and in this order at the end of every channel's CSV. */
export const MANIFEST_COLUMNS = ['email', 'locale', 'answer', 'affected', 'code', 'link', 'store', 'name', 'postcode', 'address1', 'address2', 'address3', 'phone'] as const;
export type ManifestRow = Record<(typeof MANIFEST_COLUMNS)[number], string>;

export function manifestRow(n: Notice): ManifestRow {
  const affected = affectedFlag(n.answer);
  const { postal } = n.recipient;
  return {
    email: n.recipient.email,
    locale: n.recipient.locale,
    answer: n.answer.kind,
    affected: affected === null ? '' : affected ? 'yes' : 'no',
    code: n.code,
    link: noticeLink(n.baseUrl, n.code),
    store: n.store ?? '',
    name: postal.name,
    postcode: postal.postcode,
    address1: postal.address1,
    address2: postal.address2,
    address3: postal.address3,
    // As an SMS gateway takes it when it is a phone number at all (see noticeCsvCast).
    phone: smsPhone(n.recipient.phone) ?? n.recipient.phone,
  };
}

const PHONE_CELL = /^\+?\d+$/;

/**
 * Every string cell neutralised for spreadsheets (csv-safe.ts), except a `phone` cell that is only "+"
 * and digits: the guard would make it "'+8190…", which an SMS gateway cannot send to, and such a cell is
 * arithmetic at worst, never a function or a link.
 */
export const noticeCsvCast = {
  string: (value: string, context: { column?: string | number | undefined }) => (context.column === 'phone' && PHONE_CELL.test(value) ? value : csvSafe(value)),
};

/** A file written under `<path>.partial` (mode 600) and renamed to `path` on commit. */
export class PartialFile {
  readonly partial: string;
  readonly stream: WriteStream;
  private readonly path: string;
  constructor(path: string) {
    this.path = path;
    this.partial = `${path}.partial`;
    this.stream = createWriteStream(this.partial, { mode: 0o600 });
  }
  async close(): Promise<void> {
    if (!this.stream.writableEnded) this.stream.end();
    if (!this.stream.closed) await once(this.stream, 'close');
  }
  async commit(): Promise<void> {
    await this.close();
    renameSync(this.partial, this.path);
  }
  async discard(): Promise<void> {
    await this.close().catch(() => {});
    rmSync(this.partial, { force: true });
  }
}

/**
 * A CSV file of notices, written through PartialFile, its cells cast by noticeCsvCast.
 */
export class CsvOut<Row extends Record<string, string>> {
  private readonly file: PartialFile;
  private readonly csv: Stringifier;
  constructor(path: string, columns: readonly (keyof Row & string)[]) {
    this.file = new PartialFile(path);
    this.csv = stringify({ header: true, columns: [...columns], quoted_string: true, record_delimiter: '\r\n', cast: noticeCsvCast });
    this.csv.pipe(this.file.stream);
  }
  async write(row: Row): Promise<void> {
    if (!this.csv.write(row)) await once(this.csv, 'drain');
  }
  private async end(): Promise<void> {
    if (this.csv.writableEnded) return;
    const done = once(this.file.stream, 'finish');
    this.csv.end();
    await done;
  }
  async commit(): Promise<void> {
    await this.end();
    await this.file.commit();
  }
  async discard(): Promise<void> {
    await this.end().catch(() => {});
    await this.file.discard();
  }
}
