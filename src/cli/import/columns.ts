/**
 * The header row of an affected list: which column is which. Real exports name their columns in
 * Japanese or English, in any case and width ("メールアドレス", "E-Mail", "ＯＲＤＥＲ　ＩＤ"); each known
 * name maps to the column RowReader reads. A column the import does not know, or a column named twice,
 * stops the import: its values would otherwise be dropped, and every dropped value is a person told
 * "not affected". Messages name header cells, never a value, and never a cell that looks like one.
 */
import { FACTOR_COLUMNS, type ListColumn } from '../../core/affected-set.ts';
import type { SecondFactor } from '../../core/normalise.ts';
import { splitLine } from './csv-records.ts';
import { OperatorError } from '../operator-error.ts';

/** The columns of a list, by the names RowReader reads. */
export type CanonicalColumn = ListColumn | 'store';

const ALIASES: Record<CanonicalColumn, string[]> = {
  email: ['email', 'e-mail', 'mail', 'email address', 'e-mail address', 'mail address', 'メールアドレス', 'メール', 'eメール', 'eメールアドレス', '電子メール', '電子メールアドレス'],
  order_id: ['order_id', 'order id', 'order number', 'order no', 'order no.', 'order#', '注文番号', '受注番号', '注文id', '受注id', 'オーダー番号', 'オーダーid', '注文no', '受注no'],
  groups: ['groups', 'group', 'group code', 'group codes', 'グループ', 'グループコード'],
  store: ['store', 'shop', 'store name', 'shop name', '店舗', 'ショップ', '店舗名', 'ショップ名'],
  postcode: ['postcode', 'post code', 'postal code', 'zip', 'zip code', 'zipcode', '郵便番号'],
  phone: ['phone', 'phone number', 'tel', 'telephone', 'telephone number', 'tel no', '電話番号', '電話'],
};

// Spaces (any width), "_", "-" and its dash variants, "・" and "." separate words alike; the katakana
// prolonged sound mark "ー" is part of a word ("メール") and stays.
const SEPARATORS = /[\s_\-\u2010-\u2015\u2212\uFF0D\u30FB\uFF65.]+/gu;

/**
 * A header name folded for comparison: NFKC, lowercase, trimmed, separators dropped.
 *
 * @example
 * foldColumnName('Ｅ－Ｍａｉｌ　Address') // 'emailaddress'
 * foldColumnName('注文・ID') // '注文id'
 */
export function foldColumnName(name: string): string {
  return name.normalize('NFKC').toLowerCase().trim().replace(SEPARATORS, '');
}

const KNOWN = new Map<string, CanonicalColumn>(
  Object.entries(ALIASES).flatMap(([column, names]) => names.map((n) => [foldColumnName(n), column as CanonicalColumn] as const)),
);

/** The column a header name stands for, or undefined for a name the import does not know. */
export function knownColumn(name: string): CanonicalColumn | undefined {
  return KNOWN.get(foldColumnName(name));
}

/** A header cell that could be a customer's value: it must never be printed. */
export function looksLikeValue(cell: string): boolean {
  const text = cell.normalize('NFKC').replace(/\s/g, '');
  if (/[@＠﹫]/u.test(cell) || text.includes('@')) return true;
  const digits = text.replace(/\D/g, '').length;
  return digits > 0 && digits * 2 >= text.length;
}

export class BadListHeader extends OperatorError {
  override name = 'BadListHeader';
}

/** How the header reads: per position, the column it holds, or null for a column to skip. */
export interface ListHeader {
  readonly columns: (CanonicalColumn | null)[];
  /** The header cell of each column as written in the file (for the reconciliation report). */
  readonly written: Partial<Record<CanonicalColumn, string>>;
  /** The cells skipped with --ignore-column, as written (by position when a name looks like a value). */
  readonly ignored: string[];
}

const MAX_SHOWN = 60;

/** A header cell for a message: quoted, shortened, and withheld when it looks like a value. */
function shown(cell: string, position: number): string {
  if (cell.trim() === '') return `column ${position} (no name)`;
  if (looksLikeValue(cell)) return `column ${position} (its name looks like a value and is not shown)`;
  const text = cell.replace(/[\p{Cc}\p{Cf}]/gu, '');
  return `"${text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text}" (column ${position})`;
}

function unknownColumn(cell: string, position: number): string {
  const fix = 'its values would not be loaded. Rename it to a known column, or, if it identifies no one, re-run with';
  if (cell.trim() === '') return `Column ${position} has no name: ${fix} --ignore-column "" (or remove the column).`;
  if (looksLikeValue(cell)) return `Column ${position} has a name that looks like a value (not shown): is the first line a header row? Otherwise ${fix} --ignore-column <its name>.`;
  return `Unknown column ${shown(cell, position)}: ${fix} --ignore-column ${JSON.stringify(cell)}.`;
}

const NOT_A_HEADER =
  'The first line is not a header row: an affected list starts with a line naming its columns, e.g. "email,order_id,groups,store". Add that line and import again.';

function notAHeader(line: string, detail = ''): BadListHeader {
  // Excel in some locales separates with ";", and "Unicode text" with tabs.
  for (const [separator, name] of [[';', 'semicolons'], ['\t', 'tabs']] as const) {
    if (line.split(separator).some((cell) => knownColumn(cell.replace(/^\s*"|"\s*$/g, '')) !== undefined)) {
      return new BadListHeader(`The header row is separated by ${name}, not commas: save the list as "CSV UTF-8" (comma-separated) and import that.`);
    }
  }
  return new BadListHeader(`${NOT_A_HEADER}${detail}`);
}

/**
 * Reads the header line (already decoded, without BOM or line end).
 *
 * @param ignore names given with --ignore-column, folded like header names.
 */
export function readHeader(line: string, options: { ignore?: readonly string[]; secondFactor?: SecondFactor | undefined } = {}): ListHeader {
  const cells = splitLine(line);
  if (!cells) throw notAHeader(line, ' (Its quoting is broken.)');
  const ignore = new Set((options.ignore ?? []).map(foldColumnName));
  const known = cells.map((cell) => knownColumn(cell));
  // A line of data: a cell holding an address, or no cell a column name. Nothing of it is printed.
  if (cells.some((c) => /[@＠﹫]/u.test(c))) throw new BadListHeader(NOT_A_HEADER);
  if (known.every((k) => k === undefined)) throw notAHeader(line);

  const columns: (CanonicalColumn | null)[] = [];
  const written: Partial<Record<CanonicalColumn, string>> = {};
  const at: Partial<Record<CanonicalColumn, number>> = {};
  const ignored: string[] = [];
  const problems: string[] = [];
  cells.forEach((cell, i) => {
    const column = known[i];
    if (ignore.has(foldColumnName(cell)) && column !== undefined && column !== 'store') {
      // Skipping a column that identifies people (or their groups) would drop every one of them: each
      // would be told "not affected". Only a column that identifies no one may be ignored.
      columns.push(null);
      problems.push(`${shown(cell, i + 1)} holds "${column}", which identifies people: it cannot be ignored. Remove --ignore-column for it.`);
    } else if (ignore.has(foldColumnName(cell))) {
      columns.push(null);
      ignored.push(looksLikeValue(cell) ? `column ${i + 1}` : cell);
    } else if (column === undefined) {
      columns.push(null);
      problems.push(unknownColumn(cell, i + 1));
    } else if (at[column] !== undefined) {
      columns.push(null);
      problems.push(
        `Columns ${shown(written[column]!, at[column]! + 1)} and ${shown(cell, i + 1)} both hold "${column}": keep one (or merge them) and import again.`,
      );
    } else {
      columns.push(column);
      written[column] = cell;
      at[column] = i;
    }
  });
  if (problems.length > 0) throw new BadListHeader([...problems, `Known columns: ${knownColumnsHelp()}.`].join('\n'));

  const has = (c: CanonicalColumn) => at[c] !== undefined;
  const found = `found: ${columns.filter((c) => c !== null).join(', ') || 'none'}`;
  const factorColumn = options.secondFactor && FACTOR_COLUMNS[options.secondFactor];
  if (factorColumn && !(has('email') && has(factorColumn) && has('groups'))) {
    throw new BadListHeader(`This incident asks for a second factor: the list needs the columns "email", "${factorColumn}" and "groups" (${found}).`);
  }
  if (!has('groups') || !(has('email') || has('order_id'))) {
    throw new BadListHeader(`The list needs a "groups" column and at least one of "email" and "order_id" (${found}).`);
  }
  return { columns, written, ignored };
}

/** The recognised names, for help and error messages. */
export function knownColumnsHelp(): string {
  return Object.entries(ALIASES)
    .map(([column, names]) => `${column} (${names.filter((n) => n !== column).join(', ')})`)
    .join('; ');
}
