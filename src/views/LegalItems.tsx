import { legalSections, type LegalSource } from '../answer-text/legal-notice.ts';
import type { Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';

/**
 * The incident's legal items (cause, secondary harm, measures, dates, contact point, …) on its page, so
 * the page itself carries what a notice would: where a person cannot be reached, the published page
 * and its check are the substitute (APPI 代替措置, GDPR Art. 34(3)(c), California's website posting).
 * Nothing when the incident file gives none of them.
 */
export function LegalItems({ incident, locale }: { incident: LegalSource; locale: Locale }) {
  const { sections } = legalSections(incident, locale, null);
  if (sections.length === 0) return null;
  return (
    <section class="legal" aria-labelledby="legal">
      <h2 id="legal">{messages(locale).legal.pageTitle}</h2>
      {sections.map((s) => (
        <div class={`legal-item ${s.key.replaceAll('_', '-')}`}>
          <h3>{s.heading}</h3>
          {s.lines.map((line) => (
            <p>{line}</p>
          ))}
        </div>
      ))}
    </section>
  );
}
