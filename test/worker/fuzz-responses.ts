/**
 * What every response to fuzzed input must be (fuzz-*.test.ts): never a 5xx; a JSON error is exactly
 * {error, message} with the catalogue's message for its code, so it cannot echo the input; a page has an
 * <h1>, no inline script and none of the input's breakout markers raw. And the requests that carry the
 * input, each from a client address of its own, so the rate limiter (10 a minute) never answers.
 */
import { expect } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { ja } from '../../src/i18n/ja.ts';
import { INJECTED } from './fuzz-inputs.ts';
import { h1, newClientIp, ORIGIN } from './http.ts';

const errorMessages = new Map<string, Set<string>>();
for (const catalogue of [ja, en]) {
  for (const [code, message] of Object.entries(catalogue.errors)) {
    errorMessages.set(code, (errorMessages.get(code) ?? new Set()).add(message));
  }
}
const errorTitles = new Set([...Object.values(ja.errorTitles), ...Object.values(en.errorTitles)]);

/** A JSON API response: an answer, or exactly {error, message} with the catalogue's message for that code. */
export async function expectClearJson(res: Response, answerKey: 'affected' | 'genuine'): Promise<Record<string, unknown>> {
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  const body = await res.json<Record<string, unknown>>();
  if (res.status === 200) {
    expect(typeof body[answerKey]).toBe('boolean');
  } else {
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
    const messages = errorMessages.get(String(body.error));
    expect(messages, `unknown error code ${String(body.error)}`).toBeDefined();
    expect(messages!.has(String(body.message))).toBe(true);
    expect(String(body.message).length).toBeGreaterThan(0);
  }
  return body;
}

/**
 * An HTML response: a page with an <h1>, no inline script, and none of the inputs' breakout markers raw.
 * An error page (its <h1> is an error title) shows none of the input at all.
 */
export async function expectClearPage(res: Response, inputs: unknown[]): Promise<string> {
  expect(res.status).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await res.text();
  const heading = h1(html);
  expect(heading, 'a page without an <h1>').toBeTruthy();
  for (const marker of INJECTED) expect(html.includes(marker), `unescaped ${marker}`).toBe(false);
  for (const script of html.matchAll(/<script\b[^>]*>/gi)) expect(script[0]).toMatch(/\bsrc="\/[^/]/);
  if (errorTitles.has(heading!)) {
    for (const input of inputs) {
      if (typeof input === 'string' && input.trim().length >= 8) expect(html.includes(input), 'an error page echoes the input').toBe(false);
    }
  }
  return html;
}

export function postJson(path: string, body: string, contentType: string, headers: Record<string, string> = {}): Request {
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: { ...(contentType ? { 'content-type': contentType } : {}), 'cf-connecting-ip': newClientIp(), ...headers },
    body,
  });
}

export function postFormBody(path: string, body: BodyInit, headers: Record<string, string>): Request {
  return new Request(`${ORIGIN}${path}`, { method: 'POST', headers: { 'cf-connecting-ip': newClientIp(), ...headers }, body });
}
