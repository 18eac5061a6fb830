/**
 * A stand-in for Cloudflare Access in the Workers tests: the tests' own RSA keys, their JWKS served by
 * stubbing fetch for the team's certs URL (nothing calls out), and tokens signed as Access signs them.
 */
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { vi } from 'vitest';
import type { AppEnv } from '../../src/env.ts';

export const TEAM = 'amiaffected-test.cloudflareaccess.com';
export const AUD = 'test-aud-0123456789abcdef';
export const CERTS = `https://${TEAM}/cdn-cgi/access/certs`;
export const KID = 'test-key-1';

export const accessEnv: Partial<AppEnv> = {
  ACCESS_TEAM_DOMAIN: TEAM,
  ACCESS_AUD: AUD,
  ACCESS_ADMIN_GROUP: 'support-admins',
  ADMIN_EMAILS: 'lead@example.com',
  // Whatever .dev.vars holds, these tests run as a deployment does: without the development sign-in.
  AGENT_DEV_LOGIN: undefined,
};

const signing = await generateKeyPair('RS256', { extractable: true });
/** A key Access never published: tokens signed with it must fail even when they claim KID. */
export const otherKey = await generateKeyPair('RS256', { extractable: true });

export const jwks = { keys: [{ ...(await exportJWK(signing.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] };

/** Serves the JWKS at the certs URL and refuses every other outbound request. Returns the spy. */
export function stubAccessCerts() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === CERTS) return Response.json(jwks);
    throw new Error(`unexpected outbound request in a test: ${url}`);
  });
}

/**
 * A team of its own whose certs endpoint answers with `respond()` (a failing server, a broken body);
 * every other outbound request is refused. A fresh team per test, because the Worker keeps a team's
 * keys for minutes once it has them. Returns the team's Access settings and the spy.
 */
export function stubTeamCerts(respond: () => Response | Promise<Response>) {
  const team = `certs-${crypto.randomUUID().slice(0, 8)}.cloudflareaccess.com`;
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === `https://${team}/cdn-cgi/access/certs`) return respond();
    throw new Error(`unexpected outbound request in a test: ${url}`);
  });
  return { env: { ...accessEnv, ACCESS_TEAM_DOMAIN: team }, iss: `https://${team}`, spy };
}

export interface TokenOptions {
  kid?: string;
  key?: CryptoKey;
  /** Seconds from now. */
  expiresIn?: number;
  notBefore?: number;
}

/** A token as Access issues it for `email`, with claims overridable per test. */
export async function accessToken(claims: JWTPayload & { email?: string } = {}, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    email: 'agent@example.com',
    iss: `https://${TEAM}`,
    aud: [AUD],
    sub: '7335d417-61da-459d-899c-0a01c76a2f94',
    iat: now,
    nbf: now + (options.notBefore ?? 0),
    exp: now + (options.expiresIn ?? 600),
    type: 'app',
    country: 'JP',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'JWT' })
    .sign(options.key ?? signing.privateKey);
}

/** Header for a request that came through Access. */
export const viaAccess = (token: string) => ({ 'cf-access-jwt-assertion': token });
