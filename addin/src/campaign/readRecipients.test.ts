import { describe, expect, it } from 'vitest';
import { decodeText, parseRecipientCsv, RecipientListError } from './readRecipients.js';

function problem(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (error) {
    return error instanceof RecipientListError ? error.problem.code : String(error);
  }
}

describe('recipient CSV import', () => {
  it('sniffs the delimiter, trims headers, keeps quoted newlines and skips empty lines', () => {
    const list = parseRecipientCsv('a.csv', '\ufeffFirst Name;E-mail ;Note\r\nAnna;anna@contoso.com;"two\nlines"\r\n\r\n;;\r\nBob;bob@contoso.com;x\r\n');
    expect(list.columns).toEqual(['First Name', 'E-mail', 'Note']);
    expect(list.rows).toEqual([
      { 'First Name': 'Anna', 'E-mail': 'anna@contoso.com', Note: 'two\nlines' },
      { 'First Name': 'Bob', 'E-mail': 'bob@contoso.com', Note: 'x' },
    ]);
    expect(list.emailColumn).toBe('E-mail');
  });

  it('finds the address column by its content when its name says nothing', () => {
    expect(parseRecipientCsv('a.csv', 'Name,Contact\nAnna,anna@contoso.com\nBob,bob@contoso.com\n').emailColumn).toBe('Contact');
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
});
