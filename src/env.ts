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
};

export type AppBindings = { Bindings: AppEnv };
