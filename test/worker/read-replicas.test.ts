/**
 * With D1 read replication on, only reads made through a session (withSession) may go to a replica.
 * Public reads (lookups, notice links, verify, pages) must open one with 'first-unconstrained', and the
 * agent's audited lookup, a write, must stay on the primary. A recording binding shows which path each
 * statement took.
 */
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessEnv, accessToken, stubAccessCerts, viaAccess } from './access.ts';
import { checkRequest, fetchWith, formRequest, ORIGIN, verifyRequest } from './http.ts';
import { issueCode } from './seed.ts';

interface Statement {
  /** 'primary', or the session constraint the statement was prepared under. */
  readonly via: string;
  readonly sql: string;
}

function recordingDb(real: D1Database) {
  const statements: Statement[] = [];
  const sessions: string[] = [];
  const reader = (target: Pick<D1Database, 'prepare' | 'batch'>, via: string) => ({
    prepare: (sql: string) => {
      statements.push({ via, sql: sql.trim().split(/\s+/).slice(0, 2).join(' ') });
      return target.prepare(sql);
    },
    batch: (list: D1PreparedStatement[]) => target.batch(list),
  });
  const db = {
    ...reader(real, 'primary'),
    exec: (sql: string) => real.exec(sql),
    withSession: (constraint: D1SessionConstraint) => {
      sessions.push(constraint);
      return reader(real.withSession(constraint), constraint);
    },
  } as unknown as D1Database;
  return { db, statements, sessions };
}

let notice = '';
beforeAll(async () => {
  notice = await issueCode('demo', 'affected@example.com');
});
afterEach(() => vi.restoreAllMocks());

const reads = (statements: Statement[]) => statements.filter((s) => s.sql.startsWith('SELECT'));

describe('public reads go through a replica session', () => {
  const publicRequests: [string, () => Request][] = [
    ['the check API', () => checkRequest({ incident: 'demo', email: 'affected@example.com' })],
    ['the check form', () => formRequest('demo', { identifier: 'affected@example.com' })],
    ['a notice link', () => new Request(`${ORIGIN}/n/${notice}`, { headers: { 'cf-connecting-ip': '192.0.2.77' } })],
    ['the verify API', () => verifyRequest({ code: notice })],
    ['the start page', () => new Request(`${ORIGIN}/`)],
    ['the incident page', () => new Request(`${ORIGIN}/i/demo`)],
  ];

  it.each(publicRequests)('%s reads only through first-unconstrained sessions', async (_name, request) => {
    const recording = recordingDb(env.DB);
    const res = await fetchWith(request(), { DB: recording.db });
    expect(res.status).toBe(200);
    expect(reads(recording.statements).length).toBeGreaterThan(0);
    for (const s of reads(recording.statements)) expect(s).toEqual({ via: 'first-unconstrained', sql: s.sql });
    expect(recording.sessions.every((c) => c === 'first-unconstrained')).toBe(true);
  });
});

describe('the agent lookup stays on the primary', () => {
  it('writes its audit row and reads its answer without a session', async () => {
    stubAccessCerts();
    const recording = recordingDb(env.DB);
    const req = new Request(`${ORIGIN}/api/v1/agent/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...viaAccess(await accessToken()) },
      body: JSON.stringify({ incident: 'demo', email: 'affected@example.com' }),
    });
    const res = await fetchWith(req, { ...accessEnv, DB: recording.db });
    expect(res.status).toBe(200);
    expect(recording.sessions).toEqual([]);
    expect(recording.statements.some((s) => s.via === 'primary' && s.sql.startsWith('INSERT'))).toBe(true);
  });
});
