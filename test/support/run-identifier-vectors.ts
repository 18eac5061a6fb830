/**
 * The identifier vectors as a vitest suite, for whichever runtime imports it: workerd
 * (test/worker/identifier.test.ts) or Node (test/unit/identifier.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { bindingText } from '../../src/core/dataset-binding.ts';
import { identifierHash, readIdentifier } from '../../src/core/identifier.ts';
import { keyedHasher, parsePepper, pepperFingerprint } from '../../src/core/keyed-hash.ts';
import { BINDING, BINDING_TEXT, HASH_PEPPER, HASH_SALT, HASHES, VECTORS } from './identifier-vectors.ts';

const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

export function identifierVectors(runtime: string) {
  describe(`the identifier path in ${runtime}`, () => {
    it.each(VECTORS.map((v) => [v.why, v] as const))('%s', (_why, v) => {
      const read = readIdentifier(v.input, v.rules);
      if ('error' in v.expected) expect(read).toMatchObject({ ok: false, error: v.expected.error });
      else expect(read).toEqual({ ok: true, ...v.expected });
    });

    it.each(HASHES.map((h) => [h.kind, h.value, h] as const))('hashes %s %j to the pinned bytes', (_k, _v, h) => {
      expect(hex(identifierHash(keyedHasher(parsePepper(HASH_PEPPER)), HASH_SALT, h))).toBe(h.hex);
    });

    it('writes bindings and pepper fingerprints identically', () => {
      expect(bindingText(BINDING)).toBe(BINDING_TEXT);
      expect(pepperFingerprint(parsePepper(HASH_PEPPER))).toBe('7ecf652693a0991f');
    });
  });
}
