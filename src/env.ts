/**
 * The Worker's environment: the bindings and vars from wrangler.toml (generated into
 * worker-configuration.d.ts by `wrangler types`) plus the secrets, which are optional on purpose:
 * a deployment without them must fail closed, and the types make every reader handle that.
 */
export type AppEnv = Env & {
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
