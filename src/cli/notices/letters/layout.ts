/**
 * One letter on A4: the top panel holds the address (in the envelope window, envelope.ts) and the
 * sender; below the first fold the text follows in the order of notice-letter.ts, answer first. Type is
 * never below 10 pt in the body (California asks that of breach notices, and it suits older readers);
 * the answer sentence is the largest text on the page. Pages carry the reference code and "1 / 2" at the
 * foot, so loose sheets find their letter.
 */
import type { LetterText, PostalAddress, TextBlock } from '../../../answer-text/notice-letter.ts';
import type { Locale } from '../../../core/incident.ts';
import { BODY_TOP, drawAddress, drawFoldMarks } from './envelope.ts';
import { type Doc, MM } from './pdf.ts';
import { drawQr } from './qr.ts';

const BODY = 10;
const SMALL = 9;
const GAP = 2;
const QR_SIZE = 30 * MM;

export interface DrawOptions {
  /** A mark printed across every page of a preview ("SAMPLE: do not send"); null for real letters. */
  readonly sample: string | null;
  /** Add a blank page to an odd-length letter, so duplex printing starts every letter on a new sheet. */
  readonly padToEven: boolean;
}

function left(doc: Doc): number {
  return doc.page.margins.left;
}
function width(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** A new page when less than `height` is left on this one, so a heading never ends a page. */
function keep(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

function para(doc: Doc, text: string, font: 'regular' | 'bold', size: number, after = 0.4): void {
  doc.font(font).fontSize(size);
  keep(doc, doc.currentLineHeight(true));
  doc.text(text, left(doc), doc.y, { width: width(doc), lineGap: GAP });
  doc.moveDown(after);
}

function block(doc: Doc, b: TextBlock): void {
  doc.font('bold').fontSize(11);
  keep(doc, 3 * doc.currentLineHeight(true));
  para(doc, b.heading, 'bold', 11, 0.2);
  for (const line of b.lines) para(doc, line, 'regular', BODY, 0.15);
  doc.moveDown(0.5);
}

function sender(doc: Doc, t: LetterText): void {
  // Right of the window (which ends 113 mm from the left): inside the envelope, not in its window.
  const x = 116 * MM;
  const w = doc.page.width - doc.page.margins.right - x;
  doc.font('bold').fontSize(11).text(t.company, x, 17 * MM, { width: w, align: 'right' });
  doc.font('regular').fontSize(BODY).text(t.date, x, doc.y + 1 * MM, { width: w, align: 'right' });
  doc.fontSize(8.5).text(t.reference.line, x, doc.y + 1 * MM, { width: w, align: 'right' });
}

/** The reference code, the typed portal address and the QR code of the personal page, side by side. */
function referenceBox(doc: Doc, t: LetterText): void {
  const pad = 3 * MM;
  const textWidth = width(doc) - QR_SIZE - 3 * pad;
  const parts: [string, 'regular' | 'bold', number][] = [
    [t.reference.line, 'bold', 11],
    [t.qr.beforeScan, 'regular', SMALL],
    [t.qr.portal, 'bold', BODY],
    [t.reference.help, 'regular', SMALL],
    [t.reference.verifyUrl, 'bold', BODY],
  ];
  const measure = (text: string, font: 'regular' | 'bold', size: number) =>
    doc.font(font).fontSize(size).heightOfString(text, { width: textWidth, lineGap: GAP }) + 1.5 * MM;
  const textHeight = parts.reduce((sum, [text, font, size]) => sum + measure(text, font, size), 0);
  const captionHeight = doc.font('regular').fontSize(8).heightOfString(t.qr.caption, { width: QR_SIZE });
  const height = Math.max(textHeight, QR_SIZE + captionHeight) + 2 * pad;
  keep(doc, height);
  const top = doc.y;
  doc.save().lineWidth(0.8).strokeColor('#444444').rect(left(doc), top, width(doc), height).stroke().restore();
  let y = top + pad;
  for (const [text, font, size] of parts) {
    doc.font(font).fontSize(size).text(text, left(doc) + pad, y, { width: textWidth, lineGap: GAP });
    y += measure(text, font, size);
  }
  const qrX = left(doc) + width(doc) - pad - QR_SIZE;
  drawQr(doc, t.qr.link, qrX, top + pad, QR_SIZE);
  doc.font('regular').fontSize(8).text(t.qr.caption, qrX, top + pad + QR_SIZE, { width: QR_SIZE, align: 'center' });
  doc.x = left(doc);
  doc.y = top + height + 5 * MM;
}

function footer(doc: Doc, text: string, page: string, sample: string | null): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0; // writing into the margin must not start a new page
  const y = doc.page.height - 12 * MM;
  doc.font('regular').fontSize(8).fillColor('#444444');
  doc.text(text, left(doc), y, { width: width(doc) * 0.7, lineBreak: false });
  doc.text(page, left(doc), y, { width: width(doc), align: 'right', lineBreak: false });
  doc.fillColor('black');
  if (sample) {
    // Across the page's diagonal, as wide as the page is tall, so it stays one line in either language.
    const { width: w, height: h } = doc.page;
    doc.save().rotate(-35, { origin: [w / 2, h / 2] });
    doc.font('bold').fontSize(36).fillColor('#cc0000').fillOpacity(0.18);
    doc.text(sample, (w - h) / 2, h / 2 - 20, { width: h, align: 'center', lineBreak: false });
    doc.restore();
    doc.font('bold').fontSize(12).fillColor('#cc0000').text(sample, left(doc), 6 * MM, { width: width(doc), align: 'center', lineBreak: false });
    doc.fillColor('black');
  }
  doc.page.margins.bottom = bottom;
}

/**
 * Draws one letter and flushes its pages to the output; returns the number of pages it took, blank
 * padding included. The channel has refused addresses that cannot fit the window (addressSize).
 */
export function drawLetter(doc: Doc, t: LetterText, address: PostalAddress, locale: Locale, o: DrawOptions): number {
  const first = doc.bufferedPageRange();
  const start = first.start + first.count;
  doc.addPage();
  drawFoldMarks(doc);
  drawAddress(doc, address, locale);
  sender(doc, t);
  doc.x = left(doc);
  doc.y = BODY_TOP;
  para(doc, t.title, 'bold', 12, 0.6);
  para(doc, t.headline, 'bold', 15, 0.3);
  for (const q of t.qualifiers) para(doc, q, 'regular', BODY, 0.2);
  doc.moveDown(0.5);
  if (t.yourData) block(doc, t.yourData);
  if (t.firstSteps) block(doc, t.firstSteps);
  if (t.action) para(doc, t.action, 'bold', 11, 0.8);
  if (t.update) para(doc, t.update, 'regular', BODY, 0.8);
  referenceBox(doc, t);
  if (t.moreSteps) block(doc, t.moreSteps);
  block(doc, t.contacts);
  block(doc, t.neverAsk);
  para(doc, t.why, 'regular', BODY, 0.8);
  for (const section of t.legal) block(doc, section);

  const range = doc.bufferedPageRange();
  const pages = range.start + range.count - start;
  for (let i = 0; i < pages; i++) {
    doc.switchToPage(start + i);
    footer(doc, i === 0 ? t.reference.line : t.continued, t.page(i + 1, pages), o.sample);
  }
  if (o.padToEven && pages % 2 === 1) doc.addPage();
  doc.flushPages();
  return o.padToEven ? pages + (pages % 2) : pages;
}
