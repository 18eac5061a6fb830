/**
 * Public reads wait out a database locked by a local import (the local runtime reports it as a failed
 * session commit token) and give any other error back at once, so the request still fails closed.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { lockTolerant } from '../../src/data/locked-retry.ts';

function flaky(failures: number, message: string) {
  let calls = 0;
  const statement = {
    bind: () => statement,
    first: async () => {
      if (++calls <= failures) throw new Error(message);
      return { ok: 1 };
    },
  };
  const reader = { prepare: () => statement, batch: async () => [] } as unknown as D1Database;
  return { reader, calls: () => calls };
}

describe('reads of a locked database', () => {
  it('are retried until the lock is free', async () => {
    const db = flaky(3, 'D1_ERROR: Failed to get session commit token: internal error; reference = x');
    expect(await lockTolerant(db.reader).prepare('SELECT 1').bind().first()).toEqual({ ok: 1 });
    expect(db.calls()).toBe(4);
  });

  it('give other errors back at once', async () => {
    const db = flaky(1, 'D1_ERROR: no such table: entries');
    await expect(lockTolerant(db.reader).prepare('SELECT 1').first()).rejects.toThrow('no such table');
    expect(db.calls()).toBe(1);
  });

  it('run real statements and batches unchanged', async () => {
    const db = lockTolerant(env.DB.withSession('first-unconstrained'));
    expect(await db.prepare('SELECT ?1 AS n').bind(7).first('n')).toBe(7);
    const [a, b] = await db.batch([db.prepare('SELECT 1 AS n'), db.prepare('SELECT ?1 AS n').bind(2)]);
    expect([a!.results, b!.results]).toEqual([[{ n: 1 }], [{ n: 2 }]]);
  });
});
