/**
 * Dates as customers read them: "2026年11月21日" / "21 November 2026", in the company's time zone
 * (Asia/Tokyo unless configured), so a notice date matches the day printed on the notice.
 */
import type { Locale } from './incident.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

const tags: Record<Locale, string> = { ja: 'ja-JP', en: 'en-GB' };

/**
 * One formatter per style, locale and time zone, made once. Each Intl.DateTimeFormat holds about 25 KB
 * of ICU memory outside the JavaScript heap, which the garbage collector does not count: made per call,
 * 10,000 notices (a few dates each) left the CLI holding over a gigabyte.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(style: 'day' | 'time' | 'iso', locale: Locale, timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${locale} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f =
      style === 'iso'
        ? // en-CA writes a day as YYYY-MM-DD, whatever the reader's locale.
          new Intl.DateTimeFormat('en-CA', { timeZone })
        : style === 'day'
        ? new Intl.DateTimeFormat(tags[locale], { dateStyle: 'long', timeZone })
        : // dateStyle cannot be combined with timeZoneName, so the fields are spelled out.
          new Intl.DateTimeFormat(tags[locale], {
            year: 'numeric',
            month: 'long',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZone,
            timeZoneName: 'short',
          });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Formatted days, remembered: every answer prints the same few dates of its incident (status, list,
 * latest update, the JSON API's list date), and formatting one costs ICU about ten microseconds, a
 * visible share of a lookup. Bounded, so a notice run's many instants cannot grow it without end.
 */
const days = new Map<string, string>();
const MAX_REMEMBERED_DAYS = 512;

function rememberedDay(style: 'day' | 'iso', iso: string, locale: Locale, timeZone: string): string {
  const key = `${style} ${locale} ${timeZone} ${iso}`;
  let text = days.get(key);
  if (text === undefined) {
    text = formatter(style, locale, timeZone).format(new Date(iso));
    if (days.size >= MAX_REMEMBERED_DAYS) days.clear();
    days.set(key, text);
  }
  return text;
}

export function formatDay(iso: string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  return rememberedDay('day', iso, locale, timeZone);
}

export function formatTime(iso: string, locale: Locale, timeZone = DEFAULT_TIME_ZONE): string {
  return formatter('time', locale, timeZone).format(new Date(iso));
}

/** The calendar day (YYYY-MM-DD) of an instant in the portal's time zone, as the JSON API gives dates. */
export function isoDay(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return rememberedDay('iso', iso, 'en', timeZone);
}

/** The UTC day of an instant, as stored in the counters. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;
let today = { day: '', ends: 0 };

/**
 * The UTC day of the present moment: utcDay(new Date()), made once per day instead of once per call,
 * since the counters ask it on every lookup.
 */
export function utcToday(now = Date.now()): string {
  if (now >= today.ends || now < today.ends - DAY_MS) {
    today = { day: utcDay(new Date(now)), ends: (Math.floor(now / DAY_MS) + 1) * DAY_MS };
  }
  return today.day;
}
