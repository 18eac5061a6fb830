/** axe-core results as lines a failing test can print: rule, impact, where, and axe's own explanation. */
import type { AxeBuilder } from '@axe-core/playwright';

/** axe's result entry (axe-core itself is not a direct dependency, so its type comes this way). */
type Result = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One line per offending element. */
export function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}
