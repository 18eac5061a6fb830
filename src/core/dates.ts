/**
 * Dates as customers read them: "2026年11月21日" / "21 November 2026", in the company's time zone
 * (Asia/Tokyo unless configured), so a notice date matches the day printed on the notice.
 */
import type { Locale } from './incident.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

const tags: Record<Locale, string> = { ja: 'ja-JP', en: 'en-GB' };

export function formatDay(iso: string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat(tags[locale], { dateStyle: 'long', timeZone }).format(new Date(iso));
}

export function formatTime(iso: string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  // dateStyle cannot be combined with timeZoneName, so the fields are spelled out.
  return new Intl.DateTimeFormat(tags[locale], {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** The UTC day of an instant, as stored in the counters. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
