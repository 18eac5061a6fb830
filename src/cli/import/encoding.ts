/**
 * The text encoding of an affected list. UTF-8 (with or without a byte-order mark) is read as it is;
 * Shift_JIS, what Japanese Excel writes for "CSV", is decoded only when the operator says so; UTF-16
 * (Excel's "Unicode text") is refused. Text that is not valid in the chosen encoding is never loaded:
 * decoded as something else it would be mojibake, identifiers that find nobody.
 */

import { OperatorError } from '../operator-error.ts';

export type ListEncoding = 'utf-8' | 'shift_jis';

const SHIFT_JIS_NAMES = new Set(['shiftjis', 'sjis', 'cp932', 'windows31j', 'ms932', 'xsjis', 'mskanji']);
const UTF8_NAMES = new Set(['utf8', 'utf']);

export class ListEncodingError extends OperatorError {
  override name = 'ListEncodingError';
}

/**
 * The encoding an --encoding value names.
 *
 * @example
 * parseEncoding('CP932') // 'shift_jis'
 */
export function parseEncoding(name: string): ListEncoding {
  const folded = name.toLowerCase().replace(/[-_\s]/g, '');
  if (UTF8_NAMES.has(folded)) return 'utf-8';
  if (SHIFT_JIS_NAMES.has(folded)) return 'shift_jis';
  throw new ListEncodingError(`Unknown encoding "${name}": use utf-8 (the default) or shift_jis (also cp932, sjis, windows-31j).`);
}

export const SHIFT_JIS_ADVICE =
  'This file looks like Shift_JIS, as Japanese Excel saves "CSV": re-run with --encoding shift_jis, or save it as "CSV UTF-8" and import that. Nothing was loaded.';
const UTF16_ADVICE =
  'This file is UTF-16 (Excel\'s "Unicode text"), which the import does not read: save it as "CSV UTF-8" and import that. Nothing was loaded.';

/** Whether the bytes are valid in an encoding. */
export function decodes(bytes: Uint8Array, encoding: ListEncoding): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasHighBytes(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

/** The part of a block up to its last line end: a character may be cut where the block ends. */
function wholeLines(sample: Uint8Array, complete: boolean): Uint8Array {
  const end = complete ? sample.length : sample.lastIndexOf(0x0a) + 1;
  return sample.subarray(0, end > 0 ? end : sample.length);
}

/**
 * Decides how the list is read from its first block: the encoding, and how many bytes of
 * byte-order mark to skip. Throws, with what to do, for UTF-16, for Shift_JIS read as UTF-8 and for
 * UTF-8 read as Shift_JIS. Invalid text further on is found by the readers, line by line.
 *
 * @param complete whether the sample is the whole file.
 */
export function sniffEncoding(sample: Uint8Array, requested: ListEncoding | undefined, complete: boolean): { encoding: ListEncoding; skip: number } {
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) throw new ListEncodingError(UTF16_ADVICE);
  if (sample.includes(0)) {
    throw new ListEncodingError('This file holds NUL bytes: it is UTF-16 without a byte-order mark, or not a text file. Save it as "CSV UTF-8" and import that. Nothing was loaded.');
  }
  const bom = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  if (bom && requested === 'shift_jis') {
    throw new ListEncodingError('This file starts with a UTF-8 byte-order mark, but --encoding shift_jis was given: re-run without --encoding. Nothing was loaded.');
  }
  if (bom) return { encoding: 'utf-8', skip: 3 };
  const text = wholeLines(sample, complete);
  if (requested === 'shift_jis') {
    // UTF-8 text read as Shift_JIS mostly decodes without error, as mojibake.
    if (hasHighBytes(text) && decodes(text, 'utf-8')) {
      throw new ListEncodingError('This file is UTF-8, not Shift_JIS: re-run without --encoding shift_jis. Nothing was loaded.');
    }
    return { encoding: 'shift_jis', skip: 0 };
  }
  if (!decodes(text, 'utf-8') && decodes(text, 'shift_jis')) throw new ListEncodingError(SHIFT_JIS_ADVICE);
  return { encoding: 'utf-8', skip: 0 };
}

/**
 * The line of a block (numbered from `firstLine`) where the text stops being valid: decoded line by
 * line, once a block has been found invalid as a whole.
 */
export function firstInvalidLine(bytes: Uint8Array, firstLine: number, encoding: ListEncoding): number {
  const decoder = new TextDecoder(encoding, { fatal: true });
  let line = firstLine;
  for (let at = 0; at < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, at);
    if (end < 0) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(at, end));
    } catch {
      return line;
    }
    at = end + 1;
  }
  return line;
}

/** The error for a block that is not valid text: names the line, never its content. */
export function invalidTextError(line: number, encoding: ListEncoding, looksShiftJis: boolean): ListEncodingError {
  if (encoding === 'shift_jis') {
    return new ListEncodingError(`Line ${line} is not valid Shift_JIS text; nothing was loaded. Check the file's encoding (save it as "CSV UTF-8" if you can).`);
  }
  return new ListEncodingError(
    `Line ${line} is not valid UTF-8 text; nothing was loaded. ${looksShiftJis ? SHIFT_JIS_ADVICE.replace(' Nothing was loaded.', '') : 'Save the list as "CSV UTF-8" and import it again.'}`,
  );
}
