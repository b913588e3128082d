import { describe, expect, it } from 'vitest';
import { formatCellValue, formatCodeOf, GENERAL, isDateFormat, serialToDate, SHORT_DATE } from './excelNumberFormat.js';

/** Intl's French grouping separator is a narrow no-break space; the tests read it as a space. */
const show = (value: number | Date, code: string, locale = 'en-US', date1904 = false) =>
  formatCellValue(value, code, locale, date1904).replace(/[\u202f\u00a0]/g, ' ');
const march12 = new Date(Date.UTC(2026, 2, 12));

describe('numbers as their cell shows them', () => {
  it('groups and rounds with the reader’s separators', () => {
    expect(show(1234.5, '#,##0.00')).toBe('1,234.50');
    expect(show(1234.5, '#,##0.00', 'de-DE')).toBe('1.234,50');
    expect(show(1234.5, '#,##0.00', 'fr-FR')).toBe('1 234,50');
    expect(show(1234.567, '0.00')).toBe('1234.57');
    expect(show(2.5, '0')).toBe('3');
    expect(show(0.5, '#.00')).toBe('.50');
    expect(show(7, '000')).toBe('007');
  });

  it('writes currencies, literals and a currency tag where the format puts them', () => {
    expect(show(1234.5, '#,##0.00 [$€-407]', 'de-DE')).toBe('1.234,50 €');
    expect(show(1234.5, '"$"#,##0.00')).toBe('$1,234.50');
    expect(show(-5, '"$"#,##0.00')).toBe('-$5.00');
    expect(show(1234.5, '[$$-409]#,##0.00')).toBe('$1,234.50');
    expect(show(12, '0 "seats"')).toBe('12 seats');
    expect(show(12, '0\\ \\k\\m')).toBe('12 km');
  });

  it('takes the section for negatives and zero, with their own sign or parentheses, and ignores colours and padding', () => {
    expect(show(-5, '#,##0.00;(#,##0.00)')).toBe('(5.00)');
    expect(show(-1234, '#,##0 ;[Red](#,##0)')).toBe('(1,234)');
    expect(show(1234, '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)')).toBe('1,234');
    expect(show(0, '_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)')).toBe('-');
    expect(show(0, '0;-0;"none"')).toBe('none');
  });

  it('shows percentages, thousands scaling and scientific notation', () => {
    expect(show(0.125, '0%')).toBe('13%');
    expect(show(0.125, '0.0%')).toBe('12.5%');
    expect(show(0.125, '0.0%', 'de-DE')).toBe('12,5%');
    expect(show(12345, '#,##0,"K"')).toBe('12K');
    expect(show(12345678, '0.0,,"M"')).toBe('12.3M');
    expect(show(12345, '0.00E+00')).toBe('1.23E+04');
    expect(show(0.00012, '0.00E+00')).toBe('1.20E-04');
  });

  it('fills digit templates from the right: phone numbers and postcodes', () => {
    expect(show(5551234567, '(000) 000-0000')).toBe('(555) 123-4567');
    expect(show(1234, '00000')).toBe('01234');
    expect(show(75008, '00000')).toBe('75008');
    expect(show(1234567, '00-00')).toBe('12345-67');
  });

  it('writes General as the reader’s number, and what it cannot read (fractions, conditions) as General too', () => {
    expect(show(1234.5, GENERAL)).toBe('1234.5');
    expect(show(1234.5, GENERAL, 'de-DE')).toBe('1234,5');
    expect(show(0.1 + 0.2, GENERAL)).toBe('0.3');
    expect(show(12345678, GENERAL)).toBe('12345678');
    expect(show(1.5, '# ?/?')).toBe('1.5');
    expect(show(150, '[>100]"big";"small"')).toBe('150');
    expect(show(42, '@')).toBe('42');
  });
});

describe('dates and times as their cell shows them', () => {
  it('follows the format code, with month and day names in the reader’s language', () => {
    expect(show(march12, 'dd/mm/yyyy')).toBe('12/03/2026');
    expect(show(march12, 'yyyy-mm-dd')).toBe('2026-03-12');
    expect(show(march12, 'd mmmm yyyy', 'fr-FR')).toBe('12 mars 2026');
    expect(show(march12, 'mmmm d, yyyy')).toBe('March 12, 2026');
    expect(show(march12, 'dddd d mmmm', 'de-DE')).toBe('Donnerstag 12 März');
    expect(show(march12, 'd-mmm-yy')).toBe('12-Mar-26');
    expect(show(march12, 'mmmmm')).toBe('M');
  });

  it('reads a serial day number in a date cell (1900 and 1904 systems)', () => {
    expect(show(46093, 'dd/mm/yyyy')).toBe('12/03/2026');
    expect(show(44631, 'dd/mm/yyyy', 'en-US', true)).toBe('12/03/2026');
    expect(serialToDate(1, false).toISOString().slice(0, 10)).toBe('1900-01-01');
    expect(serialToDate(61, false).toISOString().slice(0, 10)).toBe('1900-03-01');
  });

  it('tells minutes from months, and writes 12-hour and elapsed times', () => {
    expect(show(46093.75, 'dd/mm/yyyy hh:mm')).toBe('12/03/2026 18:00');
    expect(show(0.75, 'h:mm AM/PM')).toBe('6:00 PM');
    expect(show(0.25 + 30 / 1440, 'h:mm:ss am/pm')).toBe('6:30:00 am');
    expect(show(1.5, '[h]:mm:ss')).toBe('36:00:00');
    expect(show(125 / 1440, 'mm:ss')).toBe('05:00');
  });

  it('writes the built-in short date (14) in the reader’s own order', () => {
    expect(formatCodeOf(14, new Map())).toBe(SHORT_DATE);
    expect(show(march12, SHORT_DATE)).toBe('3/12/2026');
    expect(show(march12, SHORT_DATE, 'fr-FR')).toBe('12/03/2026');
    expect(show(march12, SHORT_DATE, 'de-DE')).toBe('12.3.2026');
  });

  it('knows which formats are dates', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[h]:mm')).toBe(true);
    expect(isDateFormat(SHORT_DATE)).toBe(true);
    expect(isDateFormat('#,##0.00 "days"')).toBe(false);
    expect(isDateFormat('[Red]0.00')).toBe(false);
    expect(formatCodeOf(4, new Map())).toBe('#,##0.00');
    expect(formatCodeOf(164, new Map([[164, '0.0 "kg"']]))).toBe('0.0 "kg"');
    expect(formatCodeOf(7, new Map())).toBe(GENERAL);
  });
});
