/**
 * The import's hand-written HMAC-SHA256 (src/cli/import/sha256-hmac.ts) pinned against the two
 * libraries it stands in for: @noble/hashes, which the Worker and the core hash with, and node:crypto.
 * Any byte of difference would load a list whose entries no lookup finds, so every message length
 * across one, two and three blocks is checked, for keys shorter than, as long as and longer than a
 * block, plus the RFC 4231 vectors.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { hmacSha256 } from '../../src/cli/import/sha256-hmac.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (text: string) => new TextEncoder().encode(text);

// RFC 4231, test cases 1, 2, 5 (truncated to 128 bits, as the keyed hash is), 6 and 7.
const RFC_4231: [key: Uint8Array, message: Uint8Array, mac: string][] = [
  [new Uint8Array(20).fill(0x0b), bytes('Hi There'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
  [bytes('Jefe'), bytes('what do ya want for nothing?'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
  [new Uint8Array(20).fill(0x0c), bytes('Test With Truncation'), 'a3b6167473100ee06e0c796c2955552b'],
  [new Uint8Array(131).fill(0xaa), bytes('Test Using Larger Than Block-Size Key - Hash Key First'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
  [
    new Uint8Array(131).fill(0xaa),
    bytes('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
    '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  ],
];

describe('the import HMAC-SHA256', () => {
  it('gives the RFC 4231 vectors', () => {
    for (const [key, message, mac] of RFC_4231) expect(hex(hmacSha256(key, mac.length / 2)(message))).toBe(mac);
  });

  it('equals @noble/hashes and node:crypto for every message length up to three blocks, and keys of any length', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 131]) {
      const key = randomBytes(keyLength);
      const mac = hmacSha256(key);
      for (let length = 0; length <= 200; length++) {
        const message = randomBytes(length);
        const expected = createHmac('sha256', key).update(message).digest('hex');
        expect(hex(hmac(sha256, key, message))).toBe(expected);
        expect(hex(mac(message)), `key of ${keyLength} bytes, message of ${length}`).toBe(expected);
      }
    }
  });

  it('truncates to the bytes asked for, as the keyed hash keeps 16', () => {
    const key = randomBytes(32);
    const message = randomBytes(57);
    const full = createHmac('sha256', key).update(message).digest('hex');
    for (const length of [1, 7, 16, 20, 31, 32]) expect(hex(hmacSha256(key, length)(message))).toBe(full.slice(0, length * 2));
  });

  it('keeps each result its own while one hasher, or two with other keys, go on hashing', () => {
    const [keyA, keyB] = [randomBytes(32), randomBytes(32)];
    const [a, b] = [hmacSha256(keyA, 16), hmacSha256(keyB, 16)];
    const messages = Array.from({ length: 50 }, (_, i) => randomBytes(i * 3));
    const results = messages.map((m, i) => (i % 2 === 0 ? a(m) : b(m)));
    messages.forEach((m, i) => {
      const expected = createHmac('sha256', i % 2 === 0 ? keyA : keyB).update(m).digest('hex').slice(0, 32);
      expect(hex(results[i]!)).toBe(expected);
    });
  });
});
