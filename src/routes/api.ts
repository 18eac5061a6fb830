/**
 * The JSON API: POST /api/v1/check. Status codes are a stable interface (SPEC): 200 answer, 400 invalid
 * input, 404 unknown incident, 429 too many attempts (with Retry-After), 503 cannot answer.
 */
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import * as v from 'valibot';
import { headline, nextSteps } from '../core/decide.ts';
import { LOCALES, type Locale } from '../core/incident.ts';
import type { AppBindings } from '../env.ts';
import { lookupBodyLimit } from '../http/limits.ts';
import { Problem } from '../http/problem.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { lookup } from '../lookup.ts';

const CheckBody = v.pipe(
  v.object({
    incident: v.pipe(v.string(), v.maxLength(64)),
    email: v.optional(v.string()),
    orderId: v.optional(v.string()),
    locale: v.optional(v.picklist(LOCALES)),
  }),
  v.check((body) => (body.email === undefined) !== (body.orderId === undefined), 'send exactly one of email, orderId'),
);

export const api = new Hono<AppBindings>();

api.post(
  '/check',
  lookupBodyLimit(),
  rateLimit({ limiter: (env) => env.LOOKUP_LIMITER }),
  vValidator('json', CheckBody, (result) => {
    if (!result.success) throw new Problem('invalid_request');
  }),
  async (c) => {
    const body = c.req.valid('json');
    const locale: Locale = body.locale ?? (c.get('language') as Locale);
    const input =
      body.email !== undefined ? { kind: 'email' as const, raw: body.email } : { kind: 'order_id' as const, raw: body.orderId! };
    const outcome = await lookup(c.env, body.incident, input);
    if (outcome.kind === 'unknown_incident') throw new Problem('unknown_incident');
    if (outcome.kind === 'invalid') throw new Problem(outcome.error);
    const { incident, answer } = outcome;
    return c.json({
      incident: incident.slug,
      locale,
      affected: answer.affected,
      headline: headline(answer, locale),
      certainty: answer.affected ? answer.certainty : null,
      store: answer.affected ? answer.store : null,
      groups: answer.affected
        ? answer.groups.map((g) => ({
            code: g.code,
            label: g.label[locale],
            period: g.period,
            dataClasses: g.dataClasses,
            certainty: g.certainty,
          }))
        : [],
      dataClasses: answer.affected ? answer.dataClasses : [],
      nextSteps: nextSteps(answer, incident, locale),
      checkedAt: new Date().toISOString(),
    });
  },
);
