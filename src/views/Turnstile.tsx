import type { Locale } from '../core/incident.ts';

/** Where Turnstile's script is served and its tokens are verified; the CSP allows it when the check is on. */
export const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

/** The Turnstile widget, rendered only when the bot check is configured (the CSP then allows its origin). */
export function Turnstile({ siteKey, locale }: { siteKey: string | null; locale: Locale }) {
  if (!siteKey) return null;
  return (
    <>
      <div class="cf-turnstile" data-sitekey={siteKey} data-language={locale}></div>
      <script src={`${TURNSTILE_ORIGIN}/turnstile/v0/api.js`} async defer></script>
    </>
  );
}
