/**
 * The support console's JSON API, behind the same sign-in as the pages (401 without it):
 * - POST /api/v1/agent/check: the lookup, with the reply text in every language (429 past the agent's
 *   hourly limit, with the audit row flagged);
 * - POST /api/v1/agent/contact-code: a contact code for a call or an email.
 * JSON bodies need a JSON content type, which a cross-site form cannot send without CORS preflight.
 */
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import { agentInput, agentLookup } from '../agent-lookup.ts';
import { issueContactCode } from '../contact-codes.ts';
import { portalLink, replies } from '../core/agent-reply.ts';
import { lookupHeadline, nextSteps } from '../core/decide.ts';
import { LOCALES, type Locale } from '../core/incident.ts';
import { type AgentBindings, agentAuth } from '../http/agent-auth.ts';
import { lookupBodyLimit } from '../http/limits.ts';
import { Problem } from '../http/problem.ts';

const Text = v.pipe(v.string(), v.maxLength(1024));
const Slug = v.pipe(v.string(), v.maxLength(64));

const CheckBody = v.object({
  incident: Slug,
  email: v.optional(Text),
  orderId: v.optional(Text),
  factor: v.optional(Text),
  locale: v.optional(v.picklist(LOCALES)),
});
const ContactBody = v.object({ incident: Slug, locale: v.optional(v.picklist(LOCALES)) });

const refuseInvalid = (result: { success: boolean }) => {
  if (!result.success) throw new Problem('invalid_request');
};

export const agentApi = new Hono<AgentBindings>();

agentApi.use(agentAuth());

agentApi.post('/check', lookupBodyLimit(), vValidator('json', CheckBody, refuseInvalid), async (c) => {
  const body = c.req.valid('json');
  if (body.locale) c.set('language', body.locale);
  const locale = c.get('language') as Locale;
  const input = agentInput(body);
  if (!input) throw new Problem('invalid_request');
  const outcome = await agentLookup(c.env, c.get('agent').id, body.incident, input);
  if (outcome.kind === 'unknown_incident') throw new Problem('unknown_incident');
  if (outcome.kind === 'invalid') throw new Problem(outcome.error);
  if (outcome.kind === 'over_limit') throw new Problem('agent_limit');
  const { incident, answer } = outcome;
  const baseUrl = new URL(c.req.url).origin;
  return c.json({
    incident: incident.slug,
    locale,
    identifierKind: outcome.identifierKind,
    affected: answer.affected,
    headline: lookupHeadline(answer, incident, locale),
    certainty: answer.affected ? answer.certainty : null,
    store: answer.affected ? answer.store : null,
    groups: answer.affected
      ? answer.groups.map((g) => ({ code: g.code, label: g.label[locale], period: g.period, dataClasses: g.dataClasses, certainty: g.certainty }))
      : [],
    dataClasses: answer.affected ? answer.dataClasses : [],
    nextSteps: nextSteps(answer, incident, locale),
    notice: { issued: outcome.noticeIssuedAt !== null, lastIssuedAt: outcome.noticeIssuedAt },
    replies: replies({ incident, answer, baseUrl }),
    portalLink: portalLink(baseUrl, incident.slug),
    checkedAt: new Date().toISOString(),
  });
});

agentApi.post('/contact-code', lookupBodyLimit(), vValidator('json', ContactBody, refuseInvalid), async (c) => {
  const body = c.req.valid('json');
  if (body.locale) c.set('language', body.locale);
  const outcome = await issueContactCode(c.env, c.get('agent').id, body.incident);
  if (outcome.kind === 'unknown_incident') throw new Problem('unknown_incident');
  return c.json({ code: outcome.code, incident: outcome.incident, issuedAt: outcome.issuedAt, expiresAt: outcome.expiresAt });
});
