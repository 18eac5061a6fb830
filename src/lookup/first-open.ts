/**
 * Reach: the first time a notice link shows its answer, the code's row gets that UTC day, and nothing
 * else: no address, no browser, no count of later opens (the daily counters of src/lookup/stats.ts count
 * every opening, per incident only). The write runs after the answer is rendered and in the background
 * (waitUntil), so the page keeps its single read and never waits for it. It is best effort: a failed
 * write loses one date from the reach figures, which is no reason to withhold an answer, and its log
 * line names no code.
 */
import type { Context } from 'hono';
import { utcDay } from '../core/dates.ts';
import { markFirstOpened } from '../data/reach.ts';
import type { AppBindings } from '../env.ts';

function failed(err: unknown): void {
  console.error(JSON.stringify({ event: 'reach_write_failed', cause: err instanceof Error ? err.name : typeof err }));
}

/** Records that the notice with this code hash was opened today (UTC), unless it was opened before. Never throws. */
export function recordFirstOpen(c: Context<AppBindings>, hash: Uint8Array, now = new Date()): void {
  try {
    c.executionCtx.waitUntil(markFirstOpened(c.env.DB, hash, utcDay(now)).then(() => undefined, failed));
  } catch (err) {
    // No execution context, or a binding that throws before any promise exists.
    failed(err);
  }
}
