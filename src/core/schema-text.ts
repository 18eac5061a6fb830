/**
 * The small valibot pieces incident files are built from, shared by the incident schema and its legal
 * items so that a date, a text or a phone number is checked the same way wherever it appears.
 */
import * as v from 'valibot';

export const Text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(4000));
export const Localised = v.object({ ja: Text, en: Text });
export const IsoDate = v.pipe(v.string(), v.isoDate('must be a date like 2024-05-23'));
export const Phone = v.pipe(v.string(), v.regex(/^[0-9+()\- ]{5,32}$/, 'must be a phone number: digits, spaces, "+", "-", "(" and ")"'));
