/**
 * A spreadsheet cell as Excel shows it (M2): the number or date in the cell written through its
 * number format code (ECMA-376 Part 1, §18.8.30 built-in formats and §18.8.31 format codes), so a
 * merged message says "1.234,50 €", "12/03/2026" or "12.5%" where the cell shows them, not 1234.5,
 * 2026-03-12 or 0.125.
 *
 * Separators, month and day names come from the reader's language through Intl, as Excel takes
 * them from the system: a format code's "," and "." are placeholders for the locale's grouping and
 * decimal separators. No formatter in node_modules reads Excel format codes (SheetJS's SSF is not
 * a dependency), so this covers what lists carry — sections, literals, currency tags, colours,
 * percent, thousands scaling, digit templates (phone numbers, postcodes), scientific notation,
 * dates, times and elapsed time; anything else (fractions, conditions) is written as General.
 */

export const GENERAL = 'General';

/** Built-in formats with a fixed code (§18.8.30); 14 and 22 are the system's short date, see `formatCellValue`. */
const BUILT_IN: Record<number, string> = {
  0: GENERAL,
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

/** Marks the built-in short date (14) and short date with time (22): Excel writes them in the system's own order. */
export const SHORT_DATE = '\u0000shortDate';
export const SHORT_DATE_TIME = '\u0000shortDateTime';

/** The format code a numFmtId stands for: a custom one from the workbook, else a built-in; General when unknown (locale-dependent ids). */
export function formatCodeOf(id: number, custom: ReadonlyMap<number, string>): string {
  const own = custom.get(id);
  if (own !== undefined) return own;
  if (id === 14) return SHORT_DATE;
  if (id === 22) return SHORT_DATE_TIME;
  return BUILT_IN[id] ?? GENERAL;
}

const DAY_MS = 86_400_000;

/** A serial day number (days since the workbook's epoch, time as the fraction) as a UTC date. */
export function serialToDate(serial: number, date1904: boolean): Date {
  if (date1904) return new Date(Date.UTC(1904, 0, 1) + Math.round(serial * DAY_MS));
  // The 1900 system counts a 29 February 1900 that never was (Lotus's bug, kept by Excel): serial 60.
  const base = serial < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(base + Math.round(serial * DAY_MS));
}

function dateToSerial(date: Date, date1904: boolean): number {
  const days = date.getTime() / DAY_MS;
  return date1904 ? days - Date.UTC(1904, 0, 1) / DAY_MS : days + 25569;
}

interface Token {
  kind: 'literal' | 'code';
  text: string;
}

/** Splits a section into literals (quoted text, escaped characters, currency tags) and code; drops colours, padding and fill. */
function tokenize(section: string): Token[] | null {
  const tokens: Token[] = [];
  const literal = (text: string) => tokens.push({ kind: 'literal', text });
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end === -1 ? section.length : end));
      i = end === -1 ? section.length : end;
    } else if (ch === '\\') {
      literal(section[i + 1] ?? '');
      i++;
    } else if (ch === '_' || ch === '*') {
      // Padding to a character's width and fill: nothing a message shows.
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i);
      if (end === -1) return null;
      const inside = section.slice(i + 1, end);
      if (inside.startsWith('$')) {
        // [$€-407]: the currency symbol (before the locale id), [$-409]: a locale only.
        const symbol = inside.slice(1).split('-')[0] ?? '';
        if (symbol) literal(symbol);
      } else if (/^(h+|m+|s+)$/i.test(inside)) tokens.push({ kind: 'code', text: `[${inside.toLowerCase()}]` });
      else if (/^[<>=]/.test(inside)) return null;
      // Colours ([Red], [Color10]) and anything else change nothing in text.
      i = end;
    } else tokens.push({ kind: 'code', text: ch });
  }
  return tokens;
}

/** Splits a format code into its sections at semicolons outside quotes and brackets. */
function sections(code: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let bracket = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '\\' && !quoted) {
      current += ch + (code[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '[') bracket = true;
    else if (!quoted && ch === ']') bracket = false;
    if (ch === ';' && !quoted && !bracket) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

const DATE_CODE = /[ymdhs]|\[(h+|m+|s+)\]|AM\/PM|A\/P/i;

function isDateSection(tokens: readonly Token[]): boolean {
  return DATE_CODE.test(
    tokens
      .filter((t) => t.kind === 'code')
      .map((t) => t.text)
      .join(''),
  );
}

/** Whether a format code shows a date or time (so a plain number in such a cell is a serial day). */
export function isDateFormat(code: string): boolean {
  if (code === SHORT_DATE || code === SHORT_DATE_TIME) return true;
  const first = sections(code)[0] ?? '';
  const tokens = tokenize(first);
  return tokens !== null && isDateSection(tokens);
}

function general(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { useGrouping: false, maximumSignificantDigits: 15 }).format(value);
}

function formatDate(tokens: readonly Token[], date: Date, serial: number, locale: string): string {
  // Runs of the same code letter, with literals kept apart.
  const runs: Array<{ code: string; literal?: string }> = [];
  const pattern = /\[(h+|m+|s+)\]|AM\/PM|am\/pm|A\/P|a\/p|y+|m+|d+|h+|s+|\.0+|./gi;
  let code = '';
  const flush = () => {
    for (const match of code.matchAll(pattern)) runs.push({ code: match[0] });
    code = '';
  };
  for (const token of tokens) {
    if (token.kind === 'code') code += token.text;
    else {
      flush();
      runs.push({ code: '', literal: token.text });
    }
  }
  flush();
  const twelveHour = runs.some((r) => /^(AM\/PM|A\/P)$/i.test(r.code));
  // "m" after an hour or before a second is minutes.
  const isMinute = (index: number) => {
    for (let i = index - 1; i >= 0; i--) {
      const c = runs[i]!.code.toLowerCase();
      if (/^\[?h+\]?$/.test(c)) return true;
      if (/^[yd]+$|^m+$/.test(c)) break;
    }
    for (let i = index + 1; i < runs.length; i++) {
      const c = runs[i]!.code.toLowerCase();
      if (/^\[?s+\]?$/.test(c)) return true;
      if (/^[yd]+$|^m+$|^\[?h+\]?$/.test(c)) break;
    }
    return false;
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const name = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(date);
  const totalSeconds = Math.round(serial * 86_400);
  const hours = date.getUTCHours();
  let out = '';
  runs.forEach((run, index) => {
    if (run.literal !== undefined) {
      out += run.literal;
      return;
    }
    const c = run.code;
    const lower = c.toLowerCase();
    if (/^y+$/.test(lower))
      out += lower.length <= 2 ? pad(date.getUTCFullYear() % 100, 2) : String(date.getUTCFullYear());
    else if (/^m+$/.test(lower) && isMinute(index)) out += pad(date.getUTCMinutes(), lower.length >= 2 ? 2 : 1);
    else if (/^m+$/.test(lower)) {
      if (lower.length === 1) out += String(date.getUTCMonth() + 1);
      else if (lower.length === 2) out += pad(date.getUTCMonth() + 1, 2);
      else if (lower.length === 3) out += name({ month: 'short' }).replace(/\.$/, '');
      else if (lower.length === 5) out += name({ month: 'long' }).charAt(0);
      else out += name({ month: 'long' });
    } else if (/^d+$/.test(lower)) {
      if (lower.length === 1) out += String(date.getUTCDate());
      else if (lower.length === 2) out += pad(date.getUTCDate(), 2);
      else if (lower.length === 3) out += name({ weekday: 'short' }).replace(/\.$/, '');
      else out += name({ weekday: 'long' });
    } else if (/^h+$/.test(lower)) {
      const h = twelveHour ? ((hours + 11) % 12) + 1 : hours;
      out += pad(h, lower.length >= 2 ? 2 : 1);
    } else if (/^s+$/.test(lower)) out += pad(date.getUTCSeconds(), lower.length >= 2 ? 2 : 1);
    else if (/^\[h+\]$/.test(lower)) out += pad(Math.floor(totalSeconds / 3600), lower.length - 2);
    else if (/^\[m+\]$/.test(lower)) out += pad(Math.floor(totalSeconds / 60), lower.length - 2);
    else if (/^\[s+\]$/.test(lower)) out += pad(totalSeconds, lower.length - 2);
    else if (/^(am\/pm)$/.test(lower))
      out += hours < 12 ? (c === c.toLowerCase() ? 'am' : 'AM') : c === c.toLowerCase() ? 'pm' : 'PM';
    else if (/^(a\/p)$/.test(lower))
      out += hours < 12 ? (c === c.toLowerCase() ? 'a' : 'A') : c === c.toLowerCase() ? 'p' : 'P';
    else if (/^\.0+$/.test(lower)) out += '';
    else out += c;
  });
  return out;
}

const isPlaceholder = (t: Token) => t.kind === 'code' && (t.text === '0' || t.text === '#' || t.text === '?');
const isCode = (t: Token, ...texts: string[]) => t.kind === 'code' && texts.includes(t.text);
const text = (list: readonly Token[]) => list.map((t) => t.text).join('');

/** Digits fill the placeholders from the right, literals stay between them: "(000) 000-0000", a postcode "00000". */
function digitTemplate(body: readonly Token[], magnitude: number): string {
  const slots = body.filter(isPlaceholder).length;
  const zeros = body.filter((t) => isCode(t, '0')).length;
  let digits = String(Math.round(magnitude));
  if (digits === '0' && zeros === 0) digits = '';
  digits = digits.padStart(zeros, '0');
  // Digits beyond the placeholders come before the first one, as Excel shows them.
  const overflow = digits.length > slots ? digits.slice(0, digits.length - slots) : '';
  const tail = digits.slice(overflow.length);
  let cursor = tail.length - 1;
  const out: string[] = [];
  for (let i = body.length - 1; i >= 0; i--) {
    const token = body[i]!;
    if (isPlaceholder(token)) out.unshift(cursor >= 0 ? tail[cursor--]! : '');
    else if (!isCode(token, ',')) out.unshift(token.text);
  }
  return overflow + out.join('');
}

/** A number through a section of digit placeholders, literals, percent, thousands scaling and exponent; null for fractions (written as General). */
function formatNumber(tokens: readonly Token[], value: number, locale: string, signed: boolean): string | null {
  if (tokens.some((t) => isCode(t, '/'))) return null;
  const percent = tokens.filter((t) => isCode(t, '%')).length;
  let scaled = value * 100 ** percent;
  const sign = signed && scaled < 0 ? '-' : '';
  const first = tokens.findIndex(isPlaceholder);
  // Only literals: a zero section such as "-" or "free".
  if (first === -1) return text(tokens);
  const exponentAt = tokens.findIndex(
    (t, i) => isCode(t, 'E', 'e') && i > first && isCode(tokens[i + 1] ?? { kind: 'literal', text: '' }, '+', '-'),
  );
  let last = tokens.length - 1;
  while (last > first && !isPlaceholder(tokens[last]!)) last--;
  // Commas right after the last digit placeholder divide by 1,000 each.
  let after = last + 1;
  while (after < tokens.length && isCode(tokens[after]!, ',')) {
    scaled /= 1000;
    after++;
  }
  const prefix = text(tokens.slice(0, first));
  const suffix = text(tokens.slice(after));
  const magnitude = Math.abs(scaled);
  const mantissaEnd = exponentAt === -1 ? last + 1 : exponentAt;
  const body = tokens.slice(first, mantissaEnd);
  const point = body.findIndex((t) => isCode(t, '.'));
  const integer = point === -1 ? body : body.slice(0, point);
  const fraction = point === -1 ? [] : body.slice(point + 1);
  const minimumFractionDigits = fraction.filter((t) => isCode(t, '0')).length;
  const maximumFractionDigits = Math.max(minimumFractionDigits, fraction.filter(isPlaceholder).length);
  const literalInside = integer.some((t) => !isPlaceholder(t) && !isCode(t, ','));

  if (exponentAt !== -1) {
    const exponentDigits = tokens.slice(exponentAt + 2, last + 1).filter(isPlaceholder).length;
    const power = magnitude === 0 ? 0 : Math.floor(Math.log10(magnitude));
    const mantissa = new Intl.NumberFormat(locale, {
      minimumFractionDigits,
      maximumFractionDigits,
      useGrouping: false,
    }).format(magnitude / 10 ** power);
    const powerSign = power < 0 ? '-' : isCode(tokens[exponentAt + 1]!, '+') ? '+' : '';
    return `${sign}${prefix}${mantissa}E${powerSign}${String(Math.abs(power)).padStart(exponentDigits, '0')}${suffix}`;
  }
  if (literalInside && point === -1) return `${sign}${prefix}${digitTemplate(integer, magnitude)}${suffix}`;

  const minimumIntegerDigits = integer.filter((t) => isCode(t, '0')).length;
  const grouping = integer.some(
    (t, i) => isCode(t, ',') && integer.slice(0, i).some(isPlaceholder) && integer.slice(i + 1).some(isPlaceholder),
  );
  const formatted = new Intl.NumberFormat(locale, {
    minimumIntegerDigits: Math.min(21, Math.max(1, minimumIntegerDigits)),
    minimumFractionDigits,
    maximumFractionDigits,
    useGrouping: grouping,
  }).format(magnitude);
  // Without a "0" before the point, a lone zero is not shown (".5" for "#.0").
  const shown = minimumIntegerDigits === 0 ? formatted.replace(/^0(?=\D|$)/, '') : formatted;
  return `${sign}${prefix}${shown}${suffix}`;
}

/**
 * A number (or a date the reader made of one) as a cell with `code` shows it, in `locale`'s
 * separators and names; `date1904` is the workbook's date system.
 */
export function formatCellValue(value: number | Date, code: string, locale: string, date1904 = false): string {
  const date = value instanceof Date ? value : null;
  const number = date ? dateToSerial(date, date1904) : (value as number);
  if (!Number.isFinite(number)) return String(value);
  if (code === SHORT_DATE || code === SHORT_DATE_TIME) {
    const when = date ?? serialToDate(number, date1904);
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      timeZone: 'UTC',
      ...(code === SHORT_DATE_TIME ? { hour: 'numeric', minute: '2-digit' } : {}),
    };
    return new Intl.DateTimeFormat(locale, options).format(when);
  }
  if (code.trim() === '' || /^general$/i.test(code.trim())) return general(number, locale);
  const parts = sections(code);
  // Positive; negative; zero; text. A negative section writes its own sign (or parentheses).
  let section = parts[0] ?? '';
  let signed = true;
  if (number < 0 && parts.length >= 2) {
    section = parts[1] ?? '';
    signed = false;
  } else if (number === 0 && parts.length >= 3) section = parts[2] ?? '';
  const tokens = tokenize(section);
  if (tokens === null) return general(number, locale);
  if (tokens.length === 1 && tokens[0]!.kind === 'code' && tokens[0]!.text === '@') return general(number, locale);
  if (tokens.some((t) => t.kind === 'code' && /^general$/i.test(t.text))) return general(number, locale);
  if (/general/i.test(section)) return general(number, locale);
  if (isDateSection(tokens)) {
    if (number < 0) return general(number, locale);
    return formatDate(tokens, date ?? serialToDate(number, date1904), number, locale);
  }
  return formatNumber(tokens, signed ? number : Math.abs(number), locale, signed) ?? general(number, locale);
}
