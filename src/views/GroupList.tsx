import type { ExposureGroup, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';

/** Exposure groups with their period, data classes and certainty. */
export function GroupList({ groups, locale }: { groups: readonly ExposureGroup[]; locale: Locale }) {
  const m = messages(locale);
  return (
    <ul class="groups">
      {groups.map((g) => (
        <li>
          <h3>{g.label[locale]}</h3>
          <p class={`certainty ${g.certainty}`}>{m.certainty[g.certainty]}</p>
          <p>
            {m.incident.period}: <time datetime={g.period.from}>{g.period.from}</time>
            {g.period.to ? (
              <>
                {' – '}
                <time datetime={g.period.to}>{g.period.to}</time>
              </>
            ) : (
              ` ${m.incident.periodOpen}`
            )}
          </p>
          <p>
            {m.incident.dataClasses}: {g.dataClasses.map((dc) => m.dataClasses[dc]).join(locale === 'ja' ? '、' : ', ')}
          </p>
        </li>
      ))}
    </ul>
  );
}
