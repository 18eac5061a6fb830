/**
 * One spelling per support agent. Identity providers hand Cloudflare Access the address as the person
 * typed it at some point, so `Agent@Example.com` and `agent@example.com` can both arrive for the same
 * agent. The hourly lookup limit counts audit rows with `agent = ?`, admin rights compare against
 * ADMIN_EMAILS and the audit is read by agent: with two spellings one agent would get two limits and
 * two audit identities. The identity is therefore canonicalised once, where it is authenticated.
 */

/**
 * The canonical form of an agent identity: lowercase (locale-independent), without surrounding space.
 *
 * @example
 * agentId(' Agent@Example.COM ') // 'agent@example.com'
 * agentId('dev:Hanako')          // 'dev:hanako'
 */
export function agentId(identity: string): string {
  return identity.trim().toLowerCase();
}
