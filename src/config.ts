/**
 * The Worker's vars (wrangler.toml [vars]), each parsed once with valibot into a typed Config. Nothing
 * else reads a var from the env; secrets (PEPPER, TURNSTILE_SECRET_KEY, AGENT_DEV_LOGIN) are not vars
 * and keep their own readers.
 *
 * A var that is absent or blank takes its default. A var with a bad value does not take the whole
 * portal down, and is never guessed at either: it is logged once, by name and with what was expected
 * (never its value), and reading it throws ConfigError, so whatever needs it answers "we cannot answer
 * right now" (503) through the one error handler. A limit is never NaN or unlimited, a date never in
 * a time zone nobody chose.
 */
import * as v from 'valibot';
import { DEFAULT_TIME_ZONE } from './core/dates.ts';
import type { AppEnv } from './env.ts';

/** A var's value is unusable; the message names the var and what it must be, never the value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

interface Setting<T> {
  readonly name: string;
  /** What a good value looks like, for the log line and the error. */
  readonly expected: string;
  readonly schema: v.GenericSchema<string, T>;
  readonly fallback: T;
}

const setting = <T>(name: string, expected: string, schema: v.GenericSchema<string, T>, fallback: T): Setting<T> => ({
  name,
  expected,
  schema,
  fallback,
});

const wholeNumber = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d{1,9}$/), v.transform(Number), v.minValue(min), v.maxValue(max));

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

// Access rejects any other issuer, so a team domain that is not a host name could never sign anyone in.
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

const SETTINGS = {
  /** Seconds in Retry-After on a 429; the Workers Rate Limiting binding's period can only be 10 or 60. */
  rateLimitPeriod: setting('RATE_LIMIT_PERIOD', '10 or 60 (seconds)', v.pipe(v.string(), v.regex(/^(10|60)$/), v.transform(Number)), 60),
  /** Seconds between an isolate's writes of its counters; 0 writes on every count. */
  statsFlushSeconds: setting('STATS_FLUSH_SECONDS', 'a whole number of seconds from 0 to 86400', wholeNumber(0, 86_400), 10),
  /** The company's IANA time zone, for every date a customer or an agent reads. */
  timeZone: setting('TIME_ZONE', 'an IANA time zone such as Asia/Tokyo', v.pipe(v.string(), v.check(isTimeZone)), DEFAULT_TIME_ZONE),
  /** Turnstile's site key, or null; the bot check runs only with TURNSTILE_SECRET_KEY set as well. */
  turnstileSiteKey: setting<string | null>('TURNSTILE_SITE_KEY', 'a Turnstile site key (letters, digits, - and _)', v.pipe(v.string(), v.regex(/^[\w-]{1,256}$/)), null),
  /** "yourteam.cloudflareaccess.com", or null: then no Access sign-in is accepted. */
  accessTeamDomain: setting<string | null>(
    'ACCESS_TEAM_DOMAIN',
    'a host name such as yourteam.cloudflareaccess.com',
    v.pipe(
      v.string(),
      v.transform((raw) => raw.replace(/^https:\/\//i, '').replace(/\/+$/, '').toLowerCase()),
      v.regex(HOST),
    ),
    null,
  ),
  /** The Access application's AUD tag, or null: then no Access sign-in is accepted. */
  accessAud: setting<string | null>('ACCESS_AUD', 'the Access application audience tag', v.pipe(v.string(), v.maxLength(1024)), null),
  /** The Access group whose members may read the audit, as written (compared like identities), or null. */
  accessAdminGroup: setting<string | null>('ACCESS_ADMIN_GROUP', 'a group name', v.pipe(v.string(), v.maxLength(1024)), null),
  /** Identities that may read the audit, as written (compared like identities). */
  adminEmails: setting<readonly string[]>(
    'ADMIN_EMAILS',
    'a comma-separated list of identities',
    v.pipe(
      v.string(),
      v.transform((raw) => raw.split(',').map((item) => item.trim()).filter((item) => item !== '')),
    ),
    [],
  ),
  /** Answered lookups per agent per hour. */
  agentLookupsPerHour: setting('AGENT_LOOKUPS_PER_HOUR', 'a whole number from 1 to 1000000', wholeNumber(1, 1_000_000), 60),
  /** Minutes a support contact code stays valid. */
  contactCodeMinutes: setting('CONTACT_CODE_MINUTES', 'a whole number of minutes from 1 to 1440', wholeNumber(1, 1440), 30),
};

type Settings = typeof SETTINGS;

/** Every var, parsed and typed. Reading one whose value was bad throws ConfigError. */
export type Config = { readonly [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never };

/** The var names, in the order their raw values make up the cache key. */
const NAMES = Object.values(SETTINGS).map((s) => s.name);

function parse(env: AppEnv): Config {
  const config = {};
  for (const [key, s] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    const raw: unknown = (env as Record<string, unknown>)[s.name];
    const text = typeof raw === 'string' ? raw.trim() : raw;
    const result = text === undefined || text === '' ? { success: true as const, output: s.fallback } : v.safeParse(s.schema, text);
    if (result.success) {
      Object.defineProperty(config, key, { value: result.output, enumerable: true });
      continue;
    }
    console.error(JSON.stringify({ event: 'bad_config', var: s.name, expected: s.expected }));
    const message = `${s.name} must be ${s.expected}`;
    Object.defineProperty(config, key, {
      enumerable: true,
      get() {
        throw new ConfigError(message);
      },
    });
  }
  return Object.freeze(config) as Config;
}

// The runtime hands every request of an isolate the same env object, so the first cache nearly always
// answers. Tests and the profile Worker hand in a fresh copy per request; for those the raw values are
// the key, so an unchanged configuration is still parsed only once.
const byEnv = new WeakMap<object, Config>();
const byValues = new Map<string, Config>();
const MAX_VALUE_SETS = 32;

/**
 * The configuration of `env`, parsed on first use and cached.
 *
 * @example
 * const { agentLookupsPerHour } = config(c.env); // a number, or ConfigError (503) if the var was bad
 */
export function config(env: AppEnv): Config {
  let parsed = byEnv.get(env);
  if (parsed) return parsed;
  const key = JSON.stringify(NAMES.map((name) => (env as Record<string, unknown>)[name] ?? null));
  parsed = byValues.get(key);
  if (!parsed) {
    parsed = parse(env);
    if (byValues.size >= MAX_VALUE_SETS) byValues.clear();
    byValues.set(key, parsed);
  }
  byEnv.set(env, parsed);
  return parsed;
}
