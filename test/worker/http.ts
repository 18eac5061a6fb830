/**
 * Requests as a browser or an API client would send them, for the route tests. Lookups are rate-limited
 * per client network (an IPv6 /64), so every request gets a network of its own unless a test passes an
 * address.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import type { AppEnv } from '../../src/env.ts';
import worker from '../../src/index.ts';

export const ORIGIN = 'https://portal.test';

// The limiter's buckets live in the runtime, not in this module, and may be shared by test files that
// each load their own copy of this module: a random prefix keeps their counters from colliding.
const run = crypto.randomUUID().replaceAll('-', '');
let clients = 0;

/**
 * A client address in a /64 no other request in the run has used: a unique-local prefix (fd00::/8) with
 * 24 random bits for this module and 32 bits of counter.
 */
export function newClientIp(): string {
  clients += 1;
  return `fd${run.slice(0, 2)}:${run.slice(2, 6)}:${(clients >>> 16).toString(16)}:${(clients & 0xffff).toString(16)}::1`;
}

export interface RequestOptions {
  /** Defaults to a fresh address. */
  ip?: string;
  headers?: Record<string, string>;
}

/** POST /api/v1/check; a string body is sent as is (for malformed JSON), anything else as JSON. */
export function checkRequest(body: unknown, options: RequestOptions = {}): Request {
  return new Request(`${ORIGIN}/api/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': options.ip ?? newClientIp(), ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface FormOptions extends RequestOptions {
  /** The Origin header; null sends none. Defaults to the portal's own origin, as a browser would. */
  origin?: string | null;
  /** Appended to /i/<slug>, e.g. "?lang=en" as the form's action carries it. */
  query?: string;
}

/** The incident page's form, submitted without JavaScript. */
export function formRequest(slug: string, fields: Record<string, string>, options: FormOptions = {}): Request {
  return postForm(`/i/${slug}${options.query ?? ''}`, fields, options);
}

/** Sends a request to the Worker under test, through its fetch handler. */
export function send(request: Request): Promise<Response> {
  return exports.default.fetch(request);
}

export function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`, { headers });
}

export const check = (body: unknown, options?: RequestOptions) => send(checkRequest(body, options));
export const submitForm = (slug: string, fields: Record<string, string>, options?: FormOptions) =>
  send(formRequest(slug, fields, options));

/** The text of the page's first <h1>, tags stripped. */
export function h1(html: string): string | undefined {
  return /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '').trim();
}

/** Every URL the page links or posts to (href, action, src). */
export function urlsIn(html: string): string[] {
  return [...html.matchAll(/\b(?:href|action|src)="([^"]*)"/g)].map((m) => m[1]!);
}

/** Sends a request to the Worker with an altered env (faults, feature switches), waiting for its background work. */
export async function fetchWith(request: Request, overrides: Partial<AppEnv> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** POST /api/v1/verify. */
export function verifyRequest(body: unknown, options: RequestOptions = {}): Request {
  return new Request(`${ORIGIN}/api/v1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': options.ip ?? newClientIp(), ...options.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A form POST to any page path, as a browser sends it. */
export function postForm(path: string, fields: Record<string, string>, options: FormOptions = {}): Request {
  const origin = options.origin === undefined ? ORIGIN : options.origin;
  return new Request(`${ORIGIN}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': options.ip ?? newClientIp(),
      ...(origin === null ? {} : { origin }),
      ...options.headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}
