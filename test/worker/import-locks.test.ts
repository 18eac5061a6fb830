/**
 * Two imports never load into one incident at once, so customers never get answers from a mix of two
 * lists. The lock's statements against D1 in workerd: one holder per incident, taken in one statement;
 * a resumed import takes over only its own lock (same token) from the holder it names; a release by a
 * stale token leaves the current holder alone; clearing removes whoever holds it.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { clearImportLock, type ImportLock, readImportLock, releaseImportLock, takeImportLock } from '../../src/data/import-locks.ts';

let n = 0;
function lockOf(incident: string, token: string, pid = 100): ImportLock {
  return { incident, token, startedAt: '2026-11-21T09:00:00.000Z', host: 'operator-laptop', pid };
}

describe('import locks', () => {
  it('give an incident to one import at a time, and free it on release', async () => {
    const incident = `locks-${++n}`;
    expect(await takeImportLock(env.DB, lockOf(incident, 'first'))).toBe(true);
    expect(await takeImportLock(env.DB, lockOf(incident, 'second', 200))).toBe(false);
    expect(await readImportLock(env.DB, incident)).toEqual(lockOf(incident, 'first'));
    // Another incident is not held up.
    expect(await takeImportLock(env.DB, lockOf(`${incident}-other`, 'second'))).toBe(true);

    await releaseImportLock(env.DB, incident, 'second');
    expect((await readImportLock(env.DB, incident))?.token).toBe('first');
    await releaseImportLock(env.DB, incident, 'first');
    expect(await readImportLock(env.DB, incident)).toBeNull();
    expect(await takeImportLock(env.DB, lockOf(incident, 'second', 200))).toBe(true);
  });

  it('are taken over only by the same token, from the holder it names', async () => {
    const incident = `locks-${++n}`;
    await takeImportLock(env.DB, lockOf(incident, 'resumable', 100));
    const again = { ...lockOf(incident, 'resumable', 300), startedAt: '2026-11-21T10:00:00.000Z' };
    expect(await takeImportLock(env.DB, again)).toBe(false);
    expect(await takeImportLock(env.DB, again, { host: 'operator-laptop', pid: 999 })).toBe(false);
    expect(await takeImportLock(env.DB, lockOf(incident, 'stranger', 300), { host: 'operator-laptop', pid: 100 })).toBe(false);
    expect(await takeImportLock(env.DB, again, { host: 'operator-laptop', pid: 100 })).toBe(true);
    expect(await readImportLock(env.DB, incident)).toEqual(again);
  });

  it('are cleared whoever holds them', async () => {
    const incident = `locks-${++n}`;
    expect(await clearImportLock(env.DB, incident)).toBeNull();
    await takeImportLock(env.DB, lockOf(incident, 'crashed'));
    expect(await clearImportLock(env.DB, incident)).toEqual(lockOf(incident, 'crashed'));
    expect(await takeImportLock(env.DB, lockOf(incident, 'next'))).toBe(true);
  });
});
