/**
 * The JSON API. Status codes are a stable interface (SPEC):
 * - POST /api/v1/check: 200 answer, 400 invalid input, 404 unknown incident, 429 too many attempts
 *   (with Retry-After), 503 cannot answer;
 * - POST /api/v1/verify: 200 {genuine, ...}, 400 invalid input, 429, 503.
 */
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import { verifyCode } from '../lookup/codes.ts';
import { answerBody } from '../answer-text/answer-body.ts';
import { maskIdentifier } from '../answer-text/masked.ts';
import { LOCALES } from '../core/incident.ts';
import { config } from '../config.ts';
import type { AppBindings } from '../env.ts';
import { lookupBodyLimit } from '../http/limits.ts';
import { locale } from '../http/locale.ts';
import { Problem } from '../http/problem.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { botCheck } from '../http/turnstile.ts';
import type { IdentifierInput } from '../core/identifier.ts';
import { lookup } from '../lookup/public.ts';
import { countAnswer, countVerify } from '../lookup/stats.ts';

const Text = v.pipe(v.string(), v.maxLength(1024));

const CheckBody = v.pipe(
  v.object({
    incident: v.pipe(v.string(), v.maxLength(64)),
    email: v.optional(Text),
    orderId: v.optional(Text),
    /** The second factor, for sensitive incidents (with email). */
    factor: v.optional(Text),
    locale: v.optional(v.picklist(LOCALES)),
    turnstile: v.optional(v.string()),
  }),
  v.check((body) => (body.email === undefined) !== (body.orderId === undefined), 'send exactly one of email, orderId'),
  v.check((body) => body.factor === undefined || body.email !== undefined, 'factor goes with email'),
);

const VerifyBody = v.object({
  code: Text,
  locale: v.optional(v.picklist(LOCALES)),
  turnstile: v.optional(v.string()),
});

export const api = new Hono<AppBindings>();

const refuseInvalid = (result: { success: boolean }) => {
  if (!result.success) throw new Problem('invalid_request');
};

api.post(
  '/check',
  lookupBodyLimit(),
  rateLimit({ limiter: (env) => env.LOOKUP_LIMITER }),
  botCheck(),
  vValidator('json', CheckBody, refuseInvalid),
  async (c) => {
    const body = c.req.valid('json');
    // A locale in the body also picks the language of error messages.
    if (body.locale) c.set('language', body.locale);
    const lang = locale(c);
    const input: IdentifierInput =
      body.email === undefined
        ? { kind: 'order_id', raw: body.orderId! }
        : body.factor === undefined
          ? { kind: 'email', raw: body.email }
          : { kind: 'email_factor', raw: body.email, factor: body.factor };
    const outcome = await lookup(c.env, body.incident, input);
    if (outcome.kind === 'unknown_incident') throw new Problem('unknown_incident');
    if (outcome.kind === 'invalid') throw new Problem(outcome.error);
    const { incident, answer, list } = outcome;
    countAnswer(c, incident.slug, 'lookups', answer);
    const masked = maskIdentifier(input.raw);
    const json = answerBody({ answer, incident, list, locale: lang, masked, timeZone: config(c.env).timeZone });
    return c.body(json, 200, { 'Content-Type': 'application/json' });
  },
);

api.post(
  '/verify',
  lookupBodyLimit(),
  rateLimit({ limiter: (env) => env.LOOKUP_LIMITER }),
  botCheck(),
  vValidator('json', VerifyBody, refuseInvalid),
  async (c) => {
    const body = c.req.valid('json');
    if (body.locale) c.set('language', body.locale);
    if (body.code.trim() === '') throw new Problem('empty_code');
    const outcome = await verifyCode(c.env, body.code);
    countVerify(c, outcome.kind === 'not_issued' ? null : outcome.incident.slug);
    // Unknown, malformed and expired codes get one answer, so a probe learns nothing from the difference.
    if (outcome.kind === 'not_issued') return c.json({ genuine: false });
    return c.json({
      genuine: true,
      kind: outcome.kind,
      issuedAt: outcome.issuedAt,
      incident: outcome.incident.slug,
      title: outcome.incident.content.text[locale(c)].title,
    });
  },
);
