/**
 * Streams an affected-list CSV: validates the header, reads each row through the shared RowReader and
 * hands accepted entries on. Rejections are kept as counts and the first line numbers per reason; no
 * value from the file is ever kept or printed.
 */
import { createReadStream, statSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { type AffectedRow, FACTOR_COLUMNS, type RowReader, type RowRejection, StoreLabels } from '../../core/affected-set.ts';
import type { SecondFactor } from '../../core/normalise.ts';
import type { BuiltEntry } from '../../core/affected-set.ts';

export type ListRejection = RowRejection | 'malformed_csv';

export interface ReadReport {
  rowsRead: number;
  accepted: number;
  rejected: Partial<Record<ListRejection, { count: number; lines: number[] }>>;
}

export class BadListHeader extends Error {
  override name = 'BadListHeader';
}

const LINES_KEPT_PER_REASON = 20;

function reject(report: ReadReport, reason: ListRejection, line: number) {
  const r = (report.rejected[reason] ??= { count: 0, lines: [] });
  r.count++;
  if (r.lines.length < LINES_KEPT_PER_REASON) r.lines.push(line);
}

export async function readList(
  file: string,
  reader: RowReader,
  stores: StoreLabels,
  secondFactor: SecondFactor | undefined,
  onEntry: (entry: BuiltEntry) => Promise<void> | void,
  onProgress: (bytesRead: number, totalBytes: number, rows: number) => void = () => {},
): Promise<ReadReport> {
  const totalBytes = statSync(file).size;
  const report: ReadReport = { rowsRead: 0, accepted: 0, rejected: {} };
  const input = createReadStream(file);
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase());
        if (!names.includes('groups') || !(names.includes('email') || names.includes('order_id'))) {
          throw new BadListHeader(
            `The first line must name the columns: "groups" and at least one of "email" and "order_id" (found: ${names.join(', ')}).`,
          );
        }
        const factorColumn = secondFactor && FACTOR_COLUMNS[secondFactor];
        if (factorColumn && !(names.includes('email') && names.includes(factorColumn))) {
          throw new BadListHeader(
            `This incident asks for a second factor: the first line must name the columns "email", "${factorColumn}" and "groups" (found: ${names.join(', ')}).`,
          );
        }
        return names;
      },
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
      // A row with a stray quote or a wrong number of fields is reported and skipped, not fatal.
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (err: CsvError) => {
    report.rowsRead++;
    reject(report, 'malformed_csv', Number(err.lines ?? 0));
  });
  for await (const { record, info } of parser as AsyncIterable<{ record: AffectedRow; info: { lines: number } }>) {
    report.rowsRead++;
    const read = reader.read(record);
    if (!read.ok) {
      reject(report, read.reason, info.lines);
      continue;
    }
    report.accepted++;
    const store = stores.id(read.store);
    for (const hash of read.hashes) await onEntry({ hash, groups: read.mask, store });
    if (report.rowsRead % 5000 === 0) onProgress(input.bytesRead, totalBytes, report.rowsRead);
  }
  onProgress(totalBytes, totalBytes, report.rowsRead);
  return report;
}
