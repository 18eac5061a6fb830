/**
 * The import's fast parts give exactly what the slow, obvious ones they replace give, so a list imported
 * at speed answers every customer as the core would: the key-specialised HMAC and the import hasher
 * against node:crypto and the core's keyedHasher, the batched digest against the core's SetDigest, the
 * CSV reader's edge cases, and a whole import (several hashing threads, many spilled runs, duplicates
 * across them) against the core's in-memory AffectedSetBuilder, loaded into an in-memory SQLite database
 * with the project's migrations and read back through the data module.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { importHasher } from '../../src/cli/import/import-hasher.ts';
import { importList } from '../../src/cli/import/import-list.ts';
import { csvLines, splitLine } from '../../src/cli/import/csv-records.ts';
import { localFileLoader } from '../../src/cli/import/local-loader.ts';
import { RECORD, writeRecord } from '../../src/cli/import/packed.ts';
import { SetSummary } from '../../src/cli/import/set-summary.ts';
import { hmacSha256 } from '../../src/cli/import/sha256-hmac.ts';
import { SortedSpill } from '../../src/cli/import/sorted-spill.ts';
import { publishFile } from '../../src/cli/load-incident.ts';
import { localD1File } from '../../src/cli/d1/local-file.ts';
import { progress } from '../../src/cli/progress.ts';
import { SetDigest } from '../../src/core/affected-set.ts';
import { AffectedSetBuilder } from '../../src/core/affected-set-builder.ts';
import { hashMessage, keyedHasher, parsePepper } from '../../src/core/keyed-hash.ts';
import { normaliseEmail, normaliseOrderId } from '../../src/core/normalise.ts';
import { lookupEntry } from '../../src/data/entries.ts';
import { groupBits, incidentSalt } from '../../src/data/incidents.ts';
import { SqliteD1 } from '../../src/cli/d1/sqlite-d1.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const pepper = parsePepper('k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=');
const SALT = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const work = mkdtempSync(join(tmpdir(), 'amiaffected-import-parts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hashing', () => {
  it('HMAC-SHA256 for a fixed key equals node:crypto for every message length across block borders', () => {
    for (const keyLength of [32, 64, 65, 100]) {
      const key = randomBytes(keyLength);
      const mac = hmacSha256(key);
      for (let length = 0; length < 200; length++) {
        const message = randomBytes(length);
        expect(hex(mac(message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
      }
    }
  });

  it('the import hasher gives the core keyedHasher bytes, Unicode included', () => {
    const core = keyedHasher(pepper);
    const fast = importHasher(pepper);
    const values = [
      'affected@example.com',
      'ord-1001',
      'ｂｏｂ＠ｅｘａｍｐｌｅ．ｏｒｇ',
      'たろう@例え.jp',
      'émile@exämple.org',
      '😀@example.org',
      '',
      'x'.repeat(300),
      `a${'\u001f'}b`,
    ];
    for (const kind of ['email', 'order_id', 'email_factor'] as const) {
      for (const value of values) expect(hex(fast(SALT, kind, value))).toBe(hex(core(SALT, kind, value)));
    }
    // The pinned vector of test/worker/keyed-hash.test.ts.
    expect(hex(fast(SALT, 'email', 'affected@example.com'))).toBe('9b18d35302695af8cc275dcbac7f346d');
  });

  it('hashes salt ‖ 0x1F ‖ kind ‖ 0x1F ‖ UTF-8 value', () => {
    expect([...hashMessage(Uint8Array.of(1, 2), 'email', 'aé')]).toEqual([1, 2, 0x1f, ...Buffer.from('email'), 0x1f, 0x61, 0xc3, 0xa9]);
  });
});

describe('the local D1 file', () => {
  // Found in a running portal's state: test/e2e/local-d1-file.test.ts.
  it('is refused with a hint when the state was never set up', async () => {
    await expect(localD1File({ persistTo: join(work, 'no-state') })).rejects.toThrow(/npm run setup/);
  });
});

describe('set digest', () => {
  it('is byte for byte the core SetDigest, across batches, stores and masks above 32 bits', () => {
    const labels = ['Store A', 'ストア B'];
    const n = 5000;
    const buf = Buffer.alloc(n * RECORD);
    const entries = Array.from({ length: n }, (_, i) => ({ hash: randomBytes(16), groups: (i % 7) + 2 ** 40 * (i % 2), store: i % 3 === 2 ? null : i % 2 }));
    entries.forEach((e, i) => writeRecord(buf, i * RECORD, e.hash, e.groups, e.store));
    const fast = new SetSummary(labels);
    for (let i = 0; i < n; i += 777) fast.update(buf.subarray(i * RECORD), Math.min(777, n - i));
    const core = new SetDigest();
    for (const e of entries) core.update(e, e.store === null ? null : labels[e.store]!);
    expect(fast.digest()).toBe(core.hex());
    expect(fast.entries).toBe(n);
    expect(fast.perGroup(new Map([['a', 0], ['high', 40]]))).toEqual({
      a: entries.filter((e) => e.groups % 2 === 1).length,
      high: entries.filter((e) => e.groups >= 2 ** 40).length,
    });
  });
});

describe('CSV lines', () => {
  it('splits plain and quoted fields, trims ASCII blanks, and handles CRLF and empty lines', () => {
    expect(splitLine(' a@x.org , ORD-1 ,members|cards, Shop ')).toEqual(['a@x.org', 'ORD-1', 'members|cards', 'Shop']);
    expect(splitLine('"a@x.org", "Shop, Tokyo" ,"say ""hi""",')).toEqual(['a@x.org', 'Shop, Tokyo', 'say "hi"', '']);
    expect([...csvLines('a,b\r\n\r\nc,d\n', 2, 2)]).toEqual([
      { line: 2, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
    ]);
  });

  it('reports broken quoting and wrong field counts as malformed, by line', () => {
    expect(splitLine('a"b,c')).toBeNull();
    expect(splitLine('"a,b')).toBeNull();
    expect(splitLine('"a"b,c')).toBeNull();
    expect([...csvLines('a,b,c\n"x,y\nok,fine', 7, 2)]).toEqual([
      { line: 7, malformed: true },
      { line: 8, malformed: true },
      { line: 9, fields: ['ok', 'fine'] },
    ]);
  });
});

describe('sorted spill', () => {
  it('streams entries in hash order with duplicates merged across spilled runs, first store winning', async () => {
    const spill = new SortedSpill(64);
    const hashes = Array.from({ length: 300 }, () => randomBytes(16));
    const expected = new Map<string, { groups: number; store: number | null }>();
    // Every hash three times, in three distant places, so copies land in different runs.
    for (let round = 0; round < 3; round++) {
      const buf = Buffer.alloc(hashes.length * RECORD);
      hashes.forEach((h, i) => {
        const groups = 1 << ((i + round) % 5);
        const store = round === 0 && i % 2 === 0 ? null : round;
        writeRecord(buf, i * RECORD, h, groups, store);
        const seen = expected.get(hex(h));
        if (!seen) expected.set(hex(h), { groups, store });
        else {
          seen.groups |= groups;
          seen.store ??= store;
        }
      });
      await spill.add(buf, hashes.length);
    }
    const out: { hash: string; groups: number; store: number | null }[] = [];
    for await (const { records, count } of spill.merged(50)) {
      for (let i = 0; i < count; i++) {
        const at = i * RECORD;
        const store = records.readUInt32LE(at + 24);
        out.push({ hash: records.toString('hex', at, at + 16), groups: records.readDoubleLE(at + 16), store: store === 0xffffffff ? null : store });
      }
    }
    await spill.dispose();
    expect(out.map((e) => e.hash)).toEqual([...expected.keys()].sort());
    for (const e of out) expect({ groups: e.groups, store: e.store }).toEqual(expected.get(e.hash));
  });
});

describe('a whole import', () => {
  function memoryD1(): SqliteD1 {
    const sqlite = new DatabaseSync(':memory:');
    for (const f of readdirSync('migrations').sort()) sqlite.exec(readFileSync(join('migrations', f), 'utf8'));
    return new SqliteD1(sqlite);
  }

  it('loads what the core builder builds, from two threads and many runs, and answers through the data module', async () => {
    const local = memoryD1();
    const { slug } = await publishFile(local.d1, 'demo/demo.incident.json');
    const salt = (await incidentSalt(local.d1, slug))!;
    const bits = await groupBits(local.d1, slug);
    const rows = ['email,order_id,groups,store'];
    const records: Record<string, string>[] = [];
    for (let i = 0; i < 20_000; i++) {
      // Duplicates far apart (i and i + 10,000 share an address), full-width text, quoted store names.
      const email = i % 10 === 3 ? `ｕｓｅｒ${i % 10_000}＠ｅｘａｍｐｌｅ．ｏｒｇ` : `user${i % 10_000}@example.org`;
      const orderId = i % 4 === 0 ? `ORD-${10_000 + i}` : '';
      const groups = i % 3 === 0 ? 'members|cards' : i < 10_000 ? 'members' : 'cards';
      const store = i % 5 === 0 ? `Shop, no. ${i % 3}` : '';
      rows.push(`${email},${orderId},${groups},${store ? `"${store}"` : ''}`);
      records.push({ email, order_id: orderId, groups, store });
    }
    rows.push('not-an-email,,members,', 'x@example.org,,members', 'y@example.org,,no-such-group,');
    const file = join(work, 'list.csv');
    writeFileSync(file, rows.join('\r\n'));

    const pattern = /^ORD\d{4,}$/u; // the demo incident's
    const builder = new AffectedSetBuilder({ hash: keyedHasher(pepper), salt, groupBits: bits, orderIdPattern: pattern });
    for (const r of records) builder.add(r);
    const reference = builder.finish();

    const summary = await importList({
      db: local.d1,
      slug,
      file,
      pepper,
      progress: progress(true),
      workers: 2,
      spillEntries: 1000,
      loader: localFileLoader(local),
      acceptRejected: 3,
    });
    expect(summary.rowsRead).toBe(20_003);
    expect(summary.accepted).toBe(20_000);
    expect(summary.rejections).toBe(3);
    expect(summary.rejected).toEqual({
      invalid_email: { count: 1, lines: [20_002] },
      malformed_csv: { count: 1, lines: [20_003] },
      unknown_group: { count: 1, lines: [20_004] },
    });
    expect(summary.uniqueIdentifiers).toBe(reference.entries.length);
    expect(summary.digest).toBe(reference.digest);
    expect(summary.outcome).toBe('loaded');

    const hasher = keyedHasher(pepper);
    const emailHash = (raw: string) => {
      const n = normaliseEmail(raw);
      if (!n.ok) throw new Error('bad test address');
      return hasher(salt, 'email', n.value);
    };
    const both = await lookupEntry(local.d1, slug, emailHash('user3@example.org'));
    expect(both?.activeDataset).toBe(summary.dataset);
    // user3 appears as row 3 (members|cards) and row 10,003 (cards): merged.
    expect(both?.entry?.groups).toBe((1 << bits.get('members')!) | (1 << bits.get('cards')!));
    const stored = await lookupEntry(local.d1, slug, emailHash('user5@example.org'));
    expect(stored?.entry?.store).toBe('Shop, no. 2');
    const order = normaliseOrderId('ORD-10008', pattern);
    expect(order.ok && (await lookupEntry(local.d1, slug, hasher(salt, 'order_id', order.value)))?.entry).not.toBeNull();
    expect((await lookupEntry(local.d1, slug, emailHash('nobody@example.org')))?.entry).toBeNull();

    const again = await importList({ db: local.d1, slug, file, pepper, progress: progress(true), loader: localFileLoader(local), acceptRejected: 3 });
    expect(again.outcome).toBe('unchanged');
    local.sqlite.close();
  });
});
