/**
 * What an export can suffer before it reaches the import: Excel's damage to order IDs (named as its
 * own reason, beside the email of the same row, which is kept), and text encodings (UTF-8 with or
 * without BOM loads; Shift_JIS is decoded only on request; UTF-16 is refused; invalid text is found
 * by line).
 */
import { describe, expect, it } from 'vitest';
import { decodes, firstInvalidLine, ListEncodingError, parseEncoding, sniffEncoding } from '../../src/cli/import/encoding.ts';
import { RowReader } from '../../src/core/affected-set.ts';
import { excelDamage, excelPrecisionLoss, lostPrecision } from '../../src/core/excel-damage.ts';
import { keyedHasher, parsePepper } from '../../src/core/keyed-hash.ts';

/** 渋谷店 (Shibuya store) in Shift_JIS. */
const SHIBUYA_SJIS = [0x8f, 0x61, 0x92, 0x4a, 0x93, 0x58];

describe('Excel damage', () => {
  it('names each kind of damage', () => {
    for (const v of ['1.23457E+11', '1,23E+11', '1.2e+11', '9E+15', '１．２３Ｅ＋１１']) expect([v, excelDamage(v)]).toEqual([v, 'excel_scientific']);
    for (const v of ['#N/A', '#VALUE!', '#REF!', '#NAME?', '#DIV/0!', '#NUM!', '#NULL!', '####', '#n/a']) expect([v, excelDamage(v)]).toEqual([v, 'excel_error']);
    for (const v of ['=A2', '="00123"', '=VLOOKUP(A2,B:C,2,FALSE)']) expect([v, excelDamage(v)]).toEqual([v, 'excel_formula']);
    for (const v of ['12345.0', '12345.00']) expect([v, excelDamage(v)]).toEqual([v, 'excel_float']);
    for (const v of ['1234567890123450', '123456789012345000', '１２３４５６７８９０１２３４５０']) expect([v, excelDamage(v)]).toEqual([v, 'excel_precision']);
    for (const v of ['ORD-1001', '12345', '1234567890123456', 'not-an-email', '#hash', '12.5', 'E11']) expect([v, excelDamage(v)]).toEqual([v, null]);
  });

  it('calls a list damaged only when every one of at least three long order IDs has the zero tail', () => {
    expect(excelPrecisionLoss({ count: 1000, zeroTail: 1000 })).toBe(true);
    expect(excelPrecisionLoss({ count: 3, zeroTail: 3 })).toBe(true);
    expect(excelPrecisionLoss({ count: 2, zeroTail: 2 })).toBe(false);
    expect(excelPrecisionLoss({ count: 1000, zeroTail: 104 })).toBe(false);
    expect(excelPrecisionLoss({ count: 0, zeroTail: 0 })).toBe(false);
  });

  it('finds lost precision only in digit-only values past 15 digits', () => {
    expect(lostPrecision('123456789012345')).toBe(false);
    expect(lostPrecision('1234567890123450')).toBe(true);
    expect(lostPrecision('1234567890123451')).toBe(false);
    expect(lostPrecision('1234-5678-9012-3450')).toBe(false);
  });

  it('keeps the valid email of a row whose order ID Excel damaged, and names the damage per field', () => {
    const reader = new RowReader({ hash: keyedHasher(parsePepper('k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=')), salt: new Uint8Array(16), groupBits: new Map([['members', 0]]) });
    const row = (order_id: string) => reader.read({ email: 'alice@example.org', order_id, groups: 'members' });
    expect(row('1.23457E+11')).toMatchObject({ rejections: [{ column: 'order_id', reason: 'excel_scientific' }] });
    expect(row('1.23457E+11').hashes).toHaveLength(1);
    // One long ID ending in zeros proves nothing (a real one does so one time in ten): it is kept, and
    // only counted; a whole column of them stops the import (excelPrecisionLoss).
    expect(row('1234567890123450000')).toMatchObject({ rejections: [] });
    expect(row('1234567890123450000').hashes).toHaveLength(2);
    expect(reader.tally.longOrderIds).toEqual({ count: 2, zeroTail: 2 });
    expect(row('12345.0').rejections).toEqual([{ column: 'order_id', reason: 'excel_float' }]);
    expect(row('1234567890123456789')).toMatchObject({ rejections: [] });
    expect(row('1234567890123456789').hashes).toHaveLength(2);
    expect(reader.read({ email: '#N/A', groups: 'members' }).rejections).toEqual([{ column: 'email', reason: 'excel_error' }]);
    expect(reader.read({ email: 'bob@example.org', groups: '#REF!' }).rejections).toEqual([{ column: 'groups', reason: 'excel_error' }]);
  });
});

describe('encodings', () => {
  const ascii = (s: string) => Buffer.from(s, 'utf8');
  const sjis = Uint8Array.from([...ascii('email,groups,store\nx@example.org,members,'), ...SHIBUYA_SJIS, 0x0a]);

  it('parses the --encoding names', () => {
    for (const n of ['shift_jis', 'Shift-JIS', 'cp932', 'CP932', 'sjis', 'windows-31j', 'MS932']) expect(parseEncoding(n)).toBe('shift_jis');
    expect(parseEncoding('UTF-8')).toBe('utf-8');
    expect(() => parseEncoding('latin1')).toThrow(ListEncodingError);
  });

  it('reads UTF-8 with or without a BOM', () => {
    expect(sniffEncoding(ascii('email,groups\n'), undefined, true)).toEqual({ encoding: 'utf-8', skip: 0 });
    expect(sniffEncoding(ascii('\uFEFFemail,groups,store\na@b.jp,m,店\n'), undefined, true)).toEqual({ encoding: 'utf-8', skip: 3 });
  });

  it('refuses Shift_JIS read as UTF-8 with advice, and reads it on request', () => {
    expect(() => sniffEncoding(sjis, undefined, true)).toThrow(/looks like Shift_JIS.*--encoding shift_jis.*CSV UTF-8/);
    expect(sniffEncoding(sjis, 'shift_jis', true)).toEqual({ encoding: 'shift_jis', skip: 0 });
    expect(new TextDecoder('shift_jis', { fatal: true }).decode(Uint8Array.from(SHIBUYA_SJIS))).toBe('渋谷店');
  });

  it('refuses UTF-8 read as Shift_JIS, UTF-16, and NUL bytes', () => {
    expect(() => sniffEncoding(ascii('email,groups,store\na@b.jp,m,渋谷店\n'), 'shift_jis', true)).toThrow(/is UTF-8, not Shift_JIS/);
    expect(() => sniffEncoding(ascii('\uFEFFemail,groups\n'), 'shift_jis', true)).toThrow(/byte-order mark/);
    expect(() => sniffEncoding(Uint8Array.from([0xff, 0xfe, 0x65, 0]), undefined, true)).toThrow(/UTF-16.*CSV UTF-8/);
    expect(() => sniffEncoding(Uint8Array.from([0xfe, 0xff, 0, 0x65]), undefined, true)).toThrow(/UTF-16/);
    expect(() => sniffEncoding(Uint8Array.from([0x65, 0, 0x6d, 0]), undefined, true)).toThrow(/NUL bytes/);
  });

  it('finds the first invalid line of a block', () => {
    const block = Uint8Array.from([...ascii('a@b.jp,m,ok\r\nc@d.jp,m,'), 0xff, ...ascii('\nlast,m,\n')]);
    expect(decodes(block, 'utf-8')).toBe(false);
    expect(firstInvalidLine(block, 10, 'utf-8')).toBe(11);
  });
});

describe('group codes as spreadsheets write them', () => {
  it('reads "Members" and full-width codes and separators as the codes they are', () => {
    const reader = new RowReader({ hash: keyedHasher(parsePepper('k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=')), salt: new Uint8Array(16), groupBits: new Map([['members', 0], ['cards', 1]]) });
    for (const groups of ['Members|CARDS', 'ｍｅｍｂｅｒｓ｜ｃａｒｄｓ', ' members | cards ']) {
      const read = reader.read({ email: 'alice@example.org', groups });
      expect([groups, read.rejections, read.mask]).toEqual([groups, [], 0b11]);
    }
    expect(reader.read({ email: 'alice@example.org', groups: 'members;cards' }).rejections).toEqual([{ column: 'groups', reason: 'unknown_group' }]);
  });

  it('counts the people known by order ID alone, whom an email notice cannot find', () => {
    const reader = new RowReader({ hash: keyedHasher(parsePepper('k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=')), salt: new Uint8Array(16), groupBits: new Map([['members', 0]]) });
    reader.read({ order_id: 'ORD-1001', groups: 'members' });
    reader.read({ email: 'not-an-email', order_id: 'ORD-1002', groups: 'members' });
    reader.read({ email: 'alice@example.org', order_id: 'ORD-1003', groups: 'members' });
    reader.read({ email: 'bob@example.org', groups: 'members' });
    expect(reader.tally.contents()).toMatchObject({ emails: 2, orderIds: 3, orderIdOnly: 2 });
  });
});
