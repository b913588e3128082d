/**
 * Turns what an administrator pastes or uploads into a list of addresses to assign. Pasted text
 * is split on commas, semicolons and white space; a CSV file goes through the same import as the
 * pane's recipient lists and contributes its address column (and a header that is itself an
 * address, for files without a header row). Validation is the server's: invalid entries come
 * back as "invalid" in the per-address results.
 */
import { isValidEmail } from '#shared/email/normalizeEmail.js';
import { decodeText, parseRecipientCsv } from '../campaign/readRecipients.js';

export function splitPastedAddresses(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => part.replace(/^<|>$/g, ''))
    .filter((part) => part !== '');
}

export function addressesFromCsv(fileName: string, bytes: Uint8Array): string[] {
  const list = parseRecipientCsv(fileName, decodeText(bytes));
  const values = list.rows.map((row) => (row[list.emailColumn] ?? '').trim()).filter((v) => v !== '');
  return isValidEmail(list.emailColumn) ? [list.emailColumn, ...values] : values;
}

/** Splits work into batches so a long list shows progress and no request grows too large. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
