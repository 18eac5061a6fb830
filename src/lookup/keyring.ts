/**
 * The Worker's peppers: PEPPER (current) and PEPPER_PREVIOUS (being rotated out), each with its keyed
 * hasher and fingerprint, parsed once per isolate and again only when the secrets change. A dataset
 * answers only through the pepper of its key id, and only if that pepper's fingerprint is the one the
 * dataset was imported with (src/core/dataset-binding.ts).
 */
import { bindingText, expectedBinding } from '../core/dataset-binding.ts';
import type { Incident } from '../core/incident.ts';
import { keyedHasher, parsePepper, pepperFingerprint } from '../core/keyed-hash.ts';
import type { AppEnv } from '../env.ts';
import { CannotAnswer } from './cannot-answer.ts';

export interface Key {
  readonly id: string;
  readonly fingerprint: string;
  readonly hash: ReturnType<typeof keyedHasher>;
}

export interface Keyring {
  readonly current: Key;
  readonly byId: ReadonlyMap<string, Key>;
}

let cached: { source: string; ring: Keyring } | undefined;

function keyOf(text: string): Key {
  const pepper = parsePepper(text);
  return { id: pepper.id, fingerprint: pepperFingerprint(pepper), hash: keyedHasher(pepper) };
}

/** The configured peppers; throws CannotAnswer without a PEPPER (and PepperError for a malformed one). */
export function keyring(env: AppEnv): Keyring {
  const source = `${env.PEPPER ?? ''}\n${env.PEPPER_PREVIOUS ?? ''}`;
  if (cached?.source !== source) {
    if (!env.PEPPER) throw new CannotAnswer('PEPPER is not configured');
    const current = keyOf(env.PEPPER);
    const byId = new Map([[current.id, current]]);
    if (env.PEPPER_PREVIOUS) {
      const previous = keyOf(env.PEPPER_PREVIOUS);
      if (!byId.has(previous.id)) byId.set(previous.id, previous);
    }
    cached = { source, ring: { current, byId } };
  }
  return cached.ring;
}

/**
 * The key an incident's identifiers are hashed with: its active dataset's (the current one before the
 * first import, so the one read can report that state). Undefined when no configured pepper has it.
 */
export function keyFor(ring: Keyring, keyId: string | null): Key | undefined {
  return keyId === null ? ring.current : ring.byId.get(keyId);
}

// The expected text per lookup settings and key, made once: every lookup compares against it, and the
// cached incident and the keyring hand in the same objects until either changes.
const expectedTexts = new WeakMap<Incident['content']['lookup'], WeakMap<Key, string>>();

/** The stored binding a dataset needs to answer for this incident through this key. */
export function expectedBindingText(incident: Pick<Incident, 'content'>, key: Key): string {
  const settings = incident.content.lookup;
  let byKey = expectedTexts.get(settings);
  if (!byKey) expectedTexts.set(settings, (byKey = new WeakMap()));
  let text = byKey.get(key);
  if (text === undefined) byKey.set(key, (text = bindingText(expectedBinding(settings, key))));
  return text;
}

/**
 * Fails closed unless the active dataset was made with this key and the incident's current lookup
 * settings and normalisation. Called with what the lookup's single read returned.
 */
export function requireBinding(incident: Pick<Incident, 'content'>, key: Key | undefined, stored: string | null): asserts key is Key {
  if (!key) throw new CannotAnswer('no configured pepper has the active dataset’s key id');
  if (stored !== expectedBindingText(incident, key)) {
    throw new CannotAnswer('the active dataset was made with another pepper, lookup mode, order-ID rule or normalisation');
  }
}
