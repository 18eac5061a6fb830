/**
 * The QR code of a recipient's personal link, drawn as vector squares: sharp at any print resolution,
 * a few hundred bytes per letter, and no image to embed. qrcode-generator computes the matrix (no
 * dependencies, types included). Error correction level M (15 %) survives a fold line or a smudge; the
 * link is short enough that M stays at version 4 or 5 (33–37 modules), so a 26 mm code has modules of
 * about 0.7 mm, which phone cameras read easily.
 */
import qrcode from 'qrcode-generator';
import type { Doc } from './pdf.ts';

/** The quiet zone the QR standard requires around the code, in modules. */
const QUIET_ZONE = 4;

/**
 * Draws the code for `text` with its top-left corner at (x, y), `size` points wide including the quiet
 * zone. Dark modules of a row are merged into runs, so a code is a few dozen rectangles.
 */
export function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const module = size / (count + 2 * QUIET_ZONE);
  const origin = { x: x + QUIET_ZONE * module, y: y + QUIET_ZONE * module };
  doc.save();
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.isDark(row, col)) col++;
      doc.rect(origin.x + start * module, origin.y + row * module, (col - start) * module, module);
    }
  }
  doc.fillColor('black').fill();
  doc.restore();
}
