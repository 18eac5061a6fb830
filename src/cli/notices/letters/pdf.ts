/**
 * PDF documents for letters, and why they are made this way.
 *
 * Library: pdfkit. It streams: each page is written out when it is flushed, so one PDF of 10,000
 * letters never holds more than the letter being drawn, and it embeds a *subset* of a TrueType font
 * (through fontkit) holding only the glyphs used. pdf-lib (with @pdf-lib/fontkit) was the alternative;
 * it keeps the whole document in memory until it saves, which a 10,000-letter file cannot afford.
 *
 * Font: Noto Sans JP (SIL Open Font License), Regular and Bold, as the static TrueType files of the npm
 * package @expo-google-fonts/noto-sans-jp: installed with `npm ci` like any dependency, nothing fetched
 * at run time, no system font. @fontsource/noto-sans-jp ships only woff/woff2 files cut by unicode-range
 * into ~120 pieces per weight, each missing most kanji, so one string would need several fonts; the
 * OpenType/CFF build in @embedpdf/fonts-jp works too but its subsets come out about twice as large. One
 * font covers both languages (its Latin is complete), so English letters embed the same font.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

let fontData: Record<FontName, Buffer> | undefined;

/** The font files, read once per process (5 MB each); every document subsets what it uses. */
function fonts(): Record<FontName, Buffer> {
  fontData ??= { regular: readFileSync(require.resolve(FONT_FILES.regular)), bold: readFileSync(require.resolve(FONT_FILES.bold)) };
  return fontData;
}

/** 1 mm in PDF points. */
export const MM = 72 / 25.4;

export type Doc = PDFKit.PDFDocument;

/**
 * A new A4 document with both fonts registered. `bufferPages` keeps the pages of the letter being drawn
 * until the caller flushes them, so page numbers ("1 / 2") can be written once the letter's length is
 * known; the caller flushes after every letter. The layout cache is off: it keeps every distinct word
 * ever drawn (names, addresses, codes), which grows with the number of letters.
 */
export function newDocument(title: string): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    autoFirstPage: false,
    bufferPages: true,
    fontLayoutCache: false,
    info: { Title: title, Creator: 'amiaffected' },
    margins: { top: 15 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM },
  });
  const f = fonts();
  doc.registerFont('regular', f.regular);
  doc.registerFont('bold', f.bold);
  doc.font('regular');
  return doc;
}
