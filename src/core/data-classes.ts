/**
 * The kinds of personal data an incident can expose, and how urgently each calls for action. The
 * urgency decides the order of "your data" and of the steps, and so which step comes first: a leaked
 * password is used within hours, a card within days, a postal address mostly for phishing letters.
 * Wording lives in the i18n catalogues (built-in classes) or in the incident file (its own classes).
 */

/** Built-in classes, most urgent first. */
export const BUILT_IN_DATA_CLASSES = [
  'login',
  'security_question',
  'card',
  'card_security_code',
  'bank_account',
  'national_id',
  'health',
  'email',
  'phone',
  'address',
  'order_details',
  'name',
  'birth_date',
] as const;
export type BuiltInDataClass = (typeof BUILT_IN_DATA_CLASSES)[number];

/** A built-in class, or one the incident file declares under `dataClasses`. */
export type DataClass = string;

/** Classes about a payment card: a person without any of them is told "your card: not involved". */
export const CARD_CLASSES: readonly DataClass[] = ['card', 'card_security_code'];

/**
 * Urgency from 1 (least) to 100 (most). Built-ins are spaced apart so an incident's own class can be
 * placed between two of them.
 */
export const BUILT_IN_URGENCY: Readonly<Record<BuiltInDataClass, number>> = {
  login: 100,
  security_question: 95,
  card: 90,
  card_security_code: 89,
  bank_account: 85,
  national_id: 80,
  health: 60,
  email: 50,
  phone: 45,
  address: 40,
  order_details: 35,
  name: 30,
  birth_date: 25,
};

export function isBuiltInDataClass(code: string): code is BuiltInDataClass {
  return Object.hasOwn(BUILT_IN_URGENCY, code);
}

/** The urgency of a class, built-in or declared; an unknown class sorts last (publishing refuses them). */
export function urgencyOf(code: DataClass, declared: Readonly<Record<string, { readonly urgency: number }>>): number {
  if (isBuiltInDataClass(code)) return BUILT_IN_URGENCY[code];
  return declared[code]?.urgency ?? 0;
}

/**
 * Classes in the order answers list them: most urgent first; equal urgency keeps the built-in order,
 * then the code's.
 */
export function byUrgency(codes: Iterable<DataClass>, declared: Readonly<Record<string, { readonly urgency: number }>>): DataClass[] {
  const rank = (c: DataClass) => (isBuiltInDataClass(c) ? BUILT_IN_DATA_CLASSES.indexOf(c) : BUILT_IN_DATA_CLASSES.length);
  return [...new Set(codes)].sort((a, b) => urgencyOf(b, declared) - urgencyOf(a, declared) || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
