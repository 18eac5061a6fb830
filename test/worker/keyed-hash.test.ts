/**
 * Vectors for the keyed hash that stands in for every identifier in D1. The CLI hashes at import time and
 * the Worker at lookup time; a silent change on either side would turn every affected customer into
 * "not affected", so the exact output is pinned here.
 */
import { describe, expect, it } from 'vitest';
import { HASH_BYTES, keyedHash, keyedHasher, type Pepper, PepperError, parsePepper } from '../../src/core/keyed-hash.ts';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
const base64Of = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

// Bytes 0..31 as the key and 0xA0..0xAF as the salt: easy to reproduce with any HMAC tool.
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const SALT = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const PEPPER_TEXT = 'k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';

describe('parsePepper', () => {
  it('reads "<key id>:<base64 of 32 bytes>"', () => {
    const pepper = parsePepper(PEPPER_TEXT);
    expect(pepper.id).toBe('k1');
    expect([...pepper.key]).toEqual([...KEY]);
  });

  it('accepts longer keys and surrounding whitespace (as pasted into a secret)', () => {
    expect(parsePepper(`k-2_b:${base64Of(new Uint8Array(64).fill(7))}`).key).toHaveLength(64);
    expect(parsePepper(` ${PEPPER_TEXT}\n`).id).toBe('k1');
  });

  it.each([
    ['a key shorter than 32 bytes', `k1:${base64Of(new Uint8Array(31))}`],
    ['no key id', base64Of(KEY)],
    ['an empty key id', `:${base64Of(KEY)}`],
    ['an empty key', 'k1:'],
    ['a key id with a space', `k 1:${base64Of(KEY)}`],
    ['a key id over 32 characters', `${'k'.repeat(33)}:${base64Of(KEY)}`],
    ['a key that is not base64', `k1:${'!'.repeat(44)}`],
    ['base64 of the wrong length', `k1:${base64Of(KEY).slice(0, 41)}`],
    ['nothing at all', ''],
    ['undefined', undefined],
  ])('refuses %s', (_, text) => {
    expect(() => parsePepper(text)).toThrow(PepperError);
  });
});

describe('keyedHash', () => {
  const pepper = parsePepper(PEPPER_TEXT);

  it('matches the pinned vectors', () => {
    expect(hex(keyedHash(pepper, SALT, 'email', 'affected@example.com'))).toBe('9b18d35302695af8cc275dcbac7f346d');
    expect(hex(keyedHash(pepper, SALT, 'order_id', 'ORD1001'))).toBe('e4b5a1467f33a4529a4aa48e5eb16565');
  });

  it('is HMAC-SHA256(pepper, salt ‖ 0x1F ‖ kind ‖ 0x1F ‖ value) cut to 16 bytes, as the spec says', async () => {
    const key = await crypto.subtle.importKey('raw', KEY, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const message = new Uint8Array([...SALT, 0x1f, ...new TextEncoder().encode('email'), 0x1f, ...new TextEncoder().encode('affected@example.com')]);
    const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, message));
    expect(hex(keyedHash(pepper, SALT, 'email', 'affected@example.com'))).toBe(hex(mac.subarray(0, 16)));
  });

  it('gives 16 bytes, the same ones every time', () => {
    const a = keyedHash(pepper, SALT, 'email', 'member-only@example.com');
    expect(HASH_BYTES).toBe(16);
    expect(a.byteLength).toBe(16);
    expect(hex(keyedHash(pepper, SALT, 'email', 'member-only@example.com'))).toBe(hex(a));
  });

  it('the prepared hasher agrees with the one-off form over many calls', () => {
    const hash = keyedHasher(pepper);
    for (const value of ['a@example.com', 'b@example.com', 'a@example.com']) {
      expect(hex(hash(SALT, 'email', value))).toBe(hex(keyedHash(pepper, SALT, 'email', value)));
    }
  });

  it('differs by salt, so one person hashes differently in two incidents', () => {
    const otherSalt = SALT.map((b) => b ^ 1);
    expect(hex(keyedHash(pepper, otherSalt, 'email', 'affected@example.com'))).not.toBe(
      hex(keyedHash(pepper, SALT, 'email', 'affected@example.com')),
    );
  });

  it('differs by kind, so an order ID cannot match an email with the same text', () => {
    expect(hex(keyedHash(pepper, SALT, 'order_id', 'ORD1001'))).not.toBe(hex(keyedHash(pepper, SALT, 'email', 'ORD1001')));
  });

  it('differs by pepper, so a database dump cannot be tested without the secret', () => {
    const other: Pepper = parsePepper(`k1:${base64Of(KEY.map((b) => b + 1))}`);
    expect(hex(keyedHash(other, SALT, 'email', 'affected@example.com'))).not.toBe(
      hex(keyedHash(pepper, SALT, 'email', 'affected@example.com')),
    );
  });
});
