/**
 * The remembered dates: the counters' day made once per UTC day must still turn at midnight (and follow
 * a clock set back), and a remembered ISO day must not answer for another time zone or style.
 */
import { describe, expect, it } from 'vitest';
import { formatDay, isoDay, utcDay, utcToday } from '../../src/core/dates.ts';

describe('utcToday', () => {
  it('is utcDay of the moment, across midnight and when the clock goes back', () => {
    const midnight = Date.UTC(2026, 10, 30);
    for (const t of [midnight - 1, midnight, midnight + 1, midnight + 86_399_999, midnight + 86_400_000, midnight - 86_400_001, midnight]) {
      expect(utcToday(t)).toBe(utcDay(new Date(t)));
    }
  });
});

describe('remembered days', () => {
  it('keeps each time zone and style apart', () => {
    const instant = '2026-11-30T20:00:00Z';
    expect(isoDay(instant, 'UTC')).toBe('2026-11-30');
    expect(isoDay(instant, 'Asia/Tokyo')).toBe('2026-12-01');
    expect(isoDay(instant, 'UTC')).toBe('2026-11-30');
    expect(formatDay(instant, 'en', 'UTC')).toBe('30 November 2026');
    expect(formatDay(instant, 'en', 'Asia/Tokyo')).toBe('1 December 2026');
  });
});
