import { describe, expect, it } from 'vitest';
import { compileTemplate } from '#shared/merge/mergeTemplate.js';
import {
  firstSheetWithAddresses,
  noAddressColumn,
  recipientListFromSheet,
  RecipientListError,
  type RecipientListProblem,
} from './recipientList.js';
import { decodeText, parseRecipientCsv, readWorkbook } from './readRecipients.js';

function problemOf(fn: () => unknown): RecipientListProblem | string {
  try {
    fn();
    return 'none';
  } catch (error) {
    return error instanceof RecipientListError ? error.problem : String(error);
  }
}

function problem(fn: () => unknown): string {
  const found = problemOf(fn);
  return typeof found === 'string' ? found : found.code;
}

describe('recipient CSV import', () => {
  it('sniffs the delimiter, trims headers, keeps quoted newlines and skips empty lines', () => {
    const list = parseRecipientCsv(
      'a.csv',
      '\ufeffFirst Name;E-mail ;Note\r\nAnna;anna@contoso.com;"two\nlines"\r\n\r\n;;\r\nBob;bob@contoso.com;x\r\n',
    );
    expect(list.columns).toEqual(['First Name', 'E-mail', 'Note']);
    expect(list.rows).toEqual([
      { 'First Name': 'Anna', 'E-mail': 'anna@contoso.com', Note: 'two\nlines' },
      { 'First Name': 'Bob', 'E-mail': 'bob@contoso.com', Note: 'x' },
    ]);
    expect(list.emailColumn).toBe('E-mail');
  });

  it('gives short rows empty cells and drops surplus cells and blank headers', () => {
    const list = parseRecipientCsv(
      'ragged.csv',
      'Name,Email,,City\nAnn,ann@contoso.com\nBob,bob@contoso.com,x,Paris,extra,more\n',
    );
    expect(list.columns).toEqual(['Name', 'Email', 'City']);
    expect(list.rows).toEqual([
      { Name: 'Ann', Email: 'ann@contoso.com', City: '' },
      { Name: 'Bob', Email: 'bob@contoso.com', City: 'Paris' },
    ]);
    // A tidy file needs no fixing: every row already has every column.
    expect(parseRecipientCsv('tidy.csv', 'Name,Email\nAnn,ann@contoso.com\n').rows).toEqual([
      { Name: 'Ann', Email: 'ann@contoso.com' },
    ]);
  });

  it('reads columns named like object internals (__proto__, constructor, toString) as ordinary columns, through to the merge', () => {
    const list = parseRecipientCsv(
      'proto.csv',
      'Email,__proto__,constructor,toString\nann@contoso.com,Hello,Builder\nbob@contoso.com,Hi,,x,surplus\n',
    );
    expect(list.columns).toEqual(['Email', '__proto__', 'constructor', 'toString']);
    expect(list.rows.map((row) => [row['__proto__'], row.constructor, row.toString])).toEqual([
      ['Hello', 'Builder', ''],
      ['Hi', '', 'x'],
    ]);
    expect(list.emailColumn).toBe('Email');
    const compiled = compileTemplate(
      { subject: '{{__proto__}} {{toString | there}}', bodyHtml: '<p>{{constructor}}</p>' },
      list.columns,
    );
    if (!compiled.ok) throw new Error('template');
    expect(list.rows.map((row) => compiled.template.render(row))).toEqual([
      { subject: 'Hello there', html: '<p>Builder</p>' },
      { subject: 'Hi x', html: '<p></p>' },
    ]);
    const sheet = recipientListFromSheet(
      {
        fileName: 'proto.xlsx',
        sheets: [
          {
            name: 'S',
            cells: [
              ['Email', '__proto__'],
              ['ann@contoso.com', 'Hello'],
            ],
          },
        ],
      },
      'S',
    );
    expect(sheet.rows[0]?.['__proto__']).toBe('Hello');
  });

  it('finds the address column by its content when its name says nothing', () => {
    expect(parseRecipientCsv('a.csv', 'Name,Contact\nAnna,anna@contoso.com\nBob,bob@contoso.com\n').emailColumn).toBe(
      'Contact',
    );
  });

  it('decodes UTF-8 with or without BOM, and falls back to Windows-1252', () => {
    expect(decodeText(new TextEncoder().encode('Zoé'))).toBe('Zoé');
    expect(decodeText(new Uint8Array([0x5a, 0x6f, 0xe9, 0x80]))).toBe('Zoé€');
  });

  it('explains a file without an email column, without rows, or with broken quotes', () => {
    expect(problem(() => parseRecipientCsv('a.csv', 'Name,City\nAnna,Paris\n'))).toBe('NO_EMAIL_COLUMN');
    expect(problem(() => parseRecipientCsv('a.csv', 'Name,Email\n'))).toBe('NO_ROWS');
    expect(problem(() => parseRecipientCsv('a.csv', 'Name,Email\n"Anna,anna@contoso.com\n'))).toBe('PARSE_ERROR');
  });

  it('says how many values of the address column are not addresses when most of them are not', () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      i < 20 ? `P${i},p${i}@contoso.com,Paris` : `P${i},p${i} at contoso.com,Paris`,
    );
    expect(problemOf(() => parseRecipientCsv('people.csv', ['Name,Email,City', ...rows].join('\n')))).toEqual({
      code: 'MOSTLY_INVALID_ADDRESSES',
      fileName: 'people.csv',
      column: 'Email',
      invalid: 180,
      total: 200,
      example: 'p20 at contoso.com',
    });
  });

  it('names the column with the "@" rather than a postal address column, and nothing when no column has any', () => {
    expect(
      noAddressColumn(
        'a.csv',
        ['Address', 'Contact'],
        [
          { Address: '12 rue de la Paix', Contact: 'x@' },
          { Address: '1 Main St', Contact: 'y@' },
        ],
      ),
    ).toEqual({
      code: 'MOSTLY_INVALID_ADDRESSES',
      fileName: 'a.csv',
      column: 'Contact',
      invalid: 2,
      total: 2,
      example: 'x@',
    });
    expect(noAddressColumn('a.csv', ['Name', 'City'], [{ Name: 'Anna', City: 'Paris' }])).toEqual({
      code: 'NO_EMAIL_COLUMN',
      fileName: 'a.csv',
    });
  });
});

describe('Excel workbooks', () => {
  async function workbook(): Promise<ArrayBuffer> {
    const { default: writeXlsxFile } = await import('write-excel-file/node');
    const buffer = await writeXlsxFile([
      { sheet: 'Notes', data: [[{ value: 'nothing here' }]] },
      {
        sheet: 'Customers',
        data: [
          [{ value: 'Name' }, { value: 'Email' }, { value: 'Email' }, { value: 'Since' }, { value: 'Seats' }],
          [
            { value: 'Zoé' },
            { value: 'zoe@fabrikam.com' },
            { value: 'boss@fabrikam.com' },
            { value: new Date(Date.UTC(2024, 2, 5)), type: Date, format: 'yyyy-mm-dd' },
            { value: 12 },
          ],
          [null, null, null, null, null],
          [{ value: 'Ulf' }, { value: 'ulf@fabrikam.com' }, null, null, { value: 3 }],
        ],
      },
    ]).toBuffer();
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
  }

  it('reads every sheet by name, and one sheet as a recipient list with its header row', async () => {
    const book = await readWorkbook('customers.xlsx', await workbook());
    expect(book.sheets.map((s) => s.name)).toEqual(['Notes', 'Customers']);
    const list = recipientListFromSheet(book, 'Customers');
    expect(list.columns).toEqual(['Name', 'Email', 'Email_1', 'Since', 'Seats']);
    expect(list.rows).toEqual([
      { Name: 'Zoé', Email: 'zoe@fabrikam.com', Email_1: 'boss@fabrikam.com', Since: '2024-03-05', Seats: '12' },
      { Name: 'Ulf', Email: 'ulf@fabrikam.com', Email_1: '', Since: '', Seats: '3' },
    ]);
    expect(list.emailColumn).toBe('Email');
    expect(problem(() => recipientListFromSheet(book, 'Notes'))).toBe('NO_ROWS');
  });

  it('opens on the first sheet that holds addresses, or the first sheet when none does', async () => {
    const book = await readWorkbook('customers.xlsx', await workbook());
    expect(firstSheetWithAddresses(book)).toBe('Customers');
    expect(firstSheetWithAddresses({ ...book, sheets: book.sheets.filter((s) => s.name === 'Notes') })).toBe('Notes');
    expect(firstSheetWithAddresses({ fileName: 'empty.xlsx', sheets: [] })).toBe('');
  });

  it('explains a file that is not a workbook', async () => {
    await expect(
      readWorkbook('broken.xlsx', new TextEncoder().encode('not a zip').buffer as ArrayBuffer),
    ).rejects.toMatchObject({ problem: { code: 'PARSE_ERROR', fileName: 'broken.xlsx' } });
  });
});

describe('large files', () => {
  // 40,000 rows parsed twice: a few seconds on a busy machine (hence the time allowed).
  it('reads in chunks with progress, and gets the same list as a whole-text parse', () => {
    const text = ['Name,Email', ...Array.from({ length: 40_000 }, (_, i) => `"Person, ${i}",p${i}@contoso.com`)].join(
      '\n',
    );
    const shares: number[] = [];
    const chunked = parseRecipientCsv('big.csv', text, (share) => shares.push(share));
    expect(shares.length).toBeGreaterThan(1);
    expect(shares.at(-1)).toBe(1);
    expect(shares).toEqual([...shares].sort((a, b) => a - b));
    expect(chunked).toEqual(parseRecipientCsv('big.csv', text));
    expect(chunked.rows).toHaveLength(40_000);
  }, 30_000);
});
