/**
 * Aggregate counters (lookups, affected answers, notice links opened, verify checks) per incident and
 * UTC day. Counting must not cost the lookup its single read, so counts gather in the isolate and are
 * written in one batch after the response (waitUntil), at most every STATS_FLUSH_SECONDS. An isolate
 * that is evicted before its next flush loses those last few seconds of counts: the figures are for
 * watching trends, not for billing.
 */
import type { Context } from 'hono';
import type { Answer } from '../core/decide.ts';
import { utcToday } from '../core/dates.ts';
import { addStats, type StatCounts, type StatField } from '../data/stats.ts';
import { config } from '../config.ts';
import type { AppBindings } from '../env.ts';

const pending = new Map<string, Partial<StatCounts>>();
let lastFlush = Date.now();
let flushing: Promise<void> | null = null;

/** Counts one event. Never throws: a counter must not turn an answer into an error. */
export function count(c: Context<AppBindings>, incident: string, ...fields: StatField[]): void {
  try {
    const every = config(c.env).statsFlushSeconds * 1000;
    const now = Date.now();
    const key = `${incident}\n${utcToday(now)}`;
    const counts = pending.get(key) ?? {};
    for (const f of fields) counts[f] = (counts[f] ?? 0) + 1;
    pending.set(key, counts);
    if (flushing || now - lastFlush < every) return;
    const rows = [...pending].map(([k, counts]) => {
      const [incident, day] = k.split('\n') as [string, string];
      return { incident, day, counts };
    });
    pending.clear();
    lastFlush = now;
    flushing = addStats(c.env.DB, rows)
      .catch((err: unknown) => {
        // Put the counts back for the next flush; log the failure without any request detail.
        for (const r of rows) {
          const key = `${r.incident}\n${r.day}`;
          const back = pending.get(key) ?? {};
          for (const [f, n] of Object.entries(r.counts) as [StatField, number][]) back[f] = (back[f] ?? 0) + n;
          pending.set(key, back);
        }
        console.error(JSON.stringify({ event: 'stats_flush_failed', cause: err instanceof Error ? err.name : typeof err }));
      })
      .finally(() => {
        flushing = null;
      });
    c.executionCtx.waitUntil(flushing);
  } catch {
    // No execution context (unit use), a clock problem or a bad STATS_FLUSH_SECONDS (logged once by
    // src/config.ts): counting is best effort, and never makes an answer an error.
  }
}

/** Counts an answer given (a lookup or an opened notice link), and whether it said "affected". */
export function countAnswer(c: Context<AppBindings>, incident: string, event: 'lookups' | 'notice_opens', answer: Pick<Answer, 'kind'>): void {
  if (answer.kind === 'affected') count(c, incident, event, 'affected');
  else count(c, incident, event);
}

/** Counts a verify check; codes we never issued belong to no incident (''). */
export function countVerify(c: Context<AppBindings>, incident: string | null): void {
  count(c, incident ?? '', 'verify_checks');
}
