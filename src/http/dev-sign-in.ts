/**
 * The console's sign-in for local development: an agent types a name and gets a signed cookie. It
 * exists only where both hold:
 * - AGENT_DEV_LOGIN is set (a random secret of at least 32 characters, written into .dev.vars by
 *   `npm start`; never in wrangler.toml or production secrets), and
 * - the request was made to a loopback address (localhost, 127.0.0.1, [::1]) and, when the runtime
 *   names the client, from one. A deployed Worker is reached through its own hostname, never loopback.
 */
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import { agentId } from '../core/agent-id.ts';
import type { Agent, AgentBindings } from './agent-auth.ts';
import { isAdmin } from './agent-auth.ts';
import { isLoopbackHost } from './loopback.ts';

const COOKIE = 'agent_dev';
const MIN_SECRET_CHARS = 32;
const SESSION_SECONDS = 8 * 3600;
const LOOPBACK_CLIENTS = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A typed name: letters, digits, spaces and a few marks, up to 64 characters. */
export const DEV_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._@-]{0,63}$/u;

function secret(c: Context<AgentBindings>): string | null {
  const value = c.env.AGENT_DEV_LOGIN;
  return value && value.length >= MIN_SECRET_CHARS ? value : null;
}

/** Whether the development sign-in is offered to this request. */
export function devSignInAvailable(c: Context<AgentBindings>): boolean {
  if (!secret(c)) return false;
  if (!isLoopbackHost(new URL(c.req.url).hostname)) return false;
  const client = c.req.header('cf-connecting-ip');
  return client === undefined || LOOPBACK_CLIENTS.has(client);
}

/** The agent of a valid development cookie, or null (also whenever the sign-in is not available). */
export async function devAgent(c: Context<AgentBindings>): Promise<Agent | null> {
  const key = secret(c);
  if (!key || !devSignInAvailable(c)) return null;
  const value = await getSignedCookie(c, key, COOKIE);
  if (!value) return null;
  // The cookie's Max-Age is only advice to the browser; the expiry inside the signed value is binding.
  const [name, expires] = value.split('\n');
  if (!name || !DEV_NAME.test(name) || !(Number(expires) > Date.now())) return null;
  // Hanako and hanako are one agent, as Access identities are (src/core/agent-id.ts).
  const id = agentId(`dev:${name}`);
  return { id, admin: isAdmin(c.env, id), via: 'dev' };
}

/** Signs the agent in under `name`. Callers check devSignInAvailable and the name first. */
export async function signInDev(c: Context<AgentBindings>, name: string): Promise<void> {
  const key = secret(c);
  if (!key) throw new Error('the development sign-in is not configured');
  await setSignedCookie(c, COOKIE, `${name}\n${Date.now() + SESSION_SECONDS * 1000}`, key, {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: SESSION_SECONDS,
  });
}

export function signOutDev(c: Context<AgentBindings>): void {
  // The expiring cookie carries the same flags as the one it replaces: no Set-Cookie goes out without them.
  deleteCookie(c, COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: new URL(c.req.url).protocol === 'https:' });
}
