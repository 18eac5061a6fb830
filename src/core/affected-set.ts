/**
 * Turning affected-list rows into entries: normalise each identifier, hash it with the shared keyed
 * hash, and turn group codes into a mask. Row problems are reported as reasons, never with the value.
 * The operator CLI streams rows through RowReader; tests and small lists use AffectedSetBuilder
 * (affected-set-builder.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type ExcelDamage, excelDamage, lostPrecision } from './excel-damage.ts';
import { withBit } from './group-mask.ts';
import type { ListContents } from './dataset-binding.ts';
import { identifierHash, type IdentifierRules, readIdentifier } from './identifier.ts';
import type { HashKind, keyedHasher } from './keyed-hash.ts';
import type { SecondFactor } from './normalise.ts';
import { OrderIdShapes } from './order-id-shapes.ts';

/** One row of the affected list as read from CSV (extra columns are ignored here). */
export interface AffectedRow {
  readonly email?: string | undefined;
  readonly order_id?: string | undefined;
  readonly groups?: string | undefined;
  readonly store?: string | undefined;
  /** Second-factor columns, read for `second-factor` incidents only. */
  readonly postcode?: string | undefined;
  readonly phone?: string | undefined;
}

/** The list column that holds each second factor. */
export const FACTOR_COLUMNS = { order_id: 'order_id', postcode: 'postcode', phone_last4: 'phone' } as const satisfies Record<
  SecondFactor,
  keyof AffectedRow
>;

export type RowRejection =
  | 'no_identifier'
  | 'invalid_email'
  | 'invalid_order_id'
  | 'no_factor'
  | 'invalid_factor'
  | 'no_groups'
  | 'unknown_group'
  /** Excel damaged the field (scientific notation, lost digits, an error value, a formula, ".0"). */
  | ExcelDamage;

/** The list column a rejection is about, by its canonical name. */
export type ListColumn = 'email' | 'order_id' | 'groups' | 'postcode' | 'phone';

/** One rejected field or row: each is a person who would be told "not affected". Never a value. */
export interface FieldRejection {
  readonly column: ListColumn | null;
  readonly reason: RowRejection;
}

export interface BuiltEntry {
  readonly hash: Uint8Array;
  readonly groups: number;
  readonly store: number | null;
}

/**
 * A row read: the hashes of its identifiers that passed, and what was rejected. Each identifier is
 * judged on its own, so a valid email is kept beside an order ID that Excel damaged; a row whose
 * groups are unusable keeps nothing, since no entry can be written without them.
 */
export interface ReadRow {
  readonly hashes: Uint8Array[];
  readonly mask: number;
  readonly store: string | null;
  readonly rejections: FieldRejection[];
}

export interface RowReaderOptions {
  hash: ReturnType<typeof keyedHasher>;
  salt: Uint8Array;
  groupBits: ReadonlyMap<string, number>;
  orderIdPattern?: RegExp | undefined;
  /**
   * Set for `second-factor` incidents: each row then yields one hash of the email paired with this
   * factor, and no hash that an email or order ID alone could find.
   */
  secondFactor?: SecondFactor | undefined;
}

/** What the accepted identifiers of a list amount to: ListContents in the making. */
export class ListTally {
  emails = 0;
  readonly orderIds = new OrderIdShapes();
  /** Rows whose only accepted identifier is an order ID. */
  orderIdOnly = 0;
  /** Digit-only order IDs of 16 or more digits, and how many of them end in zeros after the 15th. */
  readonly longOrderIds = { count: 0, zeroTail: 0 };

  contents(): ListContents {
    return { emails: this.emails, orderIds: this.orderIds.count, orderIdShapes: this.orderIds.toJSON(), orderIdOnly: this.orderIdOnly };
  }
}

const NO_MASK = -1;

/** Reads one row at a time; holds no state between rows but the tally, so any number of rows can stream through. */
export class RowReader {
  readonly #o: RowReaderOptions;
  readonly #rules: IdentifierRules;
  readonly tally = new ListTally();

  constructor(options: RowReaderOptions) {
    this.#o = options;
    this.#rules = { secondFactor: options.secondFactor, orderIdPattern: options.orderIdPattern };
  }

  read(row: AffectedRow): ReadRow {
    const rejections: FieldRejection[] = [];
    const store = row.store?.trim() || null;
    const hashes: Uint8Array[] = [];
    const mask = this.#mask(row, rejections);
    const ids = this.#o.secondFactor ? this.#readWithFactor(row, this.#o.secondFactor, rejections) : this.#readOpen(row, rejections);
    if (mask === NO_MASK) return { hashes, mask: 0, store, rejections };
    for (const id of ids) {
      hashes.push(identifierHash(this.#o.hash, this.#o.salt, id));
      if (id.kind === 'order_id') this.#tallyOrderId(id.value);
      else this.tally.emails++;
    }
    if (ids.length > 0 && ids.every((id) => id.kind === 'order_id')) this.tally.orderIdOnly++;
    return { hashes, mask, store, rejections };
  }

  #tallyOrderId(value: string): void {
    this.tally.orderIds.add(value);
    // Excel keeps 15 significant digits: one zero tail is chance, a column of them is damage. Judged
    // over the whole list (excelPrecisionLoss), since one value cannot tell.
    if (value.length > 15 && /^\d+$/.test(value)) {
      this.tally.longOrderIds.count++;
      if (lostPrecision(value)) this.tally.longOrderIds.zeroTail++;
    }
  }

  #readOpen(row: AffectedRow, rejections: FieldRejection[]): { kind: HashKind; value: string }[] {
    const ids: { kind: HashKind; value: string }[] = [];
    const email = row.email?.trim() ? readIdentifier({ kind: 'email', raw: row.email }, this.#rules) : null;
    const orderId = row.order_id?.trim() ? readIdentifier({ kind: 'order_id', raw: row.order_id }, this.#rules) : null;
    if (!email && !orderId) rejections.push({ column: null, reason: 'no_identifier' });
    if (email?.ok) ids.push(email);
    else if (email) rejections.push({ column: 'email', reason: excelDamage(row.email!) ?? 'invalid_email' });
    if (orderId?.ok) ids.push(orderId);
    else if (orderId) rejections.push({ column: 'order_id', reason: excelDamage(row.order_id!) ?? 'invalid_order_id' });
    return ids;
  }

  #readWithFactor(row: AffectedRow, factor: SecondFactor, rejections: FieldRejection[]): { kind: HashKind; value: string }[] {
    const column = FACTOR_COLUMNS[factor];
    if (!row.email?.trim()) {
      rejections.push({ column: 'email', reason: 'no_identifier' });
      return [];
    }
    const raw = row[column];
    if (!raw?.trim()) {
      rejections.push({ column, reason: 'no_factor' });
      return [];
    }
    const id = readIdentifier({ kind: 'email_factor', raw: row.email, factor: raw }, this.#rules);
    if (id.ok) return [id];
    rejections.push(
      id.error === 'invalid_factor'
        ? { column, reason: excelDamage(raw) ?? 'invalid_factor' }
        : { column: 'email', reason: excelDamage(row.email) ?? 'invalid_email' },
    );
    return [];
  }

  #mask(row: AffectedRow, rejections: FieldRejection[]): number {
    // Group codes are lowercase by definition, so "Members" or a full-width "ｍｅｍｂｅｒｓ｜ｃａｒｄｓ"
    // from a spreadsheet is the same code, not a rejected row.
    const codes = (row.groups ?? '').normalize('NFKC').toLowerCase().split('|').map((g) => g.trim()).filter(Boolean);
    if (codes.length === 0) {
      rejections.push({ column: 'groups', reason: 'no_groups' });
      return NO_MASK;
    }
    let mask = 0;
    for (const code of codes) {
      const bit = this.#o.groupBits.get(code);
      if (bit === undefined) {
        rejections.push({ column: 'groups', reason: excelDamage(code) ?? 'unknown_group' });
        return NO_MASK;
      }
      mask = withBit(mask, bit);
    }
    return mask;
  }
}

/**
 * A digest over a set's entries in hash order: two imports with the same digest and key hold exactly
 * the same answers, so the second can be skipped.
 */
export class SetDigest {
  readonly #sha = sha256.create();
  readonly #encoder = new TextEncoder();
  update(entry: { hash: Uint8Array; groups: number }, storeLabel: string | null): void {
    this.#sha.update(this.#encoder.encode(`${bytesToHex(entry.hash)}:${entry.groups}:${storeLabel ?? ''}\n`));
  }
  hex(): string {
    return bytesToHex(this.#sha.digest());
  }
}

/** Numbers store labels in order of first appearance; entries refer to them by number. */
export class StoreLabels {
  readonly #ids = new Map<string, number>();
  id(label: string | null): number | null {
    if (label === null) return null;
    let id = this.#ids.get(label);
    if (id === undefined) this.#ids.set(label, (id = this.#ids.size));
    return id;
  }
  labels(): string[] {
    return [...this.#ids.keys()];
  }
}
