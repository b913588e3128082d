/**
 * The text a PDF shows, for tests: pdf-lib writes each piece of text with the standard fonts as a
 * hex string in a Flate-compressed content stream (`<48656C6C6F> Tj`), encoded in WinAnsi
 * (Windows-1252). Every stream is inflated and every shown string decoded, in order.
 */
import { inflateSync } from 'node:zlib';

const WINANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x84: '„',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
};

export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const shown: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const text of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      const bytes = Buffer.from(text[1]!, 'hex');
      shown.push([...bytes].map((b) => WINANSI_HIGH[b] ?? String.fromCharCode(b)).join(''));
    }
  }
  return shown.join('\n').replace(/\u00a0/g, ' ');
}
