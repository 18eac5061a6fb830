/**
 * What the operator reads when a CLI command fails: a message without values. The CLI handles files of
 * customers' addresses and order IDs, and a terminal's scrollback, a pasted error or a CI log must never
 * carry one. Libraries are free to put what they read into their messages (csv-parse quotes the field it
 * choked on), so an error is judged by where it comes from:
 * - the project's own operator errors are written without values and are kept, bar two safety nets
 *   (an address anywhere, and the header names some of them list, which a file without a header
 *   fills with a customer's row);
 * - csv-parse errors become the line and the kind of fault;
 * - anything else is kept only after everything that could be a value is scrubbed from it.
 */
import { CsvError } from 'csv-parse';

import { OperatorError } from './operator-error.ts';

export { OperatorError };

// By name rather than by class, so this module depends on none of the commands; an unknown name only
// means its message is scrubbed.
const OWN_ERRORS = new Set(['OperatorError', 'NoticesRefused', 'InvalidIncidentFile', 'BadListHeader', 'ImportAborted', 'MissingPepper', 'PepperError']);

const CSV_FAULTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a closing quote is followed by other characters',
  INVALID_OPENING_QUOTE: 'a quote stands inside an unquoted field',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has another number of fields than the header',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'the row has another number of fields than the header',
  CSV_MAX_RECORD_SIZE: 'the row is too long',
  CSV_INVALID_COLUMN_DEFINITION: 'the header row cannot be used as column names',
  CSV_INVALID_COLUMN_MAPPING: 'the header row cannot be used as column names',
  CSV_OPTION_COLUMNS_MISSING_NAME: 'the header row cannot be used as column names',
};

/** Anything with an @ (or a full-width ＠) between non-space characters: an address, however mangled. */
const ADDRESS = /[^\s"'`,;:<>()[\]{}]*[@＠][^\s"'`,;:<>()[\]{}]*/gu;
/** Text in quotes of any kind: where libraries put the value they are complaining about. */
const QUOTED = /"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”|‘[^’]*’|「[^」]*」|『[^』]*』/gu;
/** A run of letters and digits (with inner - _ . /) that holds a digit and is 6 long, or is 20 long. */
const VALUE_LIKE = /[\p{L}\p{N}]+(?:[-_./][\p{L}\p{N}]+)*/gu;
const HIDDEN = '…';

function hideAddresses(text: string): string {
  return text.replace(ADDRESS, HIDDEN);
}

/** Scrubs whatever could be a value from a message of unknown origin. */
export function scrub(text: string): string {
  return hideAddresses(text)
    .replace(QUOTED, (q) => `${q[0]}${HIDDEN}${q[q.length - 1]}`)
    .replace(VALUE_LIKE, (run) => ((/\p{N}/u.test(run) && run.length >= 6) || run.length >= 20 ? HIDDEN : run));
}

/** "(found: a, b, c)": names from a file's first line, kept only when they look like column names. */
function hideFoundValues(text: string): string {
  return text.replace(/\(found: ([^)]*)\)/g, (_, list: string) => {
    const names = list.split(', ').map((name) => (/^[\p{L}_ ]{1,32}$/u.test(name) ? name : HIDDEN));
    return `(found: ${names.join(', ')})`;
  });
}

function csvFault(err: CsvError): string {
  const line = typeof err.lines === 'number' && Number.isInteger(err.lines) ? ` at line ${err.lines}` : '';
  const code = /^[A-Z_]{1,64}$/.test(err.code) ? err.code : 'CSV_UNKNOWN_ERROR';
  return `The CSV file cannot be read${line}: ${CSV_FAULTS[code] ?? 'it is not valid CSV'} (${code}).`;
}

/**
 * The message to show the operator for anything a command threw: never a value from a file.
 *
 * @example
 * operatorMessage(new NoticesRefused('--base-url must start with https://')) // kept as it is
 * operatorMessage(csvErrorQuotingAField)  // 'The CSV file cannot be read at line 3: a quote stands inside an unquoted field (INVALID_OPENING_QUOTE).'
 * operatorMessage(new Error('bad value "alice@example.com"'))               // 'bad value "…"'
 */
export function operatorMessage(err: unknown): string {
  if (err instanceof CsvError) return csvFault(err);
  if (err instanceof OperatorError || (err instanceof Error && OWN_ERRORS.has(err.name))) return hideFoundValues(hideAddresses(err.message));
  const text = err instanceof Error ? err.message : String(err);
  return scrub(text) || 'The command failed.';
}
