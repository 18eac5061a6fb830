/**
 * The `legal` object of an incident file: what breach-notice laws ask a notice to tell the individual
 * beyond the answer itself (Japan's APPI, California Civ. Code 1798.82, GDPR Art. 34; see
 * legal-items.ts for which law asks for which field). Every field is optional, so files written before
 * it existed stay valid; `notices --jurisdiction` is where a missing one stops the run.
 */
import * as v from 'valibot';
import { IsoDate, Localised, Phone, Text } from './schema-text.ts';

const HttpUrl = v.pipe(
  v.string(),
  v.url('must be a full address like https://example.com/help'),
  v.check((u) => /^https?:\/\//i.test(u), 'must start with https:// or http://'),
);

/** The contact point (GDPR: the DPO or another contact point; California: the business's contact details). */
const Contact = v.pipe(
  v.object({
    /** Who answers: a desk's name, or the Data Protection Officer's. */
    name: Localised,
    /** The contact point is the Data Protection Officer: notices then name the role. */
    dpo: v.optional(v.boolean()),
    phone: v.optional(Phone),
    email: v.optional(v.pipe(v.string(), v.email())),
    postalAddress: v.optional(Localised),
    hours: v.optional(Localised),
    url: v.optional(HttpUrl),
  }),
  v.check(
    (c) => c.phone !== undefined || c.email !== undefined || c.postalAddress !== undefined || c.url !== undefined,
    'contact must give at least one way to reach it: phone, email, postalAddress or url',
  ),
);

/** An offer of identity theft prevention and mitigation services (what US notices must offer when ID numbers leaked). */
const IdProtection = v.object({
  /** What is offered, e.g. "24 months of credit monitoring and identity restoration by …". */
  service: Localised,
  /** How long the service is free of charge; California asks for at least 12 months. */
  months: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120)),
  /** Where and how to enrol (a web address, a phone number, what to have ready). */
  how: Localised,
  /** A code every recipient enters to enrol, when the service uses one shared code. */
  enrolmentCode: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^[0-9A-Za-z-]{1,64}$/, 'must be letters, digits and "-"'))),
  enrolBy: v.optional(IsoDate),
});

/** One of the major credit reporting agencies, as the notice prints it (the operator confirms current numbers). */
const CreditBureau = v.object({ name: Text, phone: Phone, address: Text, url: v.optional(HttpUrl) });

export const LegalItemsSchema = v.pipe(
  v.object({
    /** 原因: how the breach came about. */
    cause: v.optional(Localised),
    /** 二次被害: whether harm has followed (fraudulent charges, phishing) or may follow, and what it is. */
    secondaryHarm: v.optional(v.object({ occurred: v.boolean(), text: Localised })),
    /** What the company has done and will do: containment, investigation, prevention. */
    measures: v.optional(Localised),
    /**
     * When the breach itself happened (not who is in scope: that is each group's period); one day when
     * `to` is left out. `estimated`: the dates are the company's best estimate.
     */
    breachPeriod: v.optional(
      v.pipe(
        v.object({ from: IsoDate, to: v.optional(IsoDate), estimated: v.optional(v.boolean()) }),
        v.check((p) => p.to === undefined || p.from <= p.to, 'breachPeriod "from" must not be after "to"'),
      ),
    ),
    /** When the company learned of it. */
    discovered: v.optional(IsoDate),
    /** Whether a police or other law-enforcement investigation asked the company to hold the notice back. */
    lawEnforcementDelay: v.optional(v.object({ delayed: v.boolean(), text: v.optional(Localised) })),
    contact: v.optional(Contact),
    idProtection: v.optional(IdProtection),
    creditBureaus: v.optional(v.pipe(v.array(CreditBureau), v.minLength(1, 'must name at least one agency'))),
    /** その他参考となる事項: anything else that helps the reader. */
    other: v.optional(Localised),
  }),
  v.check(
    (l) => l.discovered === undefined || l.breachPeriod === undefined || l.breachPeriod.from <= l.discovered,
    'legal: "discovered" must not be before breachPeriod "from"',
  ),
);

export type LegalItems = v.InferOutput<typeof LegalItemsSchema>;
