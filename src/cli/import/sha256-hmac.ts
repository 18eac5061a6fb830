/**
 * HMAC-SHA256 for one fixed key, specialised for the import's millions of short messages: the key's
 * inner and outer states are computed once, and each message then costs two SHA-256 compressions and
 * no allocation but its result. Pinned to @noble/hashes and node:crypto by
 * test/unit/sha256-hmac.test.ts, and (through importHasher) to the core's keyedHasher by
 * test/unit/import-parts.test.ts.
 *
 * Written by hand because either library costs the import over a fifth of its speed-up. Measured on
 * 2026-11-30, one session, 2 cores shared with other work, `npm run bench:import` (1M rows; baseline:
 * `wrangler d1 execute` of 500-row INSERTs; runs alternated, three each):
 * - this file: CLI import 9.1, 10.2, 10.4 s (110,143, 98,171, 96,001 rows/s); speed-up 5.02, 5.85, 8.84
 *   (baselines 45.6, 59.6, 92.0 s).
 * - @noble/hashes, keyed once and copied into one reused HMAC per message (`_cloneInto`), the faster
 *   of the two libraries: CLI import 15.8, 13.7, 14.7 s (63,317, 73,199, 67,888 rows/s); speed-up
 *   2.97, 4.86, 4.74 (baselines 47.0, 66.3, 69.8 s).
 * The timed baseline does not hash, so at equal baseline the speed-up shrinks by the ratio of CLI
 * times: 9.9 s against 14.7 s on average, a third of it (24% between this file's slowest run and the
 * library's fastest, 42% the other way round), past the 20% the library was allowed to cost.
 * Per hash of a 48-byte message, best of five: this 0.76 µs, @noble/hashes 2.1 µs (`_cloneInto`) or
 * 3.6 µs (`clone()`), node:crypto's createHmac 3.0 µs (a native call, a key schedule and several
 * objects per message).
 */
import { createHash } from 'node:crypto';

// prettier-ignore
const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const W = new Int32Array(64);

/** One SHA-256 compression of the 64-byte block at m[off] into state H. */
function compress(H: Int32Array, m: Uint8Array, off: number): void {
  for (let i = 0; i < 16; i++, off += 4) W[i] = (m[off]! << 24) | (m[off + 1]! << 16) | (m[off + 2]! << 8) | m[off + 3]!;
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15]!;
    const y = W[i - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!, b = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

function writeState(H: Int32Array, out: Uint8Array, at: number, words: number): void {
  for (let i = 0; i < words; i++, at += 4) {
    const v = H[i]!;
    out[at] = v >>> 24;
    out[at + 1] = (v >>> 16) & 0xff;
    out[at + 2] = (v >>> 8) & 0xff;
    out[at + 3] = v & 0xff;
  }
}

/** Returns HMAC-SHA256(key, message), truncated to `bytes` (at most 32). */
export function hmacSha256(key: Uint8Array, bytes = 32): (message: Uint8Array) => Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? createHash('sha256').update(key).digest() : key);
  const pad = new Uint8Array(64);
  const inner0 = IV.slice();
  const outer0 = IV.slice();
  for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x36;
  compress(inner0, pad, 0);
  for (let i = 0; i < 64; i++) pad[i] = block[i]! ^ 0x5c;
  compress(outer0, pad, 0);

  const H = new Int32Array(8);
  const tail = new Uint8Array(128);
  const outerBlock = new Uint8Array(64);
  outerBlock[32] = 0x80;
  outerBlock[62] = 0x03; // outer length: (64 + 32) bytes = 768 bits = 0x300
  return (message) => {
    H.set(inner0);
    const whole = message.length - (message.length % 64);
    for (let off = 0; off < whole; off += 64) compress(H, message, off);
    // Padding: 0x80, zeros, then the bit length of key block + message, in one or two blocks. Written
    // byte by byte: at these sizes that beats fill/set/subarray, which allocate or call out.
    const rest = message.length - whole;
    const tailLength = rest + 9 <= 64 ? 64 : 128;
    for (let i = 0; i < rest; i++) tail[i] = message[whole + i]!;
    tail[rest] = 0x80;
    for (let i = rest + 1; i < tailLength - 4; i++) tail[i] = 0;
    const bits = (64 + message.length) * 8; // below 2^32 for any message the import hashes
    if (bits >= 2 ** 32) throw new RangeError('message too long');
    tail[tailLength - 4] = bits >>> 24;
    tail[tailLength - 3] = (bits >>> 16) & 0xff;
    tail[tailLength - 2] = (bits >>> 8) & 0xff;
    tail[tailLength - 1] = bits & 0xff;
    compress(H, tail, 0);
    if (tailLength === 128) compress(H, tail, 64);
    writeState(H, outerBlock, 0, 8);
    H.set(outer0);
    compress(H, outerBlock, 0);
    const out = new Uint8Array(Math.ceil(bytes / 4) * 4);
    writeState(H, out, 0, out.length / 4);
    return out.length === bytes ? out : out.subarray(0, bytes);
  };
}
