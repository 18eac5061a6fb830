/**
 * The recipients file: one row per person to notify, read as a stream. The `email` column identifies
 * the person (it is what gets hashed and answered, on every channel); the other columns say where the
 * notice goes: postal columns for a letter, `phone` for an SMS, `locale` and `store` for its words.
 * Columns read under the names real exports use, Japanese included ("メールアドレス", "氏名", "郵便番号",
 * "住所1"); a column named twice is refused: which of the two would get the notice? Every refusal and
 * rejection names lines and columns, never a value.
 */
import { createReadStream, statSync } from 'node:fs';
import { parse, type CsvError } from 'csv-parse';
import { FACTOR_COLUMNS } from '../../core/affected-set.ts';
import { LOCALES, type Locale } from '../../core/incident.ts';
import { identifierHash, type IdentifierRules, readIdentifier } from '../../core/identifier.ts';
import type { keyedHasher } from '../../core/keyed-hash.ts';
import type { SecondFactor } from '../../core/normalise.ts';
import type { PostalAddress } from '../../answer-text/notice-letter.ts';
import { foldColumnName, knownColumn } from '../import/columns.ts';
import { OperatorError } from '../operator-error.ts';

export type RecipientRejection =
  | 'no_email'
  | 'invalid_email'
  | 'no_factor'
  | 'invalid_factor'
  | 'unknown_locale'
  | 'duplicate'
  | 'malformed_csv'
  | 'no_address'
  | 'address_too_long'
  | 'no_phone'
  | 'invalid_phone'
  /** Follow-up: the row's address does not hash to the person its code was issued to. */
  | 'code_not_theirs';

export class NoticesRefused extends OperatorError {
  override name = 'NoticesRefused';
}

export interface Recipient {
  readonly line: number;
  /** As written in the file: the address the mail merge sends to. */
  readonly email: string;
  readonly locale: Locale;
  readonly store: string | null;
  readonly postal: PostalAddress;
  /** As written; the SMS channel writes it without separators (see sms.ts). */
  readonly phone: string;
  /** The keyed hash the notice code answers for. */
  readonly subject: Uint8Array;
}

/** Columns only the recipients file has (the import's own names, email to phone, come from columns.ts). */
const RECIPIENT_ALIASES: Record<string, string[]> = {
  locale: ['locale', 'language', 'lang', '言語'],
  name: ['name', 'full name', 'recipient', 'addressee', '氏名', '宛名', '名前', 'お名前', '宛先名'],
  address1: ['address1', 'address 1', 'address line 1', 'address', '住所1', '住所'],
  address2: ['address2', 'address 2', 'address line 2', '住所2'],
  address3: ['address3', 'address 3', 'address line 3', '住所3'],
  phone: ['mobile', 'mobile phone', 'cell phone', 'sms', '携帯電話', '携帯電話番号', '携帯番号'],
};
const RECIPIENT_NAMES = new Map(Object.entries(RECIPIENT_ALIASES).flatMap(([column, names]) => names.map((n) => [foldColumnName(n), column] as const)));

/** Recipient columns a channel may need. */
export type ChannelColumn = 'name' | 'address1' | 'phone';

function recipientColumns(header: string[]): string[] {
  const names = header.map((h) => knownColumn(h) ?? RECIPIENT_NAMES.get(foldColumnName(h)) ?? h.trim().toLowerCase());
  const twice = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
  if (twice) throw new NoticesRefused(`The recipients file names the column "${twice}" twice (under two names, or the same one).`);
  return names;
}

/** A phone number an SMS gateway takes: digits, optionally after "+", separators dropped. */
export function smsPhone(raw: string): string | null {
  const folded = raw.normalize('NFKC').replace(/[\s\-\u2010-\u2015\u2212().]/g, '');
  return /^\+?\d{8,15}$/.test(folded) ? folded : null;
}

export interface ReadRecipientsOptions {
  readonly path: string;
  readonly slug: string;
  readonly factor: SecondFactor | undefined;
  readonly rules: IdentifierRules;
  readonly hash: ReturnType<typeof keyedHasher>;
  readonly salt: Uint8Array;
  /** Columns the channel cannot do without; a file without them is refused. */
  readonly needs: readonly ChannelColumn[];
  /** Why a row cannot get the channel's notice (no address, no phone), or null. */
  readonly unreachable: (r: Omit<Recipient, 'subject'>) => RecipientRejection | null;
  readonly reject: (reason: RecipientRejection, line: number) => void;
  /** Called for every row read, with the share of the file read so far. */
  readonly onRow: (share: number) => void;
}

/** The file's recipients in order; rows that cannot be notified go to `reject` with their line. */
export async function* readRecipients(o: ReadRecipientsOptions): AsyncGenerator<Recipient> {
  const totalBytes = Math.max(statSync(o.path).size, 1);
  const input = createReadStream(o.path);
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => {
        const names = recipientColumns(header);
        if (!names.includes('email')) throw new NoticesRefused(`The recipients file must have an "email" column (found: ${names.join(', ')}).`);
        if (o.factor && !names.includes(FACTOR_COLUMNS[o.factor])) {
          throw new NoticesRefused(`"${o.slug}" asks for a second factor: the recipients file needs a "${FACTOR_COLUMNS[o.factor]}" column too.`);
        }
        const missing = o.needs.filter((c) => !names.includes(c));
        if (missing.length > 0) {
          throw new NoticesRefused(`This channel needs the column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')} in the recipients file (found: ${names.join(', ')}).`);
        }
        return names;
      },
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (err: CsvError) => {
    o.onRow(input.bytesRead / totalBytes);
    o.reject('malformed_csv', Number(err.lines ?? 0));
  });
  // Recipients already read, by keyed hash (never by address), so nobody gets two notices.
  const seen = new Set<string>();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string | undefined>; info: { lines: number } }>) {
      o.onRow(input.bytesRead / totalBytes);
      const line = info.lines;
      if (!record.email) {
        o.reject('no_email', line);
        continue;
      }
      const locale = (record.locale || 'ja').toLowerCase();
      if (!(LOCALES as readonly string[]).includes(locale)) {
        o.reject('unknown_locale', line);
        continue;
      }
      const factorRaw = o.factor ? record[FACTOR_COLUMNS[o.factor]] : undefined;
      if (o.factor && !factorRaw) {
        o.reject('no_factor', line);
        continue;
      }
      const id = readIdentifier(o.factor ? { kind: 'email_factor', raw: record.email, factor: factorRaw! } : { kind: 'email', raw: record.email }, o.rules);
      if (!id.ok) {
        o.reject(id.error === 'invalid_factor' ? 'invalid_factor' : 'invalid_email', line);
        continue;
      }
      // Before the duplicate check: a later row of the same person may have the address this one lacks.
      const read = { line, email: record.email, locale: locale as Locale, store: record.store || null, postal: postal(record), phone: record.phone ?? '' };
      const unreachable = o.unreachable(read);
      if (unreachable) {
        o.reject(unreachable, line);
        continue;
      }
      const subject = identifierHash(o.hash, o.salt, id);
      const key = Buffer.from(subject).toString('hex');
      if (seen.has(key)) {
        o.reject('duplicate', line);
        continue;
      }
      seen.add(key);
      yield { ...read, subject };
    }
  } finally {
    input.destroy();
  }
}

function postal(record: Record<string, string | undefined>): PostalAddress {
  return {
    name: record.name ?? '',
    postcode: record.postcode ?? '',
    address1: record.address1 ?? '',
    address2: record.address2 ?? '',
    address3: record.address3 ?? '',
  };
}
