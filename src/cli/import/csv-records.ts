/**
 * A CSV reader for affected lists, built for speed on plain lines: one record per line, fields split on
 * commas, ASCII spaces and tabs around fields trimmed, CRLF or LF. Quoted fields ("a, b", "say ""hi""")
 * are read as RFC 4180 says, but must close on their line: a list of emails, order IDs, group codes and
 * store names has no use for line breaks inside a value, and one record per line is what lets the list
 * be cut into chunks at any line break and read on several threads.
 */

export type CsvLine = { readonly line: number } & ({ readonly fields: string[] } | { readonly malformed: true });

const SPACE = 0x20;
const TAB = 0x09;

function trimAscii(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === SPACE || s.charCodeAt(a) === TAB)) a++;
  while (b > a && (s.charCodeAt(b - 1) === SPACE || s.charCodeAt(b - 1) === TAB)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Fields of a line holding at least one quote; null when the quoting is broken. */
function quotedFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (i < line.length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null; // not closed on this line
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      while (i < line.length && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
      if (i < line.length && line[i] !== ',') return null; // text after the closing quote
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const value = trimAscii(line.slice(i, comma < 0 ? line.length : comma));
      if (value.includes('"')) return null; // a quote inside an unquoted field
      fields.push(value);
      i = comma < 0 ? line.length : comma;
    }
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/** Splits one line into fields; null when it is not valid CSV. */
export function splitLine(line: string): string[] | null {
  if (!line.includes('"')) {
    const fields = line.split(',');
    for (let i = 0; i < fields.length; i++) fields[i] = trimAscii(fields[i]!);
    return fields;
  }
  return quotedFields(line);
}

/**
 * The records of a piece of a list that starts at a line start and ends at a line end (or the end of the
 * file), numbered from `firstLine`. Empty lines are skipped; a line whose fields do not match the
 * header's count, or whose quoting is broken, is reported as malformed.
 */
export function* csvLines(text: string, firstLine: number, columnCount: number): Generator<CsvLine> {
  let line = firstLine;
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const stop = end > at && text.charCodeAt(end - 1) === 0x0d ? end - 1 : end;
    if (stop > at) {
      const fields = splitLine(text.slice(at, stop));
      yield fields && fields.length === columnCount ? { line, fields } : { line, malformed: true };
    }
    line++;
    at = end + 1;
  }
}
