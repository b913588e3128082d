/** A follow-up's rows in the recipient list (pure): every row whose address is not among those to follow up is left out. */
import { canonicalEmail } from '#shared/email/normalizeEmail.js';
import { plainTextValue, type MergeRow } from '#shared/merge/mergeTemplate.js';
import { FIRST_DATA_ROW } from '../campaign/planCampaign.js';

export function rowsOutsideFollowUp(
  rows: readonly MergeRow[],
  emailColumn: string,
  addresses: ReadonlySet<string>,
): Set<number> {
  const outside = new Set<number>();
  rows.forEach((data, index) => {
    const address = canonicalEmail(plainTextValue(data[emailColumn] ?? '').trim());
    if (address === null || !addresses.has(address)) outside.add(index + FIRST_DATA_ROW);
  });
  return outside;
}
