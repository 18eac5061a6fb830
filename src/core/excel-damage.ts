/**
 * What Excel does to identifiers when an export passes through it: long order IDs become numbers in
 * scientific notation or lose their digits after the 15th, cells become error values or formulas,
 * whole numbers gain a ".0". Each would reach the list as a value that finds nobody, so the import
 * names the damage instead of calling it an invalid identifier: the fix is a re-export, not a typo hunt.
 * Pure and value-free: the answer is a reason, never the text.
 */

export type ExcelDamage = 'excel_scientific' | 'excel_error' | 'excel_formula' | 'excel_precision' | 'excel_float';

/** Excel's error values, and "####" (a column too narrow for its number, saved as shown). */
const ERROR_VALUE = /^(?:#(?:N\/A|VALUE!|REF!|NAME\?|DIV\/0!|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)|#{2,})$/i;
/** "1.23457E+11", "1,23E+11" (a decimal comma), "1e+11", "1E11". */
const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?e[+-]?\d+$/i;
/** "12345.0": a whole number Excel wrote with a decimal tail. */
const FLOAT_TAIL = /^\d+[.,]0+$/;
/** A digit-only value past Excel's 15 significant digits, the digits after the 15th all zeros. */
const LOST_PRECISION = /^\d{15}0+$/;

function cleaned(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/**
 * The damage Excel did to a field that was refused, or null when it shows none.
 *
 * @example
 * excelDamage('1.23457E+11') // 'excel_scientific'
 * excelDamage('#N/A') // 'excel_error'
 * excelDamage('ORD-1001') // null
 */
export function excelDamage(raw: string): ExcelDamage | null {
  const value = cleaned(raw);
  if (value === '') return null;
  if (value.startsWith('=')) return 'excel_formula';
  if (value.startsWith('#') && ERROR_VALUE.test(value)) return 'excel_error';
  if (SCIENTIFIC.test(value)) return 'excel_scientific';
  if (FLOAT_TAIL.test(value)) return 'excel_float';
  return lostPrecision(value) ? 'excel_precision' : null;
}

/**
 * Whether a list's long digit-only order IDs show Excel's loss of precision: at least three of them,
 * and every one ending in zeros after the 15th digit. A genuine 16-digit ID ends in 0 one time in ten,
 * so a single value proves nothing, and rejecting it would tell a real customer "not affected"; a whole
 * column of them is what Excel writes.
 *
 * @example
 * excelPrecisionLoss({ count: 500, zeroTail: 500 }) // true
 * excelPrecisionLoss({ count: 500, zeroTail: 52 }) // false
 */
export function excelPrecisionLoss(long: { count: number; zeroTail: number }): boolean {
  return long.count >= 3 && long.zeroTail === long.count;
}

/**
 * True for a digit-only value of 16 or more digits whose digits after the 15th are all zeros: what
 * Excel writes for a long number it could not hold. Checked on order IDs that would otherwise be
 * accepted, since such a value passes every pattern of digits.
 *
 * @example
 * lostPrecision('1234567890123450000') // true
 * lostPrecision('1234567890123456789') // false
 */
export function lostPrecision(raw: string): boolean {
  const value = raw.length > 15 && raw.length < 64 ? cleaned(raw) : '';
  return value.length > 15 && LOST_PRECISION.test(value);
}
