import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';

export interface LayoutProps {
  locale: Locale;
  title: string;
  /** Path of this page (no query), for the language switch. Null where switching would lose a POSTed answer. */
  path: string;
  /** A same-origin script from public/ (the CSP allows no other), for pages that enhance themselves with one. */
  script?: string | undefined;
  /** A fictional incident's page: a small badge in the footer says so. */
  demo?: boolean | undefined;
  children: Child;
}

/** The page frame: language switch, one main landmark, no inline script and no third-party resource. */
export function Layout({ locale, title, path, script, demo, children }: LayoutProps) {
  const m = messages(locale);
  const other: Locale = locale === 'ja' ? 'en' : 'ja';
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} | ${m.siteName}`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/styles.css" />
        {script && <script src={script} defer></script>}
      </head>
      <body>
        <a class="skip" href="#main">
          {m.skipToContent}
        </a>
        <header class="site">
          <a class="brand" href={`/?lang=${locale}`}>
            {m.siteName}
          </a>
          <div class="site-links">
            <a href={`/verify?lang=${locale}`}>{m.verify.navLabel}</a>
            <nav aria-label={m.languageSwitchLabel}>
              <a href={`${path}?lang=${other}`} hreflang={other} lang={other}>
                {m.languageSwitch}
              </a>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer class="site">
          <p>{m.footer}</p>
          {demo && <p class="demo-badge">{m.demoBadge}</p>}
        </footer>
      </body>
      </html>
    </>
  );
}
