/**
 * The legal part of a notice: what a jurisdiction's law asks the notice to say, under that law's
 * headings and in its order. It always comes *after* the person's answer, in every channel (email,
 * printed letter, incident page): the law sets the content, not what a worried reader needs first.
 *
 * - `us-ca`: titled "Notice of Data Breach", with California's five headings in the statute's order
 *   (the model form's optional "Other Important Information" before the last one);
 * - `jp`: APPI's items of a notice to the individual (概要, 項目, 原因, 二次被害, その他参考となる事項);
 * - `eu`: GDPR Art. 34: the nature of the breach, likely consequences, measures, recommendations and
 *   the contact point;
 * - `null`: the incident's own `legal` items under plain headings (the incident page, notices without
 *   --jurisdiction); whatever the page or notice already shows elsewhere is left out.
 * Which items each law requires, and whether an incident gives them, is src/core/legal-items.ts.
 */
import { formatDay } from '../core/dates.ts';
import type { Locale } from '../core/incident.ts';
import type { Jurisdiction } from '../core/legal-items.ts';
import { messages } from '../i18n/messages.ts';
import { legalLines, type LegalSource } from './legal-lines.ts';

export type { LegalSource } from './legal-lines.ts';

export interface LegalSection {
  /** Stable name of the section (e.g. "what_happened", "cause"), for ids and tests. */
  readonly key: string;
  readonly heading: string;
  readonly lines: readonly string[];
}

export interface LegalNotice {
  /** "Notice of Data Breach" and the like; null under plain headings. */
  readonly title: string | null;
  /** "Date of this notice: …", when a jurisdiction is named and the notice's issue time is given. */
  readonly date: string | null;
  readonly sections: readonly LegalSection[];
}

export interface LegalOptions {
  /** When the notice is issued (ISO instant): California asks for the notice's date. */
  readonly issuedAt?: string | undefined;
  readonly timeZone?: string | undefined;
}

const section = (key: string, heading: string, ...lines: string[][]): LegalSection => ({ key, heading, lines: lines.flat() });

/**
 * The legal sections of a notice about `incident`, in `locale`, for `jurisdiction` (null: plain
 * headings). Sections a law requires keep their heading even when the incident gives nothing for
 * them (notices --jurisdiction refuses such an incident first); optional ones without lines are left out.
 */
export function legalSections(incident: LegalSource, locale: Locale, jurisdiction: Jurisdiction | null, options: LegalOptions = {}): LegalNotice {
  const m = messages(locale).legal;
  const x = legalLines(incident, locale, options.timeZone);
  const date = jurisdiction !== null && options.issuedAt ? m.lines.noticeDate(formatDay(options.issuedAt, locale, options.timeZone)) : null;
  const optional = (sections: LegalSection[]) => sections.filter((s) => s.lines.length > 0);
  switch (jurisdiction) {
    case 'us-ca': {
      const h = m.usCa;
      return {
        title: h.title,
        date,
        sections: [
          section('what_happened', h.whatHappened, x.whatHappened(), x.breachDates(), x.discovered(), x.delay()),
          section('information', h.information, x.dataItems()),
          section('doing', h.doing, x.measures(), x.idOffer()),
          section('you_can_do', h.youCanDo, x.idEnrol(), x.steps(), x.bureaus()),
          ...optional([section('other_important', h.otherImportant, x.other())]),
          section('more_info', h.moreInfo, x.company(), x.contact()),
        ],
      };
    }
    case 'jp': {
      const h = m.jp;
      return {
        title: h.title,
        date,
        sections: [
          section('outline', h.outline, x.whatHappened(), x.breachDates(), x.discovered(), x.delay()),
          section('data_items', h.dataItems, x.dataItems()),
          section('cause', h.cause, x.cause()),
          section('secondary_harm', h.secondaryHarm, x.harm()),
          section('other', h.other, x.measuresLabelled(), x.idOffer(), x.idEnrol(), x.bureaus(), x.contact(), x.other()),
        ],
      };
    }
    case 'eu': {
      const h = m.eu;
      return {
        title: h.title,
        date,
        sections: [
          section('nature', h.nature, x.whatHappened(), x.breachDates(), x.discovered(), x.dataItems()),
          section('consequences', h.consequences, x.harm()),
          section('measures', h.measures, x.measures(), x.idOffer()),
          section('recommendations', h.recommendations, x.idEnrol(), x.steps()),
          ...optional([section('other', h.other, x.delay(), x.bureaus(), x.other())]),
          section('contact_point', h.contactPoint, x.contact()),
        ],
      };
    }
    case null: {
      const h = m.plain;
      return {
        title: null,
        date,
        sections: optional([
          section('when', h.when, x.breachDates(), x.discovered(), x.delay()),
          section('cause', h.cause, x.cause()),
          section('secondary_harm', h.secondaryHarm, x.harm()),
          section('measures', h.measures, x.measures()),
          section('id_protection', h.idProtection, x.idOffer(), x.idEnrol(), x.bureaus()),
          section('contact', h.contact, x.contact()),
          section('other', h.other, x.other()),
        ]),
      };
    }
  }
}

/** The legal part as plain text (the notice email): title, date, then each heading and its lines. */
export function legalText(notice: LegalNotice, locale: Locale): string[] {
  const t = messages(locale).legal.text;
  const lines: string[] = [];
  if (notice.title) lines.push(...t.title(notice.title));
  if (notice.date) lines.push(notice.date);
  for (const s of notice.sections) {
    if (lines.length > 0) lines.push('');
    lines.push(...t.heading(s.heading), ...s.lines);
  }
  return lines;
}
