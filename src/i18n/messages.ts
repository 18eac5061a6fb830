/**
 * Message catalogues and locale choice. Words live in ja-*.ts and en-*.ts (pages, notices, agent), joined
 * in ja.ts and en.ts; everything else asks here.
 */
import type { Locale } from '../core/incident.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export type Messages = typeof ja;

const catalogues: Record<Locale, Messages> = { ja, en };

export function messages(locale: Locale): Messages {
  return catalogues[locale];
}

/** The locale customers get when neither the page nor their browser says otherwise. */
export const DEFAULT_LOCALE: Locale = 'ja';

export function isLocale(value: unknown): value is Locale {
  return value === 'ja' || value === 'en';
}
