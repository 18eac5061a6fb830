/**
 * Entries as fixed-size binary records, so millions of them cost bytes rather than JavaScript objects:
 * hash (16 bytes), groups (float64: masks stay below 2^53), store number (uint32, NO_STORE for none).
 */
import { HASH_BYTES } from '../../core/keyed-hash.ts';

export const RECORD = HASH_BYTES + 8 + 4;
export const GROUPS_AT = HASH_BYTES;
export const STORE_AT = HASH_BYTES + 8;
export const NO_STORE = 0xffffffff;

export function writeRecord(buf: Buffer, at: number, hash: Uint8Array, groups: number, store: number | null): void {
  buf.set(hash, at);
  buf.writeDoubleLE(groups, at + GROUPS_AT);
  buf.writeUInt32LE(store ?? NO_STORE, at + STORE_AT);
}

export function groupsOf(buf: Buffer, at: number): number {
  return buf.readDoubleLE(at + GROUPS_AT);
}

export function storeOf(buf: Buffer, at: number): number | null {
  const store = buf.readUInt32LE(at + STORE_AT);
  return store === NO_STORE ? null : store;
}

/** Orders two records by hash (unsigned bytes, as SQLite orders BLOBs). */
export function compareHash(a: Buffer, ai: number, b: Buffer, bi: number): number {
  const x = a.readUInt32BE(ai);
  const y = b.readUInt32BE(bi);
  if (x !== y) return x < y ? -1 : 1;
  return a.compare(b, bi, bi + HASH_BYTES, ai, ai + HASH_BYTES);
}
