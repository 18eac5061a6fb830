/**
 * Who is at the support console. In production: Cloudflare Access, which puts a signed JWT in the
 * `Cf-Access-Jwt-Assertion` header of every request it lets through. The token is verified here, not
 * merely trusted: RS256 only, signed by a key of the team's JWKS (fetched from
 * https://<team domain>/cdn-cgi/access/certs, cached per isolate and matched by `kid`), issued by
 * https://<team domain> for this application's AUD, and within `nbf`..`exp`. In local development a
 * sign-in by name stands in for Access (src/http/dev-sign-in.ts). Anything else is refused: with no
 * sign-in configured, nobody gets in.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { agentId } from '../core/agent-id.ts';
import { config } from '../config.ts';
import type { AppEnv } from '../env.ts';
import { devAgent } from './dev-sign-in.ts';
import { Problem } from './problem.ts';

export interface Agent {
  /** The identity written to the audit: the Access email, or "dev:<name>" for the local sign-in; lowercase (agentId). */
  readonly id: string;
  /** May read the audit log. */
  readonly admin: boolean;
  readonly via: 'access' | 'dev';
}

export type AgentBindings = { Bindings: AppEnv; Variables: { agent: Agent } };

/** Access tokens live for minutes; a few seconds of clock skew between Access and the Worker are normal. */
const CLOCK_TOLERANCE_SECONDS = 5;
const ACCESS_HEADER = 'cf-access-jwt-assertion';

// One key set per team domain and isolate: jose caches the keys (10 minutes) and refetches on an
// unknown kid at most every 30 seconds, so a key rotation at Access is picked up without a deploy.
const keySets = new Map<string, JWTVerifyGetKey>();

/** The team's keys could not be had: an outage at Access (or its configuration), not a bad token. */
class CertsUnavailable extends Error {
  override name = 'CertsUnavailable';
}

function keySet(domain: string): JWTVerifyGetKey {
  let keys = keySets.get(domain);
  if (!keys) {
    const remote = createRemoteJWKSet(new URL(`https://${domain}/cdn-cgi/access/certs`), { timeoutDuration: 5000 });
    // jose reports a 5xx, a body that is not JSON and JSON that is not a key set as JOSEErrors, the
    // same family as a bad signature. Only "no key (or no single key) for this token's kid" is about
    // the token; every other failure to produce a key is about the certs endpoint, and means 503.
    keys = async function accessKey(header, token) {
      try {
        return await remote(header, token);
      } catch (err) {
        if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) throw err;
        throw new CertsUnavailable('the Access certs endpoint gave no usable key set', { cause: err });
      }
    };
    keySets.set(domain, keys);
  }
  return keys;
}

/**
 * Admins: the identity is in ADMIN_EMAILS, or the token's `groups` claim names ACCESS_ADMIN_GROUP. Both
 * compare without regard to case, as the identity itself does: `Lead@Example.com` in the list names
 * the same person as the token's `lead@example.com`.
 */
export function isAdmin(env: AppEnv, id: string, groups: unknown = undefined): boolean {
  const { accessAdminGroup, adminEmails } = config(env);
  const group = agentId(accessAdminGroup ?? '');
  const inGroup = group !== '' && Array.isArray(groups) && groups.some((g) => typeof g === 'string' && agentId(g) === group);
  return inGroup || adminEmails.some((listed) => agentId(listed) === agentId(id));
}

/**
 * The agent an Access token stands for, or null when the token is not valid for this application.
 * Throws Problem('unavailable') when the team's keys cannot be had (unreachable, a timeout, a 5xx, a
 * body that is not a key set): that is an outage, not a refusal, and never a pass.
 */
export async function accessAgent(env: AppEnv, token: string): Promise<Agent | null> {
  const { accessTeamDomain: domain, accessAud: aud } = config(env);
  if (!domain || !aud) return null;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(domain), {
      algorithms: ['RS256'],
      audience: aud,
      issuer: `https://${domain}`,
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (err) {
    // Anything that is not jose judging the token (CertsUnavailable, a network error) is an outage.
    if (!(err instanceof errors.JOSEError)) throw new Problem('unavailable', err);
    return null;
  }
  // Service tokens carry no email: the console is for people, whose actions the audit names.
  if (typeof payload.email !== 'string' || payload.email.length > 254) return null;
  const id = agentId(payload.email);
  if (id === '') return null;
  return { id, admin: isAdmin(env, id, payload.groups), via: 'access' };
}

/** The signed-in agent, or null. */
export async function signedInAgent(c: Context<AgentBindings>): Promise<Agent | null> {
  // Read first, token or not: with a bad Access var the console cannot tell who may enter, so it
  // answers 503 (ConfigError) to everyone rather than a sign-in page that could never work.
  const { accessTeamDomain, accessAud } = config(c.env);
  const token = accessTeamDomain && accessAud ? c.req.header(ACCESS_HEADER) : undefined;
  if (token) {
    const agent = await accessAgent(c.env, token);
    if (agent) return agent;
  }
  return devAgent(c);
}

export interface AgentAuthOptions {
  /** Only admins (ACCESS_ADMIN_GROUP, ADMIN_EMAILS) pass; other agents get 403. */
  admin?: boolean;
  /** How to refuse; the default throws, which the error handler renders (401 / 403). */
  refuse?: (c: Context<AgentBindings>, reason: 'unauthorized' | 'admin_only') => Response | Promise<Response>;
}

/**
 * Lets signed-in agents through and sets `agent`; refuses everyone else before any handler runs, so no
 * customer data can reach them.
 *
 * @example
 * agentApi.post('/check', agentAuth(), handler) // 401 without a valid sign-in
 * agent.get('/audit', agentAuth({ admin: true, refuse: renderRefusal }), handler)
 */
export function agentAuth(options: AgentAuthOptions = {}): MiddlewareHandler<AgentBindings> {
  const refuse =
    options.refuse ??
    ((_c, reason) => {
      throw new Problem(reason);
    });
  return async function agentAuthMiddleware(c, next) {
    const agent = await signedInAgent(c);
    if (!agent) return refuse(c, 'unauthorized');
    if (options.admin && !agent.admin) return refuse(c, 'admin_only');
    c.set('agent', agent);
    await next();
  };
}
