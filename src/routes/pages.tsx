/**
 * The public HTML pages. Thin: they pick the locale, call the lookup and hand the result to a view.
 * They work without JavaScript; the form posts to the same incident URL.
 */
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import * as v from 'valibot';
import { answerText } from '../answer-text/answer-box.ts';
import { maskIdentifier } from '../answer-text/masked.ts';
import { listIncidents } from '../data/incidents.ts';
import { publicReads } from '../data/reader.ts';
import { config } from '../config.ts';
import type { AppBindings } from '../env.ts';
import { lookupBodyLimit } from '../http/limits.ts';
import { locale } from '../http/locale.ts';
import { Problem } from '../http/problem.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { botCheck, turnstileSiteKey } from '../http/turnstile.ts';
import type { IdentifierInput } from '../core/identifier.ts';
import { incidentForPage } from '../lookup/incident-cache.ts';
import { lookup } from '../lookup/public.ts';
import { countAnswer } from '../lookup/stats.ts';
import { IncidentListPage } from '../views/IncidentListPage.tsx';
import { IncidentPage } from '../views/IncidentPage.tsx';
import { ResultPage } from '../views/ResultPage.tsx';

const Field = v.optional(v.pipe(v.string(), v.maxLength(1024)));
// One field for open incidents (identifier), two for sensitive ones (email and factor).
const CheckForm = v.object({ identifier: Field, email: Field, factor: Field });

export const pages = new Hono<AppBindings>();

pages.get('/', async (c) => {
  const lang = locale(c);
  const incidents = await listIncidents(publicReads(c.env.DB));
  // With a single incident, its page is the start page: one less click for a worried customer.
  const only = incidents.length === 1 ? await incidentForPage(c.env, incidents[0]!.slug) : null;
  if (only) return c.html(<IncidentPage incident={only} locale={lang} turnstileSiteKey={turnstileSiteKey(c.env)} />);
  return c.html(<IncidentListPage incidents={incidents} locale={lang} />);
});

pages.get('/i/:slug', async (c) => {
  const incident = await incidentForPage(c.env, c.req.param('slug'));
  if (!incident) throw new Problem('unknown_incident');
  return c.html(<IncidentPage incident={incident} locale={locale(c)} turnstileSiteKey={turnstileSiteKey(c.env)} />);
});

pages.post(
  '/i/:slug',
  csrf(),
  lookupBodyLimit(),
  rateLimit({ limiter: (env) => env.LOOKUP_LIMITER }),
  botCheck(),
  vValidator('form', CheckForm, (result) => {
    if (!result.success) throw new Problem('invalid_request');
  }),
  async (c) => {
    const lang = locale(c);
    const form = c.req.valid('form');
    if (form.identifier === undefined && form.email === undefined) throw new Problem('invalid_request');
    const input: IdentifierInput =
      form.email !== undefined
        ? { kind: 'email_factor', raw: form.email, factor: form.factor ?? '' }
        : { kind: 'either', raw: form.identifier ?? '' };
    const outcome = await lookup(c.env, c.req.param('slug'), input);
    if (outcome.kind === 'unknown_incident') throw new Problem('unknown_incident');
    if (outcome.kind === 'invalid') {
      return c.html(
        <IncidentPage
          incident={outcome.incident}
          locale={lang}
          error={outcome.error}
          value={input.raw}
          turnstileSiteKey={turnstileSiteKey(c.env)}
        />,
        400,
      );
    }
    const { incident, answer } = outcome;
    countAnswer(c, incident.slug, 'lookups', answer);
    const reached = { via: 'typed', masked: maskIdentifier(input.raw) } as const;
    const text = answerText({ answer, incident, locale: lang, reached, timeZone: config(c.env).timeZone });
    return c.html(<ResultPage incident={incident} answer={answer} text={text} locale={lang} />);
  },
);
