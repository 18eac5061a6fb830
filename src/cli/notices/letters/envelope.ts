/**
 * Where the address goes: the window of a Japanese 長形3号 (長3) window envelope, 120 × 235 mm, which
 * takes an A4 sheet folded in three (99 mm panels) with the top panel facing the window.
 *
 * Window figures, from envelope makers' and Japan Post's guidance: the address window must be at least
 * 80 × 45 mm (Japan Post's rule for 宛名窓); stock 長3 window envelopes have a 90 × 45 mm window about
 * 23 mm from the left edge and 12–15 mm from the top edge of the panel (envelope laid landscape, flap
 * away). We take window = 23 mm from the left, 12 mm from the top, 90 × 45 mm, and print inside it with
 * a margin of 3 mm left and right and 4 mm top and bottom, because a folded A4 sheet (210 mm wide in a
 * 235 mm envelope, a 99 mm panel in 120 mm) moves by a few millimetres: the address block is the box
 * 26–110 mm from the left, 16–53 mm from the top, and it shrinks its type to stay inside.
 *
 * Fold marks sit in the left margin at 99 mm and 198 mm, where the sheet folds into the envelope.
 */
import { addressLines, type PostalAddress } from '../../../answer-text/notice-letter.ts';
import type { Locale } from '../../../core/incident.ts';
import { type Doc, MM } from './pdf.ts';

export const WINDOW = { left: 23 * MM, top: 12 * MM, width: 90 * MM, height: 45 * MM };
const INSET = { x: 3 * MM, y: 4 * MM };
export const ADDRESS_BOX = {
  x: WINDOW.left + INSET.x,
  y: WINDOW.top + INSET.y,
  width: WINDOW.width - 2 * INSET.x,
  height: WINDOW.height - 2 * INSET.y,
};
/** The folds of an A4 sheet in three, from the top. */
export const FOLDS = [99 * MM, 198 * MM];
/** Below this the first page's text starts: the top panel belongs to the address and the sender. */
export const BODY_TOP = FOLDS[0]! + 6 * MM;

const SIZES = [11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7];
const NAME_STEP = 1.5; // the name prints a size larger, as addressees expect

function blockHeight(doc: Doc, lines: readonly string[], nameIndex: number, size: number): number {
  return lines.reduce((sum, line, i) => {
    doc.font(i === nameIndex ? 'bold' : 'regular').fontSize(i === nameIndex ? size + NAME_STEP : size);
    return sum + doc.heightOfString(line, { width: ADDRESS_BOX.width, lineGap: 1 });
  }, 0);
}

/** The largest type size at which the address fits the window, or null when none does. */
export function addressSize(doc: Doc, address: PostalAddress, locale: Locale): number | null {
  const lines = addressLines(address, locale);
  const nameIndex = address.name ? (locale === 'ja' ? lines.length - 1 : 0) : -1;
  return SIZES.find((size) => blockHeight(doc, lines, nameIndex, size) <= ADDRESS_BOX.height) ?? null;
}

/** Draws the address block in the window; false when it cannot fit at the smallest size. */
export function drawAddress(doc: Doc, address: PostalAddress, locale: Locale): boolean {
  const size = addressSize(doc, address, locale);
  if (size === null) return false;
  const lines = addressLines(address, locale);
  const nameIndex = address.name ? (locale === 'ja' ? lines.length - 1 : 0) : -1;
  let y = ADDRESS_BOX.y;
  lines.forEach((line, i) => {
    doc.font(i === nameIndex ? 'bold' : 'regular').fontSize(i === nameIndex ? size + NAME_STEP : size);
    doc.text(line, ADDRESS_BOX.x, y, { width: ADDRESS_BOX.width, lineGap: 1 });
    y = doc.y;
  });
  return true;
}

export function drawFoldMarks(doc: Doc): void {
  doc.save().lineWidth(0.5).strokeColor('#999999');
  for (const y of FOLDS) doc.moveTo(0, y).lineTo(6 * MM, y).stroke();
  doc.restore();
}
