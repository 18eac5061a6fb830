import type { Context, MiddlewareHandler } from 'hono';
import { languageDetector } from 'hono/language';
import { LOCALES, type Locale } from '../core/incident.ts';
import { DEFAULT_LOCALE, isLocale } from '../i18n/messages.ts';

/**
 * Picks the request's language: `?lang=` (the language switch and the forms' actions carry it), then
 * Accept-Language, then Japanese. Nothing is remembered between requests: no cookie to consent to.
 */
export function detectLocale(): MiddlewareHandler {
  return languageDetector({
    supportedLanguages: [...LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    order: ['querystring', 'header'],
    lookupQueryString: 'lang',
    caches: false,
  });
}

/**
 * The request's locale, as a Locale. Hono types the detected language as any string; this is the one
 * place that narrows it, and a request the detector never saw (an error before it ran) gets the default.
 *
 * @example
 * return c.html(<VerifyPage locale={locale(c)} contacts={contacts} />);
 */
export function locale(c: Context): Locale {
  const chosen = c.get('language');
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}
