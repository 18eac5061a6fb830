/**
 * The support console's pages: /agent (look up, reply text, contact codes), /agent/audit and
 * /agent/reach (admins) and the local development sign-in. Everything but the sign-in form sits behind
 * agentAuth, which refuses before any handler reads customer data. Forms post identifiers in the body;
 * a lookup link's identifier stays in the URL fragment, which /agent.js moves into the form.
 */
import { vValidator } from '@hono/valibot-validator';
import { type Context, Hono } from 'hono';
import { csrf } from 'hono/csrf';
import * as v from 'valibot';
import { agentInput, agentLookup } from '../lookup/agent.ts';
import { issueContactCode } from '../lookup/contact-codes.ts';
import { replies } from '../answer-text/agent-reply.ts';
import { answerText } from '../answer-text/answer-box.ts';
import { portalLink } from '../answer-text/links.ts';
import { maskIdentifier } from '../answer-text/masked.ts';
import { formatTime, utcDay } from '../core/dates.ts';
import { summariseReach } from '../core/reach.ts';
import { config } from '../config.ts';
import { readAudit } from '../data/audit.ts';
import { listIncidents } from '../data/incidents.ts';
import { readReach } from '../data/reach.ts';
import { type AgentBindings, agentAuth } from '../http/agent-auth.ts';
import { DEV_NAME, devSignInAvailable, signInDev, signOutDev } from '../http/dev-sign-in.ts';
import { lookupBodyLimit } from '../http/limits.ts';
import { locale } from '../http/locale.ts';
import { Problem } from '../http/problem.ts';
import { messages } from '../i18n/messages.ts';
import { type AgentConsolePageProps, AgentConsolePage } from '../views/AgentConsolePage.tsx';
import { AgentAuditPage } from '../views/AgentAuditPage.tsx';
import { AgentReachPage } from '../views/AgentReachPage.tsx';
import { AgentSignInPage } from '../views/AgentSignInPage.tsx';
import { ErrorPage } from '../views/ErrorPage.tsx';

const AUDIT_PAGE_ROWS = 500;
const Field = v.optional(v.pipe(v.string(), v.maxLength(1024)));
const LookupForm = v.object({ incident: v.pipe(v.string(), v.maxLength(64)), email: Field, orderId: Field, factor: Field });
const ContactForm = v.object({ incident: v.pipe(v.string(), v.maxLength(64)) });
const SignInForm = v.object({ name: v.pipe(v.string(), v.maxLength(256)) });
const DAY = v.optional(v.union([v.literal(''), v.pipe(v.string(), v.isoDate())]));
const ReachQuery = v.object({ incident: v.optional(v.pipe(v.string(), v.maxLength(64))) });
const AuditQuery = v.object({ agent: v.optional(v.pipe(v.string(), v.maxLength(254))), from: DAY, to: DAY, flagged: v.optional(v.string()) });

const refuseInvalid = (result: { success: boolean }) => {
  if (!result.success) throw new Problem('invalid_request');
};

/** Not signed in: the sign-in (or refusal) page, 401. Signed in but not an admin: 403. */
const auth = (admin = false) =>
  agentAuth({
    admin,
    refuse: (c, reason) =>
      reason === 'unauthorized'
        ? c.html(<AgentSignInPage locale={locale(c)} devSignIn={devSignInAvailable(c)} />, 401)
        : c.html(<ErrorPage problem={new Problem('admin_only')} locale={locale(c)} path={c.req.path} />, 403),
  });

async function consolePage(c: Context<AgentBindings>, props: Partial<AgentConsolePageProps>, status: 200 | 400 | 404 | 429 = 200) {
  const incidents = await listIncidents(c.env.DB);
  return c.html(
    <AgentConsolePage locale={locale(c)} agent={c.get('agent')} incidents={incidents} limitPerHour={config(c.env).agentLookupsPerHour} {...props} />,
    status,
  );
}

export const agent = new Hono<AgentBindings>();

agent.get('/agent', auth(), (c) => consolePage(c, {}));

agent.post('/agent', csrf(), lookupBodyLimit(), auth(), vValidator('form', LookupForm, refuseInvalid), async (c) => {
  const form = c.req.valid('form');
  const m = messages(locale(c));
  // The second factor is never echoed back into the page.
  const fields = { incident: form.incident, email: form.email, orderId: form.orderId };
  const input = agentInput(form);
  if (!input) return consolePage(c, { fields, error: m.agent.oneIdentifier }, 400);
  const outcome = await agentLookup(c.env, c.get('agent').id, form.incident, input);
  switch (outcome.kind) {
    case 'unknown_incident':
      return consolePage(c, { fields, error: m.errors.unknown_incident }, 404);
    case 'invalid':
      return consolePage(c, { fields, error: m.errors[outcome.error] }, 400);
    case 'over_limit':
      c.header('Retry-After', '3600');
      return consolePage(c, { fields, error: m.errors.agent_limit }, 429);
  }
  const baseUrl = new URL(c.req.url).origin;
  const { incident, answer } = outcome;
  const masked = maskIdentifier(input.raw);
  const { timeZone } = config(c.env);
  return consolePage(c, {
    fields,
    result: {
      incident,
      answer,
      identifierKind: outcome.identifierKind,
      noticeIssued: outcome.noticeIssuedAt && formatTime(outcome.noticeIssuedAt, locale(c), timeZone),
      text: answerText({ answer, incident, locale: locale(c), reached: { via: 'agent', masked }, timeZone }),
      replies: replies({ incident, answer, baseUrl, masked, timeZone }),
      portalLink: portalLink(baseUrl, incident.slug),
    },
  });
});

agent.post('/agent/contact-code', csrf(), lookupBodyLimit(), auth(), vValidator('form', ContactForm, refuseInvalid), async (c) => {
  const outcome = await issueContactCode(c.env, c.get('agent').id, c.req.valid('form').incident);
  if (outcome.kind === 'unknown_incident') return consolePage(c, { error: messages(locale(c)).errors.unknown_incident }, 404);
  return consolePage(c, {
    contact: {
      code: outcome.code,
      incident: outcome.incident,
      validUntil: formatTime(outcome.expiresAt, locale(c), config(c.env).timeZone),
      verifyUrl: `${new URL(c.req.url).origin}/verify`,
    },
  });
});

agent.get('/agent/audit', auth(true), vValidator('query', AuditQuery, refuseInvalid), async (c) => {
  const q = c.req.valid('query');
  const filter = { agent: q.agent?.trim() || undefined, from: q.from || undefined, to: q.to || undefined, flagged: q.flagged === '1' };
  const before = filter.to && new Date(Date.parse(filter.to) + 86_400_000).toISOString().slice(0, 10);
  const rows = await readAudit(c.env.DB, { ...filter, before, limit: AUDIT_PAGE_ROWS });
  return c.html(<AgentAuditPage locale={locale(c)} rows={rows} filter={filter} maxRows={AUDIT_PAGE_ROWS} timeZone={config(c.env).timeZone} />);
});

agent.get('/agent/reach', auth(true), vValidator('query', ReachQuery, refuseInvalid), async (c) => {
  const incidents = await listIncidents(c.env.DB);
  const asked = c.req.valid('query').incident || undefined;
  const shown = incidents.find((i) => i.slug === (asked ?? incidents[0]?.slug));
  if (asked && !shown) {
    const page = <AgentReachPage locale={locale(c)} incidents={incidents} selected={undefined} report={null} error={messages(locale(c)).errors.unknown_incident} />;
    return c.html(page, 404);
  }
  const report = shown ? summariseReach(await readReach(c.env.DB, shown.slug), utcDay(new Date())) : null;
  return c.html(<AgentReachPage locale={locale(c)} incidents={incidents} selected={shown?.slug} report={report} />);
});

// The development sign-in: only where devSignInAvailable says so (development, loopback).
agent.post('/agent/sign-in', csrf(), lookupBodyLimit(), vValidator('form', SignInForm, refuseInvalid), async (c) => {
  if (!devSignInAvailable(c)) throw new Problem('unauthorized');
  const name = c.req.valid('form').name.trim().normalize('NFKC');
  if (!DEV_NAME.test(name)) return c.html(<AgentSignInPage locale={locale(c)} devSignIn nameInvalid />, 400);
  await signInDev(c, name);
  return c.redirect(`/agent?lang=${locale(c)}`, 303);
});

agent.post('/agent/sign-out', csrf(), (c) => {
  signOutDev(c);
  return c.redirect(`/agent?lang=${locale(c)}`, 303);
});
