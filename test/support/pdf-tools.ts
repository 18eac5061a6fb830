/**
 * What a person (or a print shop) gets out of a letter PDF, through poppler and zbar as installed by
 * .ci/run: the text of a page or of a box on it, the QR codes a camera reads off the printed page, and
 * the fonts it embeds. A missing tool fails the test that needs it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openD1 } from '../../src/cli/d1/open.ts';

const run = promisify(execFile);

/** The text of one page, in reading order. */
export async function pageText(pdf: string, page: number): Promise<string> {
  return (await run('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'])).stdout;
}

/** The text inside a box of a page, in PDF points from the top-left corner. */
export async function textInBox(pdf: string, page: number, box: { x: number; y: number; width: number; height: number }): Promise<string> {
  const args = ['-f', String(page), '-l', String(page), '-r', '72', '-x', String(Math.round(box.x)), '-y', String(Math.round(box.y))];
  return (await run('pdftotext', [...args, '-W', String(Math.round(box.width)), '-H', String(Math.round(box.height)), pdf, '-'])).stdout;
}

/** The QR codes on a page as zbarimg decodes them from a 150 dpi rendering, as a phone would see print. */
export async function qrCodes(pdf: string, page: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'amiaffected-qr-'));
  try {
    const png = join(dir, 'page');
    await run('pdftoppm', ['-r', '150', '-png', '-f', String(page), '-l', String(page), '-singlefile', pdf, png]);
    const { stdout } = await run('zbarimg', ['-q', '--raw', `${png}.png`]);
    return stdout.split('\n').filter((line) => line !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** pdffonts' table: one row per font with its name, whether embedded and whether subset. */
export async function fonts(pdf: string): Promise<{ name: string; embedded: boolean; subset: boolean }[]> {
  const { stdout } = await run('pdffonts', [pdf]);
  return stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID: the flags are the 5th to 3rd cells from the end.
      return { name: cells[0]!, embedded: cells.at(-5) === 'yes', subset: cells.at(-4) === 'yes' };
    });
}

/** Notice codes D1 holds for an incident: what a run stored, or did not. */
export async function noticeCodes(stateDir: string, incident: string): Promise<number> {
  const local = await openD1({ persistTo: stateDir });
  try {
    return (local.sqlite.prepare(`SELECT count(*) AS n FROM codes WHERE incident = ? AND kind = 'notice'`).get(incident) as { n: number }).n;
  } finally {
    await local.close();
  }
}

/** Text with line breaks and runs of spaces made single spaces; Japanese lines joined without one. */
export function flat(text: string): string {
  return text
    .replace(/([^\x00-\x7F])\s*\n\s*(?=[^\x00-\x7F])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
