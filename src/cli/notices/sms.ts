/**
 * The SMS channel: a CSV of `phone` and `text` for an SMS gateway, followed by the manifest columns.
 * Each text fits one segment (src/answer-text/sms-text.ts); one that cannot, for any recipient, refuses
 * the whole run before a single code is stored, so no one gets a notice the others did not.
 * Phone numbers are written as a gateway takes them: digits, "+" first where given, separators dropped
 * (manifestRow, noticeCsvCast).
 */
import { smsText } from '../../answer-text/sms-text.ts';
import { smsPhone } from './recipients.ts';
import { type Channel, CsvOut, MANIFEST_COLUMNS, manifestRow, type ManifestRow, type Notice, type NoticeSink, noticeTextInput } from './sink.ts';

const COLUMNS = ['phone', 'text', ...MANIFEST_COLUMNS.filter((c) => c !== 'phone')] as const;
type SmsRow = ManifestRow & { text: string };

function text(n: Notice) {
  return smsText(noticeTextInput(n));
}

export function smsChannel(out: string): Channel {
  return {
    name: 'sms',
    needs: ['phone'],
    unreachable: (r) => (!r.phone ? 'no_phone' : smsPhone(r.phone) ? null : 'invalid_phone'),
    refusal(n) {
      const t = text(n);
      return t.fits ? null : `the text is longer than one SMS segment (${t.limit} ${t.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2'} characters)`;
    },
    refusalHelp:
      'A shorter --base-url (a short host of its own) or shorter store labels (in the list or the recipients file) make the texts fit; or reach these recipients by letter or email.',
    outputs: [out],
    open(): NoticeSink {
      const csv = new CsvOut<SmsRow>(out, COLUMNS);
      return {
        async write(n: Notice) {
          const t = text(n);
          // Checked for every recipient before any code was stored; reaching here unfit is a bug.
          if (!t.fits) throw new Error('an SMS text longer than one segment reached the writer');
          await csv.write({ ...manifestRow(n), text: t.text });
        },
        commit: () => csv.commit(),
        discard: () => csv.discard(),
      };
    },
  };
}
