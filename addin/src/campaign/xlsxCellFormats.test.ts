import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { recipientListFromSheet } from './recipientList.js';
import { readWorkbook } from './readRecipients.js';
import { SHORT_DATE } from './excelNumberFormat.js';
import { readWorkbookFormats } from './xlsxCellFormats.js';

/** A minimal .xlsx package as ECMA-376 Part 1 lays it out; `prefix` writes SpreadsheetML with a namespace prefix, as some writers do. */
function xlsx(options: { prefix?: string; date1904?: boolean; sheetXml: string; strings: string[] }): Uint8Array {
  const p = options.prefix ? `${options.prefix}:` : '';
  const ns = options.prefix ? `xmlns:${options.prefix}` : 'xmlns';
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns}="${main}" xmlns:r="${rel}"><${p}workbookPr${options.date1904 ? ' date1904="1"' : ''}/><${p}sheets><${p}sheet name="People &amp; prices" sheetId="1" r:id="rId7"/></${p}sheets></${p}workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="${rel}/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId8" Type="${rel}/styles" Target="styles.xml"/><Relationship Id="rId9" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    'xl/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}styleSheet ${ns}="${main}"><${p}numFmts count="1"><${p}numFmt numFmtId="164" formatCode="#,##0.00&quot; €&quot;"/></${p}numFmts><${p}cellStyleXfs count="1"><${p}xf numFmtId="0"/></${p}cellStyleXfs><${p}cellXfs count="5"><${p}xf numFmtId="0" xfId="0"/><${p}xf numFmtId="14" xfId="0" applyNumberFormat="1"/><${p}xf numFmtId="164" xfId="0" applyNumberFormat="1"/><${p}xf numFmtId="10" xfId="0" applyNumberFormat="1"/><${p}xf numFmtId="49" xfId="0" applyNumberFormat="1"/></${p}cellXfs></${p}styleSheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns}="${main}">${options.strings.map((s) => `<${p}si><${p}t>${s}</${p}t></${p}si>`).join('')}</${p}sst>`,
    ),
    'xl/worksheets/data.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}="${main}"><${p}sheetData>${options.sheetXml.replaceAll('<', `<${p}`).replaceAll(`<${p}/`, `</${p}`)}</${p}sheetData></${p}worksheet>`,
    ),
  });
}

const strings = ['Email', 'Since', 'Price', 'Share', 'Code', 'anna@contoso.com'];
// The header on row 2 (row 1 is absent, as Excel leaves out an empty first row).
const sheetXml =
  '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c><c r="E2" t="s"><v>4</v></c></row><row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" s="1"><v>46093</v></c><c r="C3" s="2"><v>1234.5</v></c><c r="D3" s="3"><v>0.125</v></c><c r="E3" s="4"><v>7</v></c></row>';

describe('readWorkbookFormats', () => {
  it('finds each cell’s number format through the relationships, whatever the namespace prefix, also for a cell without its reference', () => {
    for (const prefix of [undefined, 'x']) {
      // The reference is optional (ECMA-376 Part 1, §18.3.1.4): D3 follows C3.
      const formats = readWorkbookFormats(xlsx({ prefix, sheetXml: sheetXml.replace('<c r="D3" ', '<c '), strings }));
      const sheet = formats.sheets.get('People & prices');
      expect(sheet).toBeDefined();
      expect([0, 1, 2, 3, 4].map((column) => sheet!.at(2, column))).toEqual([
        undefined,
        SHORT_DATE,
        '#,##0.00" €"',
        '0.00%',
        '@',
      ]);
      expect(sheet!.at(1, 1)).toBeUndefined();
      expect(formats.date1904).toBe(false);
    }
    expect(readWorkbookFormats(xlsx({ date1904: true, sheetXml, strings })).date1904).toBe(true);
  });
});

describe('readWorkbook', () => {
  it('shows dates, amounts and percentages as the cells show them, in the reader’s language', async () => {
    const bytes = xlsx({ sheetXml, strings });
    const english = recipientListFromSheet(await readWorkbook('prices.xlsx', bytes.slice().buffer), 'People & prices');
    expect(english.rows).toEqual([
      { Email: 'anna@contoso.com', Since: '3/12/2026', Price: '1,234.50 €', Share: '12.50%', Code: '7' },
    ]);
    const german = recipientListFromSheet(
      await readWorkbook('prices.xlsx', bytes.slice().buffer, 'de-DE'),
      'People & prices',
    );
    expect(german.rows).toEqual([
      { Email: 'anna@contoso.com', Since: '12.3.2026', Price: '1.234,50 €', Share: '12,50%', Code: '7' },
    ]);
  });

  it('reads dates in a workbook of the 1904 date system', async () => {
    const list = recipientListFromSheet(
      await readWorkbook(
        'mac.xlsx',
        xlsx({ date1904: true, sheetXml: sheetXml.replace('<v>46093</v>', '<v>44631</v>'), strings }).slice().buffer,
      ),
      'People & prices',
    );
    expect(list.rows[0]?.Since).toBe('3/12/2026');
  });

  it('keeps a workbook written by another library as its cells show (write-excel-file’s custom formats)', async () => {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const written = await writeXlsxFile([
      [{ value: 'Email' }, { value: 'Ordered' }, { value: 'Total' }, { value: 'Discount' }, { value: 'Quantity' }],
      [
        { value: 'zoe@fabrikam.com' },
        { value: new Date(Date.UTC(2026, 2, 12)), type: Date, format: 'dd/mm/yyyy' },
        { value: 1234.5, format: '#,##0.00 [$€-40C]' },
        { value: 0.125, format: '0.0 %' },
        { value: 3 },
      ],
    ]).toBuffer();
    const workbook = written.buffer.slice(written.byteOffset, written.byteOffset + written.byteLength) as ArrayBuffer;
    const list = recipientListFromSheet(await readWorkbook('orders.xlsx', workbook, 'fr-FR'), 'Sheet1');
    expect(list.rows.map((row) => ({ ...row, Total: row.Total?.replace(/[\u202f\u00a0]/g, ' ') }))).toEqual([
      { Email: 'zoe@fabrikam.com', Ordered: '12/03/2026', Total: '1 234,50 €', Discount: '12,5 %', Quantity: '3' },
    ]);
  });
});
