/**
 * Group masks: a person's exposure groups as bits of one integer (entries.groups). Up to 53 bits, the
 * integers that JavaScript numbers and D1 agree on exactly; JavaScript's bitwise operators stop at 32,
 * so these go through BigInt.
 */

export function hasBit(mask: number, bit: number): boolean {
  return ((BigInt(mask) >> BigInt(bit)) & 1n) === 1n;
}

export function withBit(mask: number, bit: number): number {
  return Number(BigInt(mask) | (1n << BigInt(bit)));
}

export function union(a: number, b: number): number {
  return Number(BigInt(a) | BigInt(b));
}
