import type { IncidentContent, Locale } from '../core/incident.ts';
import { messages } from '../i18n/messages.ts';

/** What the company will never ask for, and the only channels it uses: shown beside every answer. */
export function Trust({ contacts, locale }: { contacts: IncidentContent['contacts']; locale: Locale }) {
  const m = messages(locale);
  const { senders, phones } = contacts;
  return (
    <>
      <section class="never" aria-labelledby="never-ask">
        <h2 id="never-ask">{m.neverAsk.title}</h2>
        <ul>
          {m.neverAsk.items.map((item) => (
            <li>{item}</li>
          ))}
        </ul>
      </section>
      <section class="contacts" aria-labelledby="contacts">
        <h2 id="contacts">{m.contacts.title}</h2>
        <dl>
          {senders.length > 0 && (
            <>
              <dt>{m.contacts.senders}</dt>
              {senders.map((s) => (
                <dd>{s}</dd>
              ))}
            </>
          )}
          {phones.length > 0 && (
            <>
              <dt>{m.contacts.phones}</dt>
              {phones.map((p) => (
                <dd>
                  <a href={`tel:${p.number.replace(/[^0-9+]/g, '')}`}>{p.number}</a> ({p.hours[locale]})
                </dd>
              ))}
            </>
          )}
        </dl>
      </section>
    </>
  );
}
