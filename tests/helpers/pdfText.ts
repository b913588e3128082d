/**
 * The text a PDF shows, for tests, read with pdf.js (Mozilla's PDF reader, its Node build): every
 * piece of text drawn, in order, one per line. The invoice's text is set in an embedded font
 * (glyph ids mapped back to characters through the font's ToUnicode table), which pdf.js reads
 * as a viewer does.
 */

export async function pdfText(pdf: Uint8Array): Promise<string> {
  // Imported when first used: pdf.js is large, and a test file pays for its imports.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes the bytes over (transfers the buffer): a copy, so the caller's stay readable.
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false })
    .promise;
  const shown: string[] = [];
  try {
    for (let number = 1; number <= document.numPages; number++) {
      const content = await (await document.getPage(number)).getTextContent();
      for (const item of content.items) if ('str' in item && item.str !== '') shown.push(item.str);
    }
  } finally {
    await document.destroy();
  }
  return shown.join('\n').replace(/\u00a0/g, ' ');
}
