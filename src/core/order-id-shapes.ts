/**
 * The shapes of the order IDs a list holds, derived by the import when the incident declares no
 * order-ID pattern, and checked by every lookup. Without them any run of letters and digits would be
 * a well-formed order ID, and "Test", a name or "12" typed into the one box of the form would answer
 * "not affected": an answer about an identifier that cannot exist.
 *
 * A shape is the order ID's runs of character classes ("ORD1001" → "A3N4"). A list of mostly random IDs
 * would have too many of those to store, so the set coarsens on its own: to length and classes
 * ("7:AN"), then to classes and a length range ("AN:6-12"). Coarser shapes refuse less, never an ID
 * of the list.
 */

/** Shapes kept per level before the set coarsens to the next one. */
const MAX_SHAPES = 200;

type Level = 1 | 2 | 3;

/** The serialised form, stored with the dataset: `{"level":1,"shapes":["A3N4"]}`. */
export interface OrderIdShapesJson {
  readonly level: Level;
  readonly shapes: readonly string[];
}

function classOf(ch: string): string {
  if (ch >= 'A' && ch <= 'Z') return 'A';
  if (ch >= '0' && ch <= '9') return 'N';
  // Anything else an incident's own pattern lets through (e.g. "_" or "/") is its own class.
  return `[${ch}]`;
}

/** "ORD1001" → "A3N4": the classes of a normalised order ID, run by run. */
export function runShape(value: string): string {
  let out = '';
  let run = '';
  let length = 0;
  for (const ch of value) {
    const c = classOf(ch);
    if (c === run) length++;
    else {
      if (run) out += run + length;
      run = c;
      length = 1;
    }
  }
  return run ? out + run + length : out;
}

function classes(value: string): string {
  return [...new Set([...value].map(classOf))].sort().join('');
}

/** Accumulates the shapes of a list's order IDs; `merge` joins the sets built on several threads. */
export class OrderIdShapes {
  #runs: Set<string> | null = new Set();
  #lengths: Set<string> | null = new Set();
  /** Level 3: classes → [shortest, longest]. Always small: one key per combination of classes. */
  readonly #ranges = new Map<string, [number, number]>();
  #count = 0;

  /** Order IDs added, duplicates included. */
  get count(): number {
    return this.#count;
  }

  add(value: string): void {
    this.#count++;
    const c = classes(value);
    const range = this.#ranges.get(c);
    const length = [...value].length;
    if (range) {
      range[0] = Math.min(range[0], length);
      range[1] = Math.max(range[1], length);
    } else this.#ranges.set(c, [length, length]);
    if (this.#lengths) {
      this.#lengths.add(`${length}:${c}`);
      if (this.#lengths.size > MAX_SHAPES) this.#lengths = null;
    }
    if (this.#runs) {
      this.#runs.add(runShape(value));
      if (this.#runs.size > MAX_SHAPES) this.#runs = null;
    }
  }

  merge(other: OrderIdShapesJson & { count: number; ranges: [string, number, number][]; runs: string[] | null; lengths: string[] | null }): void {
    this.#count += other.count;
    for (const [c, min, max] of other.ranges) {
      const range = this.#ranges.get(c);
      if (range) {
        range[0] = Math.min(range[0], min);
        range[1] = Math.max(range[1], max);
      } else this.#ranges.set(c, [min, max]);
    }
    if (this.#lengths && other.lengths) for (const s of other.lengths) this.#lengths.add(s);
    if (!other.lengths || (this.#lengths && this.#lengths.size > MAX_SHAPES)) this.#lengths = null;
    if (this.#runs && other.runs) for (const s of other.runs) this.#runs.add(s);
    if (!other.runs || (this.#runs && this.#runs.size > MAX_SHAPES)) this.#runs = null;
  }

  /** Everything a thread built, for `merge` on the main thread (structured-clone friendly). */
  state(): OrderIdShapesJson & { count: number; ranges: [string, number, number][]; runs: string[] | null; lengths: string[] | null } {
    const json = this.toJSON();
    return {
      ...json,
      count: this.#count,
      ranges: [...this.#ranges].map(([c, [min, max]]) => [c, min, max]),
      runs: this.#runs && [...this.#runs],
      lengths: this.#lengths && [...this.#lengths],
    };
  }

  /** The finest level that stayed within MAX_SHAPES, sorted so equal lists give equal JSON. */
  toJSON(): OrderIdShapesJson {
    if (this.#runs) return { level: 1, shapes: [...this.#runs].sort() };
    if (this.#lengths) return { level: 2, shapes: [...this.#lengths].sort() };
    return { level: 3, shapes: [...this.#ranges].map(([c, [min, max]]) => `${c}:${min}-${max}`).sort() };
  }
}

/**
 * Whether a normalised order ID has one of the list's shapes.
 *
 * @example
 * matchesShapes({ level: 1, shapes: ['A3N4'] }, 'ORD1001') // true
 * matchesShapes({ level: 1, shapes: ['A3N4'] }, 'TEST') // false
 */
export function matchesShapes(shapes: OrderIdShapesJson, value: string): boolean {
  switch (shapes.level) {
    case 1:
      return shapes.shapes.includes(runShape(value));
    case 2:
      return shapes.shapes.includes(`${[...value].length}:${classes(value)}`);
    case 3: {
      const c = classes(value);
      const length = [...value].length;
      return shapes.shapes.some((s) => {
        const colon = s.lastIndexOf(':');
        const [min, max] = s.slice(colon + 1).split('-').map(Number) as [number, number];
        const cls = s.slice(0, colon);
        return cls === c && length >= min && length <= max;
      });
    }
  }
}

/** Reads stored shapes back; anything malformed is null, which the caller must treat as "cannot answer". */
export function parseShapes(text: string | null): OrderIdShapesJson | null {
  if (text === null) return null;
  try {
    const json = JSON.parse(text) as OrderIdShapesJson;
    if (![1, 2, 3].includes(json.level) || !Array.isArray(json.shapes) || !json.shapes.every((s) => typeof s === 'string')) return null;
    return json;
  } catch {
    return null;
  }
}
