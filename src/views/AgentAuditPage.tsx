import { formatTime } from '../core/dates.ts';
import type { Locale } from '../core/incident.ts';
import type { AuditRow } from '../data/audit.ts';
import { messages } from '../i18n/messages.ts';
import { Layout } from './Layout.tsx';

export interface AuditFilterFields {
  agent?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  flagged?: boolean | undefined;
}

export interface AgentAuditPageProps {
  locale: Locale;
  rows: readonly AuditRow[];
  filter: AuditFilterFields;
  maxRows: number;
  timeZone: string;
}

/** The audit log for administrators: who looked up what kind of identifier, when, and what they were told. */
export function AgentAuditPage({ locale, rows, filter, maxRows, timeZone }: AgentAuditPageProps) {
  const m = messages(locale).agent;
  const col = m.auditColumns;
  return (
    <Layout locale={locale} title={m.auditTitle} path="/agent/audit">
      <h1>{m.auditTitle}</h1>
      <p>
        <a href={`/agent?lang=${locale}`}>{m.title}</a>
      </p>
      <form method="get" action="/agent/audit" class="check filters">
        <input type="hidden" name="lang" value={locale} />
        <label for="agent">{m.auditFilterAgent}</label>
        <input id="agent" name="agent" type="text" value={filter.agent} maxlength={254} />
        <label for="from">{m.auditFrom}</label>
        <input id="from" name="from" type="date" value={filter.from} />
        <label for="to">{m.auditTo}</label>
        <input id="to" name="to" type="date" value={filter.to} />
        <label class="checkbox">
          <input name="flagged" type="checkbox" value="1" checked={filter.flagged} /> {m.auditFlagged}
        </label>
        <button type="submit">{m.auditApply}</button>
      </form>
      <p class="hint">{m.auditShown(maxRows)}</p>
      {rows.length === 0 ? (
        <p>{m.auditNone}</p>
      ) : (
        <div class="table">
          <table>
            <thead>
              <tr>
                <th>{col.at}</th>
                <th>{col.agent}</th>
                <th>{col.action}</th>
                <th>{col.incident}</th>
                <th>{col.kind}</th>
                <th>{col.hash}</th>
                <th>{col.answer}</th>
                <th>{col.flag}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr class={r.overLimit ? 'flagged' : undefined}>
                  <td>
                    <time datetime={r.at}>{formatTime(r.at, locale, timeZone)}</time>
                  </td>
                  <td>{r.agent}</td>
                  <td>{m.actions[r.action]}</td>
                  <td>{r.incident}</td>
                  <td>{r.identifierKind ? (m.kinds[r.identifierKind as keyof typeof m.kinds] ?? r.identifierKind) : ''}</td>
                  <td>
                    <code>{r.hash?.slice(0, 12) ?? ''}</code>
                  </td>
                  <td>{r.answer}</td>
                  <td>{r.overLimit ? '●' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
