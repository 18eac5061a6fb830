/**
 * The Observatory grader the other observatory-*.test.ts files rely on grades header sets whose grade is
 * known as the Observatory does, so an A+ it gives the portal is an A+ a scan would give.
 */
import { describe, expect, it } from 'vitest';
import { grade } from './observatory-grader.ts';

describe('the scorer', () => {
  it('grades a response with no security headers as the Observatory does (30, D)', () => {
    const g = grade({ headers: new Headers({ 'content-type': 'text/plain' }) });
    // CSP -25, HSTS -20, X-Content-Type-Options -5, X-Frame-Options -20.
    expect(g).toMatchObject({ score: 30, grade: 'D' });
    expect(g.failing).toHaveLength(4);
  });

  it('takes bonuses away below 90, and fails unsafe-inline, short HSTS and a leaky referrer policy', () => {
    const g = grade({
      headers: new Headers({
        'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
        'strict-transport-security': 'max-age=86400',
        'referrer-policy': 'unsafe-url',
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'same-origin',
      }),
    });
    expect(g.results['content-security-policy']).toBe('csp-implemented-with-unsafe-inline');
    expect(g.results['strict-transport-security']).toBe('hsts-implemented-max-age-less-than-six-months');
    // 100 - 20 - 10 - 5 = 65; the frame-ancestors and CORP bonuses do not count below 90.
    expect(g).toMatchObject({ score: 65, grade: 'B-' });
  });

  it('fails a cookie without Secure, HttpOnly or SameSite, and an origin reflected with credentials', () => {
    const headers = new Headers({ 'access-control-allow-origin': 'https://evil.example', 'access-control-allow-credentials': 'true' });
    headers.append('set-cookie', 'agent_dev=x; Path=/');
    const g = grade({ headers, requestOrigin: 'https://evil.example' });
    // The worst of its faults counts: no Secure and no HSTS to make up for it (-40).
    expect(g.results.cookies).toBe('cookies-session-without-secure-flag');
    expect(g.results['cross-origin-resource-sharing']).toBe('cross-origin-resource-sharing-implemented-with-universal-access');
  });
});
