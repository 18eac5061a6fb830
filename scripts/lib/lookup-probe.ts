/**
 * A bounded stream of lookups against a running portal, for checking that it keeps answering while
 * something else happens (an import): a few concurrent loops post known identifiers to /api/v1/check
 * and tally 503s, other statuses and wrong answers. Identifiers are counted, never printed.
 */

export interface ProbeCase {
  readonly email: string;
  /** The answer this identifier must get for the whole run. */
  readonly affected: boolean;
}

export interface ProbeTally {
  lookups: number;
  ok: number;
  unavailable: number;
  otherStatus: number;
  /** Requests that got no HTTP answer at all (connection refused or reset). */
  failed: number;
  /** A 200 whose `affected` is not the expected one. */
  wrong: number;
}

export interface ProbeOptions {
  readonly base: string;
  readonly incident: string;
  readonly cases: readonly ProbeCase[];
  /** Concurrent request loops. */
  readonly connections?: number;
  /** Checked before each request; the probe ends when it returns true. */
  readonly done: () => boolean;
  /** A hard cap, so the probe ends even if `done` never turns true. */
  readonly maxLookups?: number;
}

export function emptyTally(): ProbeTally {
  return { lookups: 0, ok: 0, unavailable: 0, otherStatus: 0, failed: 0, wrong: 0 };
}

let client = 0;
/** A client address of its own for every request, so the per-IP rate limit never answers 429. */
function nextClientIp(): string {
  client++;
  return `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`;
}

export async function probeLookups(o: ProbeOptions): Promise<ProbeTally> {
  const tally = emptyTally();
  const max = o.maxLookups ?? 1_000_000;
  let next = 0;
  const loop = async () => {
    while (!o.done() && tally.lookups < max) {
      const c = o.cases[next++ % o.cases.length]!;
      tally.lookups++;
      try {
        const res = await fetch(`${o.base}/api/v1/check`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextClientIp(), 'accept-language': 'en' },
          body: JSON.stringify({ incident: o.incident, email: c.email }),
        });
        const body = (await res.json().catch(() => ({}))) as { affected?: unknown };
        if (res.status === 200) {
          tally.ok++;
          if (body.affected !== c.affected) tally.wrong++;
        } else if (res.status === 503) tally.unavailable++;
        else tally.otherStatus++;
      } catch {
        tally.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: o.connections ?? 4 }, loop));
  return tally;
}
