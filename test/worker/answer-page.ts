/**
 * Reading an answer back out of a result page (the answer box that src/views/AnswerBox.tsx lays out),
 * and the wording rules every answer is held to, for the answer tests.
 */
import { expect } from 'vitest';
import type { Locale } from '../../src/core/incident.ts';
import { messages } from '../../src/i18n/messages.ts';

/** HTML text back to plain text: tags dropped, the entities the JSX renderer writes decoded. */
export function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&')
    .trim();
}

/** The answer box (the first <section class="answer ...">), as HTML. */
export function answerBox(html: string): string {
  const box = /<section class="answer [^"]*"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1];
  expect(box, 'the page has an answer box').toBeDefined();
  return box!;
}

/** The "your data" lines of the answer box, with the class (certainty or not-involved) of each. */
export function yourDataLines(html: string): { certainty: string; text: string }[] {
  const list = /<div class="your-data">[\s\S]*?<ul>([\s\S]*?)<\/ul>/.exec(answerBox(html))?.[1] ?? '';
  return [...list.matchAll(/<li class="([^"]*)">([\s\S]*?)<\/li>/g)].map((m) => ({ certainty: m[1]!, text: plain(m[2]!) }));
}

/** The "checked" line of the answer box, up to its line break. */
export function checkedLine(html: string): string {
  return plain(/<p class="checked">([\s\S]*?)<br/.exec(answerBox(html))?.[1] ?? '');
}

/** Words that hedge: a definite answer must contain none of them. */
export const HEDGING: Record<Locale, RegExp> = {
  en: /\b(may|might|possibly|perhaps)\b/i,
  ja: /可能性|かもしれ|ようです/,
};

export function expectNoHedging(texts: readonly (string | null | undefined)[], locale: Locale) {
  const all = texts.filter((t): t is string => typeof t === 'string');
  expect(all.length).toBeGreaterThan(0);
  for (const text of all) expect(text, `"${text}" hedges`).not.toMatch(HEDGING[locale]);
}

/**
 * Confirmed data reads "exposed" (漏えいしました), never "may have been" (可能性): each confirmed line is
 * the catalogue's sentence for its label with the confirmed word, and nothing hedges in it.
 */
export function expectConfirmedLinesDefinite(lines: readonly { certainty: string; text: string }[], locale: Locale) {
  const m = messages(locale);
  for (const line of lines.filter((l) => l.certainty === 'confirmed')) {
    expect(line.text.endsWith(m.certainty.confirmed), line.text).toBe(true);
    expect(line.text).not.toContain(m.certainty.possible);
    expect(line.text).not.toMatch(HEDGING[locale]);
  }
  for (const line of lines.filter((l) => l.certainty === 'possible')) {
    expect(line.text.endsWith(m.certainty.possible), line.text).toBe(true);
  }
}
