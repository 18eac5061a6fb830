/**
 * What each rejection reason means, for the operator: printed with the summary and written into the
 * reconciliation report. Each says what to do; none ever quotes a value.
 */
import type { ListRejection } from './hash-worker.ts';

export const REJECTION_EXPLANATIONS: Record<ListRejection, string> = {
  malformed_csv: 'the line is not valid CSV (broken quoting, or not as many fields as the header names)',
  no_identifier: 'the row has neither an email nor an order ID',
  invalid_email: 'not a valid email address',
  invalid_order_id: "not an order ID of the incident's shape",
  no_factor: 'the second factor (postcode, phone or order ID) is missing',
  invalid_factor: 'the second factor is not a valid postcode, phone number or order ID',
  no_groups: 'the row names no group',
  unknown_group: 'a group code the incident does not define (publish the incident with it, or fix the code)',
  excel_scientific: 'Excel turned this order ID into a number in scientific notation: re-export the column as text',
  excel_precision: 'Excel cut this long number to 15 significant digits (the rest became zeros): re-export the column as text',
  excel_float: 'Excel wrote this whole number with a decimal tail (".0"): re-export the column as text',
  excel_error: 'the cell holds an Excel error value (#N/A, #VALUE!, #REF!, ####, …): fix the source sheet and re-export',
  excel_formula: 'the cell holds formula text ("=…") instead of a value: paste values only and re-export',
};
