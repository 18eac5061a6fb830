/**
 * The open-outcome incidents the answer-box test needs and the demo does not have: investigating with
 * no list yet, investigating with a list the person is not on, and "no exposure confirmed". Each is
 * published through the operator CLI into the test portal's D1, under slugs no other test uses.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, scratchDir } from '../support/portal.ts';

export const SLUGS = {
  investigating: 'box-investigating',
  investigatingWithList: 'box-investigating-list',
  notConfirmed: 'box-not-confirmed',
} as const;

/** The day of the latest update: the "last update" date the open answers quote. */
export const LATEST_UPDATE = '2025-03-14';

function incident(slug: string, status: 'investigating' | 'not_confirmed', groups: unknown[]) {
  return {
    slug,
    status,
    company: { ja: 'テスト商店', en: 'Test Shop' },
    text: {
      ja: { title: `回答ボックスの試験用の事案（${slug}）`, summary: '試験用の架空の事案です。', whatHappened: '試験用の架空の事案です。' },
      en: { title: `Answer box test incident (${slug})`, summary: 'A fictional incident for tests.', whatHappened: 'A fictional incident for tests.' },
    },
    updates: [
      { date: '2025-03-10', text: { ja: '不審なアクセスを検知しました。', en: 'We detected suspicious access.' } },
      { date: LATEST_UPDATE, text: { ja: '外部の専門機関と調査を続けています。', en: 'We are investigating with an external firm.' } },
    ],
    groups,
    contacts: { senders: ['notice@example.com'], phones: [{ number: '0120-000-000', hours: { ja: '平日 9:00〜18:00', en: 'Weekdays 9:00–18:00 JST' } }] },
    lookup: { mode: 'open' },
  };
}

const MEMBERS = {
  code: 'members',
  label: { ja: '会員登録されたお客様', en: 'Registered members' },
  period: { from: '2024-01-01' },
  dataClasses: ['email', 'name'],
  certainty: 'confirmed',
};

/**
 * Publishes the three incidents and imports the one list (someone other than the person the test
 * types). Returns the instants just before and after the import, between which the list's date lies.
 */
export async function publishOpenIncidents(): Promise<{ listFrom: Date; listTo: Date }> {
  const work = scratchDir('box');
  const files = [
    incident(SLUGS.investigating, 'investigating', []),
    incident(SLUGS.investigatingWithList, 'investigating', [MEMBERS]),
    incident(SLUGS.notConfirmed, 'not_confirmed', []),
  ].map((def) => {
    const file = join(work, `${def.slug}.incident.json`);
    writeFileSync(file, JSON.stringify(def));
    return file;
  });
  // One at a time: they write to the same local D1.
  for (const file of files) await cli('incident', 'publish', file);
  const list = join(work, 'list.csv');
  writeFileSync(list, 'email,groups\nlisted@example.com,members\n');
  const listFrom = new Date();
  await cli('import', '--incident', SLUGS.investigatingWithList, '--file', list);
  return { listFrom, listTo: new Date() };
}
