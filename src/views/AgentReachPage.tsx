import type { Child } from 'hono/jsx';
import type { Locale } from '../core/incident.ts';
import { percent, type Reached, type ReachReport } from '../core/reach.ts';
import type { IncidentSummary } from '../data/incidents.ts';
import { messages } from '../i18n/messages.ts';
import { IncidentSelect } from './AgentConsolePage.tsx';
import { Layout } from './Layout.tsx';
import { ReachChart } from './ReachChart.tsx';

export interface AgentReachPageProps {
  locale: Locale;
  incidents: readonly IncidentSummary[];
  /** The incident shown, or undefined when none is published (or the one asked for is unknown). */
  selected: string | undefined;
  report: ReachReport | null;
  /** A refusal to show above the figures, already in words. */
  error?: string | undefined;
}

/**
 * A table that may scroll sideways on a small screen: its wrapper is a named region that takes the
 * keyboard focus, so the hidden columns can be reached without a mouse.
 */
function ScrollTable({ id, caption, children }: { id: string; caption: string; children: Child }) {
  return (
    <div class="table" role="region" tabindex={0} aria-labelledby={`${id}-caption`}>
      <table id={id} class="figures">
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

function ReachedCells({ r, locale }: { r: Reached; locale: Locale }) {
  return (
    <>
      <td class="num">{r.issued.toLocaleString(locale)}</td>
      <td class="num">{r.opened.toLocaleString(locale)}</td>
      <td class="num">{percent(r.share)}</td>
    </>
  );
}

/** Notices issued and opened, one row per channel or answer. */
function ReachedTable(props: { id: string; caption: string; first: string; rows: readonly { label: string; r: Reached }[]; locale: Locale }) {
  const col = messages(props.locale).reach.columns;
  return (
    <ScrollTable id={props.id} caption={props.caption}>
      <thead>
        <tr>
          <th scope="col">{props.first}</th>
          <th scope="col">{col.issued}</th>
          <th scope="col">{col.opened}</th>
          <th scope="col">{col.share}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map(({ label, r }) => (
          <tr>
            <th scope="row">{label}</th>
            <ReachedCells r={r} locale={props.locale} />
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Figures({ report, locale }: { report: ReachReport; locale: Locale }) {
  const m = messages(locale).reach;
  const col = m.columns;
  const num = (v: number) => v.toLocaleString(locale);
  const days = report.days;
  const from = days[0]?.day ?? '';
  const to = days.at(-1)?.day ?? '';
  const sum = (f: (d: (typeof days)[number]) => number) => num(days.reduce((n, d) => n + f(d), 0));
  const last = days.at(-1);
  return (
    <>
      <p id="reach-summary">
        {report.total.issued === 0 ? m.none : m.summary(num(report.total.issued), num(report.total.opened), percent(report.total.share))}
      </p>
      <ReachedTable
        id="reach-channels"
        caption={m.byChannel}
        first={col.channel}
        rows={report.byChannel.map((c) => ({ label: m.channels[c.channel], r: c }))}
        locale={locale}
      />
      <ReachedTable
        id="reach-answers"
        caption={m.byAnswer}
        first={col.answer}
        rows={report.byAnswer.map((a) => ({ label: m.answers[a.answer ?? 'unrecorded'], r: a }))}
        locale={locale}
      />
      <p>{m.verifyChecks(num(report.verifyChecks))}</p>
      {days.length > 0 && (
        <>
          <h2>{m.activityTitle}</h2>
          <ReachChart
            id="activity"
            title={m.activityTitle}
            desc={m.activityDesc(from, to, sum((d) => d.lookups), sum((d) => d.affected), sum((d) => d.noticeOpens))}
            days={days.map((d) => d.day)}
            scale="count"
            locale={locale}
            series={[
              { name: 'lookups', label: col.lookups, values: days.map((d) => d.lookups) },
              { name: 'affected', label: col.affected, values: days.map((d) => d.affected) },
              { name: 'opens', label: col.noticeOpens, values: days.map((d) => d.noticeOpens) },
            ]}
          />
          <h2>{m.shareTitle}</h2>
          <ReachChart
            id="share"
            title={m.shareTitle}
            desc={m.shareDesc(from, to, percent(last!.share))}
            days={days.map((d) => d.day)}
            scale="share"
            locale={locale}
            series={[{ name: 'share', label: col.share, values: days.map((d) => d.share ?? 0) }]}
          />
          <p class="hint">{m.countersNote}</p>
          <ScrollTable id="reach-days" caption={m.daysTitle}>
            <thead>
              <tr>
                <th scope="col">{col.day}</th>
                <th scope="col">{col.lookups}</th>
                <th scope="col">{col.affected}</th>
                <th scope="col">{col.noticeOpens}</th>
                <th scope="col">{col.issuedSoFar}</th>
                <th scope="col">{col.openedSoFar}</th>
                <th scope="col">{col.share}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr>
                  <th scope="row">
                    <time datetime={d.day}>{d.day}</time>
                  </th>
                  <td class="num">{num(d.lookups)}</td>
                  <td class="num">{num(d.affected)}</td>
                  <td class="num">{num(d.noticeOpens)}</td>
                  <ReachedCells r={d} locale={locale} />
                </tr>
              ))}
            </tbody>
          </ScrollTable>
        </>
      )}
    </>
  );
}

/** Reach for administrators: notices issued and opened, by channel and answer, and day by day. Numbers only. */
export function AgentReachPage({ locale, incidents, selected, report, error }: AgentReachPageProps) {
  const m = messages(locale);
  return (
    <Layout locale={locale} title={m.reach.title} path="/agent/reach">
      <h1>{m.reach.title}</h1>
      <p>
        <a href={`/agent?lang=${locale}`}>{m.agent.title}</a>
      </p>
      <p class="hint">{m.reach.intro}</p>
      {incidents.length === 0 ? (
        <p>{m.reach.noIncidents}</p>
      ) : (
        <form method="get" action="/agent/reach" class="check filters">
          <input type="hidden" name="lang" value={locale} />
          <label for="incident">{m.reach.incidentLabel}</label>
          <IncidentSelect id="incident" incidents={incidents} selected={selected} locale={locale} />
          <button type="submit">{m.reach.show}</button>
        </form>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && <Figures report={report} locale={locale} />}
    </Layout>
  );
}
