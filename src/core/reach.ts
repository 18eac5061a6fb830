/**
 * Reach: how many notices went out and how many were opened, by channel and by the answer each carried,
 * and how the opened share grew day by day. Counts in, figures out; nothing here can name a person or
 * a code. The counts come from src/data/reach.ts; the CLI's `reach` and the admin page /agent/reach
 * print the same figures from here.
 */
import type { AnswerKind } from './decide.ts';

export const CHANNELS = ['email', 'letter', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

/** In the order the figures list them: the definite answers first, then the open ones. */
export const ANSWER_KINDS: readonly AnswerKind[] = ['affected', 'not_affected', 'under_investigation', 'no_exposure_confirmed'];

/** Notices of one channel and answer; `answer` is null for notices issued before answers were recorded. */
export interface ReachCell {
  readonly channel: Channel;
  readonly answer: AnswerKind | null;
  readonly issued: number;
  readonly opened: number;
}

/** Notices issued on a UTC day, and notices first opened on it (whenever they were issued). */
export interface ReachDayCount {
  readonly day: string;
  readonly issued: number;
  readonly opened: number;
}

/** The aggregate counters of one UTC day (src/lookup/stats.ts): every link opening counts there, not just the first. */
export interface DayActivity {
  readonly day: string;
  readonly lookups: number;
  readonly affected: number;
  readonly noticeOpens: number;
  readonly verifyChecks: number;
}

export interface ReachCounts {
  readonly cells: readonly ReachCell[];
  readonly days: readonly ReachDayCount[];
  readonly activity: readonly DayActivity[];
}

export interface Reached {
  readonly issued: number;
  readonly opened: number;
  /** opened / issued, from 0 to 1; null when nothing was issued. */
  readonly share: number | null;
}

/** One UTC day: its counters, and the notices issued and opened up to and including it. */
export interface ReachDay extends DayActivity, Reached {}

export interface ReachReport {
  readonly total: Reached;
  /** Every channel, in CHANNELS order, even with nothing issued. */
  readonly byChannel: readonly (Reached & { readonly channel: Channel })[];
  /** Every answer kind, then "not recorded" (null) only when such notices exist. */
  readonly byAnswer: readonly (Reached & { readonly answer: AnswerKind | null })[];
  readonly cells: readonly ReachCell[];
  /** Every UTC day from the first notice or counter to `today`, none skipped. */
  readonly days: readonly ReachDay[];
  /** The first UTC day a notice was issued, or null. */
  readonly firstNotice: string | null;
  readonly verifyChecks: number;
}

const DAY_MS = 86_400_000;

function reached(issued: number, opened: number): Reached {
  return { issued, opened, share: issued === 0 ? null : opened / issued };
}

function sum(cells: readonly ReachCell[]): Reached {
  return reached(
    cells.reduce((n, c) => n + c.issued, 0),
    cells.reduce((n, c) => n + c.opened, 0),
  );
}

/** YYYY-MM-DD days from `first` to `last`, inclusive, in UTC. */
function daysBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`), end = Date.parse(`${last}T00:00:00Z`); t <= end; t += DAY_MS) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The reach figures from the counts, up to `today` (a UTC YYYY-MM-DD).
 *
 * @example
 * summariseReach({ cells: [{ channel: 'email', answer: 'affected', issued: 4, opened: 1 }], days: [], activity: [] }, '2026-11-21').total
 * // { issued: 4, opened: 1, share: 0.25 }
 */
export function summariseReach(counts: ReachCounts, today: string): ReachReport {
  const { cells } = counts;
  const unrecorded = cells.filter((c) => c.answer === null);
  const byAnswer = [
    ...ANSWER_KINDS.map((answer) => ({ answer, ...sum(cells.filter((c) => c.answer === answer)) })),
    ...(unrecorded.length > 0 ? [{ answer: null, ...sum(unrecorded) }] : []),
  ];
  const perDay = new Map(counts.days.map((d) => [d.day, d]));
  const activity = new Map(counts.activity.map((a) => [a.day, a]));
  const known = [...perDay.keys(), ...activity.keys()].sort();
  const firstNotice = counts.days.filter((d) => d.issued > 0).map((d) => d.day).sort()[0] ?? null;
  const days: ReachDay[] = [];
  if (known.length > 0) {
    // A clock behind the data (or counts dated ahead of it) must not cut days off the end.
    const last = [known.at(-1)!, today].sort().at(-1)!;
    let issued = 0;
    let opened = 0;
    for (const day of daysBetween(known[0]!, last)) {
      issued += perDay.get(day)?.issued ?? 0;
      opened += perDay.get(day)?.opened ?? 0;
      const a = activity.get(day);
      days.push({
        day,
        lookups: a?.lookups ?? 0,
        affected: a?.affected ?? 0,
        noticeOpens: a?.noticeOpens ?? 0,
        verifyChecks: a?.verifyChecks ?? 0,
        ...reached(issued, opened),
      });
    }
  }
  return {
    total: sum(cells),
    byChannel: CHANNELS.map((channel) => ({ channel, ...sum(cells.filter((c) => c.channel === channel)) })),
    byAnswer,
    cells,
    days,
    firstNotice,
    verifyChecks: counts.activity.reduce((n, a) => n + a.verifyChecks, 0),
  };
}

/**
 * A share as a percentage with one decimal, or an en dash when there is nothing to divide.
 *
 * @example
 * percent(1 / 3) // "33.3%"
 */
export function percent(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1)}%`;
}
