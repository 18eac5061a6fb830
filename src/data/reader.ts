/**
 * How the public reads reach D1. Every file of src/data holds plain functions over a D1Database for one
 * group of tables, shared by the Worker and the operator CLI and mapping rows to domain types.
 * Identifiers never appear in src/data in plaintext; only keyed hashes do.
 */
import { lockTolerant } from './locked-retry.ts';

/**
 * What a read-only query needs: a database or a D1 session (a session has no exec or dump). The public
 * reads (incidents, entries, codes) take this, so they can run on a read replica; writes take the
 * D1Database itself.
 */
export type D1Reader = Pick<D1Database, 'prepare' | 'batch'>;

/**
 * A session for the reads of one public request (a lookup, a notice link, a page). With D1 read
 * replication on, its first query may go to the nearest replica instead of the primary, and the
 * session keeps its later queries at least as current as that one, so an incident and its entries are
 * read from the same state. A replica can lag the primary by a moment: right after an import a lookup
 * may still answer from the previous dataset, never from a mix of the two (the lookup's one read
 * returns the dataset it answered from, and the cached incident must match it). Without replication
 * every session reads the primary, as before. Writes (the agent's audited lookup, counters, contact
 * codes) always go to the primary through the binding itself. A read that meets the database locked by
 * a local import is retried for a moment (locked-retry.ts) instead of failing.
 */
export function publicReads(db: D1Database): D1Reader {
  return lockTolerant(db.withSession('first-unconstrained'));
}
