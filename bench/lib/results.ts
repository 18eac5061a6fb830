/**
 * bench-results.json holds one key per benchmark (import, lookup, storage, soak). Each script merges its
 * own key into what is there, so running one benchmark never erases the figures of another.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export const RESULTS_FILE = 'bench-results.json';

export function readResults(): Record<string, unknown> {
  return existsSync(RESULTS_FILE) ? (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>) : {};
}

export function mergeResults(figures: Record<string, unknown>): void {
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...readResults(), ...figures }, null, 2)}\n`);
}
