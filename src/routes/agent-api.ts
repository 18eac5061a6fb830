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
import { agentInput, agentLookup } from '../lookup/agent.ts';
import { issueContactCode } from '../lookup/contact-codes.ts';
import { replies } from '../answer-text/agent-reply.ts';
import { answerText } from '../answer-text/answer-box.ts';
import { answerJson } from '../answer-text/answer-json.ts';
import { portalLink } from '../answer-text/links.ts';
import { maskIdentifier } from '../answer-text/masked.ts';
import { LOCALES } from '../core/incident.ts';
import { config } from '../config.ts';
import { type AgentBindings, agentAuth } from '../http/agent-auth.ts';
import { lookupBodyLimit } from '../http/limits.ts';
import { locale } from '../http/locale.ts';
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
  const lang = locale(c);
  const input = agentInput(body);
  if (!input) throw new Problem('invalid_request');
  const outcome = await agentLookup(c.env, c.get('agent').id, body.incident, input);
  if (outcome.kind === 'unknown_incident') throw new Problem('unknown_incident');
  if (outcome.kind === 'invalid') throw new Problem(outcome.error);
  if (outcome.kind === 'over_limit') throw new Problem('agent_limit');
  const { incident, answer } = outcome;
  const baseUrl = new URL(c.req.url).origin;
  const masked = maskIdentifier(input.raw);
  const { timeZone } = config(c.env);
  const text = answerText({ answer, incident, locale: lang, reached: { via: 'agent', masked }, timeZone });
  return c.json({
    ...answerJson(answer, text, incident, lang, masked, timeZone),
    identifierKind: outcome.identifierKind,
    notice: { issued: outcome.noticeIssuedAt !== null, lastIssuedAt: outcome.noticeIssuedAt },
    replies: replies({ incident, answer, baseUrl, masked, timeZone }),
    portalLink: portalLink(baseUrl, incident.slug),
  });
});

agentApi.post('/contact-code', lookupBodyLimit(), vValidator('json', ContactBody, refuseInvalid), async (c) => {
  const body = c.req.valid('json');
  if (body.locale) c.set('language', body.locale);
  const outcome = await issueContactCode(c.env, c.get('agent').id, body.incident);
  if (outcome.kind === 'unknown_incident') throw new Problem('unknown_incident');
  return c.json({ code: outcome.code, incident: outcome.incident, issuedAt: outcome.issuedAt, expiresAt: outcome.expiresAt });
});
