/**
 * Pages for codes: the notice deep link /n/<code>, which shows that person's current answer with
 * nothing to type, and /verify, where anyone can check a code from a message or a call. Both are
 * rate-limited like lookups. Codes are never logged: errors name the route pattern only. A notice
 * link records the day it was first opened (reach); a verify check of the same code does not.
 */
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import * as v from 'valibot';
import { answerText } from '../answer-text/answer-box.ts';
import { noticeAnswer, verifyCode } from '../lookup/codes.ts';
import { allContacts } from '../lookup/contacts.ts';
import { formatDay, formatTime } from '../core/dates.ts';
import type { Locale } from '../core/incident.ts';
import { listIncidents } from '../data/incidents.ts';
import { publicReads } from '../data/reader.ts';
import { config } from '../config.ts';
import type { AppBindings } from '../env.ts';
import { lookupBodyLimit } from '../http/limits.ts';
import { locale } from '../http/locale.ts';
import { Problem } from '../http/problem.ts';
import { rateLimit } from '../http/rate-limit.ts';
import { botCheck, turnstileSiteKey } from '../http/turnstile.ts';
import { isLocale } from '../i18n/messages.ts';
import { recordFirstOpen } from '../lookup/first-open.ts';
import { countAnswer, countVerify } from '../lookup/stats.ts';
import { NoticeNotIssuedPage } from '../views/NoticeNotIssuedPage.tsx';
import { ResultPage } from '../views/ResultPage.tsx';
import { VerifyPage } from '../views/VerifyPage.tsx';

export const codePages = new Hono<AppBindings>();

codePages.get('/n/:code', rateLimit({ limiter: (env) => env.LOOKUP_LIMITER }), async (c) => {
  const result = await noticeAnswer(c.env, c.req.param('code'));
  // The notice's own language, unless the reader picked one with the switch.
  const chosen = c.req.query('lang');
  if (result.kind === 'not_issued') {
    const lang = isLocale(chosen) ? chosen : locale(c);
    const contacts = allContacts(await listIncidents(publicReads(c.env.DB)));
    return c.html(<NoticeNotIssuedPage locale={lang} contacts={contacts} path={c.req.path} />, 404);
  }
  const lang: Locale = isLocale(chosen) ? chosen : isLocale(result.locale) ? result.locale : locale(c);
  const { timeZone } = config(c.env);
  countAnswer(c, result.incident.slug, 'notice_opens', result.answer);
  const reached = { via: 'notice', code: result.code, issuedAt: result.issuedAt } as const;
  const text = answerText({ answer: result.answer, incident: result.incident, locale: lang, reached, timeZone });
  const notice = { code: result.code, issuedOn: formatDay(result.issuedAt, lang, timeZone) };
  const page = await c.html(<ResultPage incident={result.incident} answer={result.answer} text={text} locale={lang} notice={notice} />);
  // Only once the answer is rendered, and in the background: reach is best effort (src/lookup/first-open.ts).
  if (!result.opened.before) recordFirstOpen(c, result.opened.hash);
  return page;
});

codePages.get('/verify', async (c) => {
  const contacts = allContacts(await listIncidents(publicReads(c.env.DB)));
  return c.html(<VerifyPage locale={locale(c)} contacts={contacts} turnstileSiteKey={turnstileSiteKey(c.env)} />);
});

const VerifyForm = v.object({ code: v.pipe(v.string(), v.maxLength(1024)) });

codePages.post(
  '/verify',
  csrf(),
  lookupBodyLimit(),
  rateLimit({ limiter: (env) => env.LOOKUP_LIMITER }),
  botCheck(),
  vValidator('form', VerifyForm, (result) => {
    if (!result.success) throw new Problem('invalid_request');
  }),
  async (c) => {
    const lang = locale(c);
    const { code } = c.req.valid('form');
    const siteKey = turnstileSiteKey(c.env);
    if (code.trim() === '') {
      const contacts = allContacts(await listIncidents(publicReads(c.env.DB)));
      return c.html(<VerifyPage locale={lang} contacts={contacts} error="empty_code" turnstileSiteKey={siteKey} />, 400);
    }
    const outcome = await verifyCode(c.env, code);
    countVerify(c, outcome.kind === 'not_issued' ? null : outcome.incident.slug);
    const contacts = outcome.kind === 'not_issued' ? allContacts(await listIncidents(publicReads(c.env.DB))) : outcome.incident.content.contacts;
    const when =
      outcome.kind === 'notice'
        ? formatDay(outcome.issuedAt, lang, config(c.env).timeZone)
        : outcome.kind === 'contact'
          ? formatTime(outcome.issuedAt, lang, config(c.env).timeZone)
          : '';
    return c.html(<VerifyPage locale={lang} result={{ outcome, when }} contacts={contacts} turnstileSiteKey={siteKey} />);
  },
);
