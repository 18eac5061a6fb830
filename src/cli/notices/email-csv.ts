/**
 * The email channel: the mail-merge CSV, one row per recipient with the subject and the plain-text body
 * (src/answer-text/notice-email.ts). The file is its own manifest: the manifest columns follow `body`,
 * so the first eight columns stay where mail-merge templates and scripts expect them.
 */
import { noticeText } from '../../answer-text/notice-email.ts';
import type { Jurisdiction } from '../../core/legal-items.ts';
import { type Channel, CsvOut, MANIFEST_COLUMNS, manifestRow, type ManifestRow, type Notice, type NoticeSink, noticeTextInput } from './sink.ts';

const COLUMNS = ['email', 'locale', 'answer', 'affected', 'code', 'link', 'subject', 'body', ...MANIFEST_COLUMNS.slice(6)] as const;
type EmailRow = ManifestRow & { subject: string; body: string };

/** `jurisdiction`: the law whose items and headings each body carries after the answer (legal-notice.ts). */
export function emailChannel(out: string, jurisdiction?: Jurisdiction): Channel {
  return {
    name: 'email',
    needs: [],
    unreachable: () => null,
    outputs: [out],
    open(): NoticeSink {
      const csv = new CsvOut<EmailRow>(out, COLUMNS);
      return {
        async write(n: Notice) {
          const text = noticeText({ ...noticeTextInput(n), jurisdiction });
          await csv.write({ ...manifestRow(n), subject: text.subject, body: text.body });
        },
        commit: () => csv.commit(),
        discard: () => csv.discard(),
      };
    },
  };
}
