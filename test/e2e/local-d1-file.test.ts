/**
 * The CLI's local mode writes to the very database the running portal reads: it finds the D1 file where
 * `wrangler dev` keeps it, by the id workerd derives from the database id in wrangler.toml. (Its refusal
 * when no state was ever set up is a unit test: test/unit/import-parts.test.ts.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { d1Databases, durableObjectIdFromName, localD1File } from '../../src/cli/d1/local-file.ts';

describe('the local D1 file', () => {
  it('is found where wrangler dev keeps it, by the id workerd derives from the database id', async () => {
    const [db] = d1Databases(readFileSync('wrangler.toml', 'utf8')).filter((d) => d.binding === 'DB');
    expect(db?.database_id).toBeTruthy();
    const file = await localD1File({ persistTo: inject('stateDir') });
    expect(existsSync(file)).toBe(true);
    expect(file.endsWith(`/v3/d1/miniflare-D1DatabaseObject/${durableObjectIdFromName('miniflare-D1DatabaseObject', db!.database_id!)}.sqlite`)).toBe(true);
  });
});
