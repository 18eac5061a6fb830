/**
 * MDN's HTTP Observatory scoring table (src/grader/charts.js SCORE_TABLE in
 * github.com/mdn/mdn-http-observatory): each result of its ten tests, with the modifier it adds to the
 * score and whether the test passes. observatory-grader.ts grades with it.
 */

/** Result name (as the Observatory reports it) → [modifier, whether the test passes]. */
export const SCORE_TABLE = {
  // Content Security Policy
  'csp-implemented-with-no-unsafe-default-src-none': [10, true],
  'csp-implemented-with-no-unsafe': [5, true],
  'csp-implemented-with-unsafe-inline-in-style-src-only': [0, true],
  'csp-implemented-with-insecure-scheme-in-passive-content-only': [-10, true],
  'csp-implemented-with-unsafe-eval': [-10, false],
  'csp-implemented-with-unsafe-inline': [-20, false],
  'csp-implemented-with-insecure-scheme': [-20, false],
  'csp-header-invalid': [-25, false],
  'csp-not-implemented': [-25, false],
  // Cookies
  'cookies-secure-with-httponly-sessions-and-samesite': [5, true],
  'cookies-secure-with-httponly-sessions': [0, true],
  'cookies-not-found': [0, true],
  'cookies-without-secure-flag-but-protected-by-hsts': [-5, false],
  'cookies-session-without-secure-flag-but-protected-by-hsts': [-10, false],
  'cookies-without-secure-flag': [-20, false],
  'cookies-samesite-flag-invalid': [-20, false],
  'cookies-anticsrf-without-samesite-flag': [-20, false],
  'cookies-session-without-httponly-flag': [-30, false],
  'cookies-session-without-secure-flag': [-40, false],
  // Cross-origin Resource Sharing
  'cross-origin-resource-sharing-not-implemented': [0, true],
  'cross-origin-resource-sharing-implemented-with-public-access': [0, true],
  'cross-origin-resource-sharing-implemented-with-restricted-access': [0, true],
  'cross-origin-resource-sharing-implemented-with-universal-access': [-50, false],
  // Redirection
  'redirection-not-needed-no-http': [0, true],
  // Referrer Policy
  'referrer-policy-private': [5, true],
  'referrer-policy-not-implemented': [0, true],
  'referrer-policy-unsafe': [-5, false],
  'referrer-policy-header-invalid': [-5, false],
  // HTTP Strict Transport Security ("six months" is 15552000 s in the scanner's check)
  'hsts-implemented-max-age-at-least-six-months': [0, true],
  'hsts-implemented-max-age-less-than-six-months': [-10, false],
  'hsts-not-implemented': [-20, false],
  'hsts-header-invalid': [-20, false],
  // Subresource Integrity
  'sri-implemented-and-all-scripts-loaded-securely': [5, true],
  'sri-implemented-and-external-scripts-loaded-securely': [5, true],
  'sri-not-implemented-response-not-html': [0, true],
  'sri-not-implemented-but-no-scripts-loaded': [0, true],
  'sri-not-implemented-but-all-scripts-loaded-from-secure-origin': [0, true],
  'sri-not-implemented-but-external-scripts-loaded-securely': [-5, false],
  'sri-not-implemented-and-external-scripts-not-loaded-securely': [-50, false],
  // X-Content-Type-Options
  'x-content-type-options-nosniff': [0, true],
  'x-content-type-options-not-implemented': [-5, false],
  'x-content-type-options-header-invalid': [-5, false],
  // X-Frame-Options
  'x-frame-options-implemented-via-csp': [5, true],
  'x-frame-options-sameorigin-or-deny': [0, true],
  'x-frame-options-not-implemented': [-20, false],
  'x-frame-options-header-invalid': [-20, false],
  // Cross-Origin-Resource-Policy
  'cross-origin-resource-policy-implemented-with-same-origin': [10, true],
  'cross-origin-resource-policy-implemented-with-same-site': [10, true],
  'cross-origin-resource-policy-implemented-with-cross-origin': [0, true],
  'cross-origin-resource-policy-not-implemented': [0, true],
  'cross-origin-resource-policy-header-invalid': [-5, false],
} as const satisfies Record<string, readonly [number, boolean]>;

export type Result = keyof typeof SCORE_TABLE;
