/**
 * The Worker's environment: the bindings and vars from wrangler.toml (generated into
 * worker-configuration.d.ts by `wrangler types`) plus the secrets, which are optional on purpose:
 * a deployment without them must fail closed, and the types make every reader handle that.
 *
 * Vars are optional here too, because a deployment may leave any of them out. Read them through
 * config(env) (src/config.ts), which parses each one once and fails closed on a bad value.
 */
type VarName =
  | 'RATE_LIMIT_PERIOD'
  | 'STATS_FLUSH_SECONDS'
  | 'TIME_ZONE'
  | 'TURNSTILE_SITE_KEY'
  | 'ACCESS_TEAM_DOMAIN'
  | 'ACCESS_AUD'
  | 'ACCESS_ADMIN_GROUP'
  | 'ADMIN_EMAILS'
  | 'AGENT_LOOKUPS_PER_HOUR'
  | 'CONTACT_CODE_MINUTES';

export type AppEnv = Omit<Env, VarName> &
  Partial<Pick<Env, VarName>> & {
    /** "<key id>:<base64 key>"; the current pepper. */
    PEPPER?: string;
    /** The pepper being rotated out, while datasets hashed with it are still active. */
    PEPPER_PREVIOUS?: string;
    /** Turnstile's secret; the bot check runs only when it and TURNSTILE_SITE_KEY are both set. */
    TURNSTILE_SECRET_KEY?: string;
    /**
     * Local development only (.dev.vars, written by `npm start`): switches on the console's development
     * sign-in from loopback and signs its cookie. At least 32 characters, or it stays off.
     */
    AGENT_DEV_LOGIN?: string;
  };

export type AppBindings = { Bindings: AppEnv };
