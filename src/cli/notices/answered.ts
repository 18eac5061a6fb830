/**
 * The recipients of a `notices` run, answered: the file streamed, each email normalised and hashed as
 * every lookup hashes it, then in batches the active dataset's entries read in one round trip and each
 * answer decided. Nothing here writes: issuing stores codes and writes files, a check or a preview does
 * neither.
 */
import { decide, type Answer } from '../../core/decide.ts';
import type { Incident } from '../../core/incident.ts';
import { keyedHasher, type Pepper } from '../../core/keyed-hash.ts';
import { entriesFor } from '../../data/entries.ts';
import { readRecipients, type Recipient, type RecipientRejection } from './recipients.ts';
import type { Channel } from './sink.ts';

/** Recipients answered per round trip. */
export const BATCH = 500;

export interface Answered {
  readonly recipient: Recipient;
  readonly answer: Answer;
  /** The store the recipient knows: the list's label for affected people, the recipients file's otherwise. */
  readonly store: string | null;
}

export interface AnsweredOptions {
  readonly db: D1Database;
  readonly incident: Incident;
  /** Whether the answer reads the active list (see listUse). */
  readonly usesList: boolean;
  readonly pepper: Pepper;
  readonly path: string;
  readonly channel: Channel;
  readonly reject: (reason: RecipientRejection, line: number) => void;
  readonly onRow: (share: number) => void;
}

export async function* answeredBatches(o: AnsweredOptions): AsyncGenerator<Answered[]> {
  const { incident } = o;
  const factor = incident.content.lookup.secondFactor;
  const recipients = readRecipients({
    path: o.path,
    slug: incident.slug,
    factor,
    rules: { secondFactor: factor, orderIdPattern: incident.orderIdPattern },
    hash: keyedHasher(o.pepper),
    salt: incident.salt,
    needs: o.channel.needs,
    unreachable: (r) => o.channel.unreachable(r),
    reject: o.reject,
    onRow: o.onRow,
  });
  const answer = async (batch: Recipient[]): Promise<Answered[]> => {
    const entries = o.usesList ? await entriesFor(o.db, incident.activeDataset!, batch.map((r) => r.subject)) : new Map();
    return batch.map((recipient) => {
      const entry = entries.get(Buffer.from(recipient.subject).toString('hex')) ?? null;
      return { recipient, answer: decide(incident, o.usesList ? { entry } : null), store: entry?.store ?? recipient.store };
    });
  };
  let batch: Recipient[] = [];
  for await (const r of recipients) {
    batch.push(r);
    if (batch.length === BATCH) {
      yield await answer(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield await answer(batch);
}
