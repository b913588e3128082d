/** Outlook contacts (from Graph) as a recipient list: one row per contact that has an address. */
import type { GraphContact } from '../graph/graphMailClient.js';
import { RecipientListError, type RecipientList } from './recipientList.js';

export const CONTACT_COLUMNS = ['Display Name', 'First Name', 'Last Name', 'Email', 'Company', 'Categories'] as const;

export function contactsToRecipientList(contacts: readonly GraphContact[], source: string): RecipientList {
  const rows = contacts
    .filter((c) => (c.emailAddresses?.[0]?.address ?? '').trim() !== '')
    .map((c) => ({
      'Display Name': c.displayName ?? '',
      'First Name': c.givenName ?? '',
      'Last Name': c.surname ?? '',
      Email: c.emailAddresses?.[0]?.address ?? '',
      Company: c.companyName ?? '',
      Categories: (c.categories ?? []).join('; '),
    }));
  if (rows.length === 0) throw new RecipientListError({ code: 'NO_ROWS', fileName: source });
  return { fileName: source, columns: [...CONTACT_COLUMNS], rows, emailColumn: 'Email' };
}
