/**
 * Loopback: the addresses a developer's own machine answers on. A deployed Worker is reached through its
 * own hostname, never one of these, so what only development may do (plain HTTP, the console's
 * development sign-in) is tied to them.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether a URL's hostname (as `new URL().hostname` gives it) is loopback: localhost, *.localhost, 127/8, [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname);
}
