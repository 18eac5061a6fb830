/**
 * What the CLI tells an operator when an incident's active list no longer matches what answers
 * lookups: the cause, in words, and the fix. Lookups give 503 in the same cases.
 */
import type { BindingCause, DatasetBinding } from '../core/dataset-binding.ts';

const CAUSES: Record<BindingCause, (stored: DatasetBinding | null, expected: DatasetBinding) => string> = {
  unbound: () => 'the list was imported before datasets recorded how they were made',
  key: (s, e) => `the list was hashed with pepper "${s?.keyId}", but this pepper is "${e.keyId}"`,
  pepper: (s) =>
    `the pepper "${s?.keyId}" is not the one the list was hashed with (same key id, another key: was .dev.vars or the PEPPER secret regenerated?)`,
  normalisation: (s, e) => `the list was normalised by version ${s?.normalisation} of the identifier rules; this version is ${e.normalisation}`,
  mode: (s, e) =>
    `the list was imported for lookup mode "${describeMode(s)}", but the incident now says "${describeMode(e)}"`,
  order_id_rule: (s, e) =>
    `the list was checked against order-ID pattern ${describeRule(s?.orderIdRule ?? null)}, but the incident now declares ${describeRule(e.orderIdRule)}`,
};

function describeMode(b: DatasetBinding | null): string {
  if (!b) return 'unknown';
  return b.secondFactor ? `${b.mode}: ${b.secondFactor}` : b.mode;
}

function describeRule(rule: string | null): string {
  return rule === null ? 'none' : `"${rule}"`;
}

/**
 * @example
 * describeMismatch('demo', ['pepper'], stored, expected)
 * // 'The active list of incident "demo" cannot answer: the pepper "dev1" is not … Lookups answer 503
 * //  ("we cannot answer right now") until you re-import the list of incident "demo" …'
 */
export function describeMismatch(slug: string, causes: readonly BindingCause[], stored: DatasetBinding | null, expected: DatasetBinding): string {
  const why = causes.map((c) => CAUSES[c](stored, expected)).join('; ');
  const fix =
    causes.includes('key') || causes.includes('pepper')
      ? `use the pepper the list was imported with, or re-import the list of incident "${slug}" with this one`
      : `re-import the list of incident "${slug}" (npm run cli -- import --incident ${slug} --file <csv>)`;
  return `The active list of incident "${slug}" cannot answer: ${why}. Lookups answer 503 ("we cannot answer right now") until then. Fix: ${fix}.`;
}
