import { classLabel } from '../answer-text/steps.ts';
import type { ExposureGroup, Incident, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';

/** Exposure groups with their period, certainty and data classes, each worded for its own certainty. */
export function GroupList({ groups, incident, locale }: { groups: readonly ExposureGroup[]; incident: Pick<Incident, 'content'>; locale: Locale }) {
  const m = messages(locale);
  return (
    <ul class="groups">
      {groups.map((g) => (
        <li>
          <h3>{g.label[locale]}</h3>
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
          <p class={`certainty ${g.certainty}`}>
            {m.incident.dataClasses[g.certainty]}: {g.dataClasses.map((dc) => classLabel(dc, incident, locale)).join(locale === 'ja' ? '、' : ', ')}
          </p>
          {g.reason && <p class="reason">{g.reason[locale]}</p>}
        </li>
      ))}
    </ul>
  );
}
