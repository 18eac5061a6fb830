/**
 * Datasets and republishing as the operator CLI drives them: a re-import replaces the answer atomically,
 * group bits survive a republish, and a half-finished import changes nothing a customer sees. Each test
 * owns an incident of its own, so they hold in any order.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { withBit } from '../../src/core/group-mask.ts';
import { keyedHasher, parsePepper } from '../../src/core/keyed-hash.ts';
import { activeDataset, beginDataset } from '../../src/data/datasets.ts';
import { insertEntries } from '../../src/data/entries.ts';
import { groupBits, incidentSalt } from '../../src/data/incidents.ts';
import { check } from './http.ts';
import { bindingFor, definitionFor, demoRows, importRows, listVersionA as rowsA, listVersionB as rowsB, publish } from './seed.ts';

const EMAILS_ONLY = { emails: 1, orderIds: 0, orderIdShapes: { level: 1, shapes: [] } } as const;

let incidents = 0;
async function newIncident(groupsReversed = false): Promise<string> {
  const slug = `datasets-${++incidents}`;
  const def = definitionFor(slug);
  await publish(groupsReversed ? { ...def, groups: [...def.groups].reverse() } : def);
  return slug;
}

/** The group codes a customer is told about (sorted: their order is presentation), or null for "not affected". */
async function groupsOf(slug: string, identifier: { email: string } | { orderId: string }): Promise<string[] | null> {
  const res = await check({ incident: slug, ...identifier });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await res.json<{ affected: boolean; groups: { code: string }[] }>();
  expect(body.affected).toBe(body.groups.length > 0);
  return body.affected ? body.groups.map((g) => g.code).sort() : null;
}

async function expectDemoAnswers(slug: string) {
  expect(await groupsOf(slug, { email: 'affected@example.com' })).toEqual(['cards', 'members']);
  expect(await groupsOf(slug, { email: 'member-only@example.com' })).toEqual(['members']);
  expect(await groupsOf(slug, { orderId: 'ORD-1001' })).toEqual(['cards']);
  expect(await groupsOf(slug, { email: 'nobody@example.com' })).toBeNull();
}


describe('re-import', () => {
  it('replaces the answer with the new list', async () => {
    const slug = await newIncident();
    expect((await importRows(slug, rowsA)).changed).toBe(true);
    expect(await groupsOf(slug, { email: 'leaving@example.com' })).toEqual(['cards', 'members']);
    expect(await groupsOf(slug, { email: 'staying@example.com' })).toEqual(['members']);
    expect(await groupsOf(slug, { email: 'joining@example.com' })).toBeNull();

    expect((await importRows(slug, rowsB)).changed).toBe(true);
    expect(await groupsOf(slug, { email: 'leaving@example.com' })).toBeNull();
    expect(await groupsOf(slug, { email: 'staying@example.com' })).toEqual(['cards', 'members']);
    expect(await groupsOf(slug, { email: 'joining@example.com' })).toEqual(['cards']);
  });

  it('of the same rows changes nothing and keeps the active dataset', async () => {
    const slug = await newIncident();
    const first = await importRows(slug, rowsA);
    // Same people in another order, another case and another width: the same set once normalised.
    const again = await importRows(slug, [
      { email: 'ＳＴＡＹＩＮＧ＠ＥＸＡＭＰＬＥ．ＣＯＭ', groups: 'members' },
      { email: 'Leaving@Example.com', groups: 'cards|members' },
    ]);
    expect(again).toEqual({ dataset: first.dataset, changed: false });
    expect((await activeDataset(env.DB, slug))?.id).toBe(first.dataset);
    expect(await groupsOf(slug, { email: 'leaving@example.com' })).toEqual(['cards', 'members']);
  });

  it('with a different store label is a change', async () => {
    const slug = await newIncident();
    await importRows(slug, [{ email: 'shopper@example.com', groups: 'cards', store: 'Old Shop' }]);
    const res = await importRows(slug, [{ email: 'shopper@example.com', groups: 'cards', store: 'New Shop' }]);
    expect(res.changed).toBe(true);
    const body = await (await check({ incident: slug, email: 'shopper@example.com' })).json<{ store: string }>();
    expect(body.store).toBe('New Shop');
  });

  it('answers for every incident from its own list', async () => {
    const one = await newIncident();
    const two = await newIncident();
    await importRows(one, rowsA);
    await importRows(two, rowsB);
    expect(await groupsOf(one, { email: 'leaving@example.com' })).toEqual(['cards', 'members']);
    expect(await groupsOf(two, { email: 'leaving@example.com' })).toBeNull();
  });
});

describe('republishing', () => {
  it('with the groups in another order keeps every answer right', async () => {
    const slug = await newIncident();
    await importRows(slug, demoRows);
    await expectDemoAnswers(slug);

    const def = definitionFor(slug);
    const reordered = { ...def, groups: [...def.groups].reverse() };
    reordered.text.en.title = 'Member and card data exposed at Sample Mall (updated)';
    expect((await publish(reordered)).changed).toBe(true);
    await expectDemoAnswers(slug);
  });

  it('keeps the bit each group got when it was first published', async () => {
    const slug = await newIncident();
    const before = await groupBits(env.DB, slug);
    const def = definitionFor(slug);
    await publish({ ...def, groups: [...def.groups].reverse() });
    expect(await groupBits(env.DB, slug)).toEqual(before);
  });

  it('of an incident first published with the groups reversed answers the same', async () => {
    const slug = await newIncident(true);
    await importRows(slug, demoRows);
    await expectDemoAnswers(slug);
    await publish(definitionFor(slug));
    await expectDemoAnswers(slug);
  });

  it('with a new group keeps the old answers and can then import people into it', async () => {
    const slug = await newIncident();
    await importRows(slug, demoRows);
    const def = definitionFor(slug);
    const logins = { ...structuredClone(def.groups[0]!), code: 'logins', dataClasses: ['login' as const] };
    await publish({ ...def, groups: [logins, ...def.groups] });
    await expectDemoAnswers(slug);

    await importRows(slug, [...demoRows, { email: 'login-only@example.com', groups: 'logins' }]);
    expect(await groupsOf(slug, { email: 'login-only@example.com' })).toEqual(['logins']);
    await expectDemoAnswers(slug);
  });
});

describe('an import that never finished', () => {
  it('changes no answer', async () => {
    const slug = await newIncident();
    await importRows(slug, demoRows);
    await expectDemoAnswers(slug);
    const active = await activeDataset(env.DB, slug);

    // Load nobody@ into a new dataset, as an import that stopped before its final switch would leave it.
    const pepper = parsePepper(env.PEPPER);
    const hash = keyedHasher(pepper)((await incidentSalt(env.DB, slug))!, 'email', 'nobody@example.com');
    const bits = await groupBits(env.DB, slug);
    const loading = await beginDataset(env.DB, slug, { binding: await bindingFor(slug), contents: EMAILS_ONLY });
    await insertEntries(env.DB, loading, [{ hash, groups: withBit(0, bits.get('members')!), store: null }]);

    expect(loading).not.toBe(active?.id);
    expect(await activeDataset(env.DB, slug)).toEqual(active);
    await expectDemoAnswers(slug);
  });

  it('does not stop the next complete import from taking over', async () => {
    const slug = await newIncident();
    await importRows(slug, rowsA);
    await beginDataset(env.DB, slug, { binding: await bindingFor(slug), contents: EMAILS_ONLY });
    await importRows(slug, rowsB);
    expect(await groupsOf(slug, { email: 'leaving@example.com' })).toBeNull();
    expect(await groupsOf(slug, { email: 'joining@example.com' })).toEqual(['cards']);
  });
});
