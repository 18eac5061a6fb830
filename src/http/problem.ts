/**
 * Errors as values: every failure a user can meet has a code, an HTTP status and a message in both
 * languages (errors.* in the catalogues). Anything unexpected becomes "unavailable" (503): the portal
 * fails closed and never turns an error into "not affected".
 */
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { LookupError } from '../lookup/public.ts';

export type ProblemCode =
  | LookupError
  | 'bot_check_failed'
  | 'empty_code'
  | 'invalid_request'
  | 'unknown_incident'
  | 'not_found'
  | 'rate_limited'
  | 'unavailable'
  | 'forbidden'
  | 'too_large'
  | 'unauthorized'
  | 'admin_only'
  | 'agent_limit';

const STATUS: Record<ProblemCode, ContentfulStatusCode> = {
  empty: 400,
  too_long: 400,
  invalid_email: 400,
  invalid_order_id: 400,
  invalid_factor: 400,
  factor_required: 400,
  email_required: 400,
  order_id_required: 400,
  bot_check_failed: 403,
  empty_code: 400,
  invalid_request: 400,
  unknown_incident: 404,
  not_found: 404,
  rate_limited: 429,
  unavailable: 503,
  forbidden: 403,
  too_large: 413,
  unauthorized: 401,
  admin_only: 403,
  agent_limit: 429,
};

/**
 * A failure with a meaning for the user. It is a hono HTTPException, so hono's own middleware and ours
 * speak one kind of error; the page or JSON for it is rendered in the user's language by the one error
 * handler (src/http/render-problem.tsx), never by getResponse().
 */
export class Problem extends HTTPException {
  override name = 'Problem';
  readonly code: ProblemCode;
  /** `cause` is logged (by name) for 503s, so the operator can tell a timeout from a missing table. */
  constructor(code: ProblemCode, cause?: unknown) {
    super(STATUS[code], { message: code, cause });
    this.code = code;
  }
}

/** Maps anything thrown to a Problem. Hono's own exceptions keep their meaning; the rest is a 503. */
export function toProblem(err: unknown): Problem {
  if (err instanceof Problem) return err;
  if (err instanceof HTTPException) {
    if (err.status === 413) return new Problem('too_large');
    if (err.status === 403) return new Problem('forbidden');
    if (err.status === 400) return new Problem('invalid_request');
  }
  return new Problem('unavailable');
}
