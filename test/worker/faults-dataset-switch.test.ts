/**
 * A new list switched on in the middle of traffic: every answer given meanwhile, by the check API, the
 * incident form or a notice link, is the old list's or the new list's (or "cannot answer"), never a mix
 * and never wrong; once the switch is done, every answer is the new list's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { baseEnv, cannotAnswer, jsonGroups, pageAffected } from './fault-routes.ts';
import { checkRequest, fetchWith, formRequest, newClientIp, ORIGIN } from './http.ts';
import { definitionFor, importRows, issueCode, listVersionA as rowsA, listVersionB as rowsB, publish } from './seed.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a dataset switch in the middle of traffic', () => {
  // rowsA → rowsB: one person leaves, one joins and one changes groups.
  /** The correct JSON answer per email under each version. */
  const truth: Record<string, [string[] | null, string[] | null]> = {
    'leaving@example.com': [['cards', 'members'], null],
    'staying@example.com': [['members'], ['cards', 'members']],
    'joining@example.com': [null, ['cards']],
  };

  it('answers every lookup from the old list or the new one, never a mix and never wrong', async () => {
    const slug = 'faults-switch';
    await publish(definitionFor(slug));
    await importRows(slug, rowsA);
    // A notice to someone who leaves the list: A says affected, B says not.
    const notice = await issueCode(slug, 'leaving@example.com');
    const emails = Object.keys(truth);

    type Seen = { version: 0 | 1 | 'cannot answer' };
    /** One lookup by a random route; which versions its answer is consistent with. */
    async function lookupOnce(i: number): Promise<Seen['version'][]> {
      const route = i % 3;
      // The notice link always stands for the person it was sent to.
      const email = route === 2 ? 'leaving@example.com' : emails[Math.floor(i / 3) % emails.length]!;
      const [a, b] = truth[email]!;
      const versions = (matches: (expected: string[] | null) => boolean) =>
        ([0, 1] as const).filter((v) => matches(v === 0 ? a : b));
      switch (route) {
        case 0: {
          const res = await fetchWith(checkRequest({ incident: slug, email }), baseEnv);
          if (res.status === 503) return [(await cannotAnswer(res)) as 'cannot answer'];
          expect(res.status).toBe(200);
          const groups = await jsonGroups(res);
          return versions((expected) => JSON.stringify(expected) === JSON.stringify(groups));
        }
        case 1: {
          const res = await fetchWith(formRequest(slug, { identifier: email }), baseEnv);
          if (res.status === 503) return [(await cannotAnswer(res)) as 'cannot answer'];
          expect(res.status).toBe(200);
          const affected = await pageAffected(res);
          return versions((expected) => (expected !== null) === affected);
        }
        default: {
          const res = await fetchWith(new Request(`${ORIGIN}/n/${notice}`, { headers: { 'cf-connecting-ip': newClientIp() } }), baseEnv);
          if (res.status === 503) return [(await cannotAnswer(res)) as 'cannot answer'];
          expect(res.status).toBe(200);
          const affected = await pageAffected(res);
          return versions((expected) => (expected !== null) === affected);
        }
      }
    }

    let during = 0;
    for (let round = 0; round < 6; round++) {
      const next = round % 2 === 0 ? 1 : 0;
      let done = false;
      const importing = importRows(slug, next === 1 ? rowsB : rowsA).finally(() => {
        done = true;
      });
      // Waves of concurrent lookups for as long as the import runs.
      while (!done) {
        const wave = await Promise.all(Array.from({ length: 12 }, (_, i) => lookupOnce(i + during)));
        during += wave.length;
        for (const consistent of wave) expect(consistent.length, 'an answer that matches neither list').toBeGreaterThan(0);
      }
      await importing;
      // Once the switch is done, every answer is the new list's.
      for (let i = 0; i < 6; i++) expect(await lookupOnce(i), `after round ${round}, lookup ${i}`).toContain(next);
    }
    expect(during).toBeGreaterThan(0);
    // Six imports with waves of lookups between them: seconds on a busy two-core machine.
  }, 60_000);
});
