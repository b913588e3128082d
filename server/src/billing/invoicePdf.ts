/**
 * An invoice or credit note as a PDF (issue 15): what the printable page says (invoiceHtml.ts's
 * `invoiceDocument`, so both read the same labels, lines, parties and tax mention), laid out on
 * A4 pages. Made with pdf-lib: maintained, no native code or browser needed, and it writes the
 * PDF itself rather than printing HTML, so the server needs no Chromium to answer a download.
 *
 * The text is set in DejaVu Sans, embedded (subset to the characters used, with fontkit, pdf-lib's
 * companion for fonts of one's own): names and addresses are the customers' own, and Helvetica,
 * the standard font a PDF may leave out, covers only Windows-1252 — "Łódź", "Dvořák" or "Ελλάδα"
 * came out as "?". DejaVu covers the Latin, Greek and Cyrillic scripts; a character it does not
 * have (a name in a script outside them) is written as "?" rather than failing the download.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type fontkitModule from '@pdf-lib/fontkit';
import type { InvoiceDocument } from './invoiceHtml.js';

const require = createRequire(import.meta.url);
/**
 * fontkit and the two faces, loaded with the first PDF and kept: fontkit is a large module, and
 * most of the server's processes (and test files) never write a PDF.
 */
let fonts: Promise<{ fontkit: typeof fontkitModule; regular: Uint8Array; bold: Uint8Array }> | null = null;
function dejaVuSans() {
  fonts ??= Promise.all([
    import('@pdf-lib/fontkit'),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    readFile(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  ]).then(
    ([fontkit, regular, bold]) => ({ fontkit: fontkit.default, regular, bold }),
    (error: unknown) => {
      // Not kept: the next PDF tries again.
      fonts = null;
      throw error;
    },
  );
  return fonts;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const GREY = rgb(0.38, 0.38, 0.38);

function printable(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  const space = /[\u202f\u2009\u2007]/;
  return (text) =>
    [...text]
      .map((char) => (supported.has(char.codePointAt(0)!) || char === '\n' ? char : space.test(char) ? '\u00a0' : '?'))
      .join('');
}

export async function renderInvoicePdf(document: InvoiceDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(document.title);
  pdf.setLanguage(document.locale);
  pdf.setProducer('Outmerge');
  pdf.setCreator('Outmerge');
  pdf.setCreationDate(new Date(document.issuedAt));
  pdf.setModificationDate(new Date(document.issuedAt));
  const font = await dejaVuSans();
  pdf.registerFontkit(font.fontkit);
  const regular = await pdf.embedFont(font.regular, { subset: true });
  const bold = await pdf.embedFont(font.bold, { subset: true });
  const clean = printable(regular);
  let page: PDFPage = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const width = A4[0] - 2 * MARGIN;

  const ensure = (height: number) => {
    if (y - height >= MARGIN) return;
    page = pdf.addPage(A4);
    y = A4[1] - MARGIN;
  };
  /** Words wrapped to `max` points; returns the lines. */
  const wrap = (text: string, font: PDFFont, size: number, max: number): string[] => {
    const lines: string[] = [];
    for (const paragraph of clean(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (line && font.widthOfTextAtSize(next, size) > max) {
          lines.push(line);
          line = word;
        } else line = next;
      }
      lines.push(line);
    }
    return lines;
  };
  const text = (
    value: string,
    options: {
      size?: number;
      font?: PDFFont;
      x?: number;
      max?: number;
      color?: ReturnType<typeof rgb>;
      gap?: number;
    } = {},
  ) => {
    const size = options.size ?? 10;
    const font = options.font ?? regular;
    for (const line of wrap(value, font, size, options.max ?? width)) {
      ensure(size + 4);
      page.drawText(line, {
        x: options.x ?? MARGIN,
        y: y - size,
        size,
        font,
        color: options.color ?? rgb(0.14, 0.14, 0.14),
      });
      y -= size + 4;
    }
    y -= options.gap ?? 0;
  };
  const right = (value: string, xRight: number, rowY: number, font: PDFFont = regular, size = 10) => {
    const line = clean(value);
    page.drawText(line, { x: xRight - font.widthOfTextAtSize(line, size), y: rowY - size, size, font });
  };

  text(document.title, { size: 18, font: bold, gap: 2 });
  text(document.meta, { color: GREY, gap: 12 });
  if (document.corrects) text(document.corrects, { font: bold, gap: 8 });
  const columnWidth = (width - 20) / 2;
  const top = y;
  if (document.seller) {
    text(document.seller.label, { font: bold, max: columnWidth });
    text(document.seller.lines.join('\n'), { max: columnWidth });
  }
  const afterSeller = y;
  y = top;
  const buyerX = document.seller ? MARGIN + columnWidth + 20 : MARGIN;
  text(document.buyer.label, { font: bold, x: buyerX, max: columnWidth });
  text(document.buyer.lines.join('\n'), { x: buyerX, max: columnWidth });
  y = Math.min(y, afterSeller) - 10;
  text(document.period, { gap: 10 });

  // The lines: description, quantity, unit price, amount.
  const columns = { quantity: MARGIN + width * 0.62, unit: MARGIN + width * 0.8, amount: MARGIN + width };
  const header = () => {
    ensure(20);
    page.drawText(clean(document.headings.description), { x: MARGIN, y: y - 10, size: 10, font: bold });
    right(document.headings.quantity, columns.quantity, y, bold);
    right(document.headings.unitPrice, columns.unit, y, bold);
    right(document.headings.amount, columns.amount, y, bold);
    y -= 16;
    page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.5, color: GREY });
    y -= 6;
  };
  header();
  for (const line of document.lines) {
    const described = wrap(line.description, regular, 10, width * 0.52);
    ensure(described.length * 14 + 4);
    const rowY = y;
    right(line.quantity, columns.quantity, rowY);
    right(line.unitPrice, columns.unit, rowY);
    right(line.amount, columns.amount, rowY);
    for (const part of described) {
      page.drawText(part, { x: MARGIN, y: y - 10, size: 10, font: regular });
      y -= 14;
    }
    y -= 4;
  }
  page.drawLine({ start: { x: MARGIN, y }, end: { x: MARGIN + width, y }, thickness: 0.5, color: GREY });
  y -= 8;
  for (const total of document.totals) {
    ensure(16);
    const font = total.strong ? bold : regular;
    right(total.label, columns.unit, y, font);
    right(total.amount, columns.amount, y, font);
    y -= 16;
  }
  y -= 8;
  if (document.taxNote) text(document.taxNote, { gap: 6 });
  if (document.paid) text(document.paid);
  return pdf.save();
}
