import { describe, expect, it } from 'vitest';
import { contactsToRecipientList } from './contactsList.js';

describe('contacts as recipients', () => {
  it('makes one row per contact with an address, with the usual columns', () => {
    const list = contactsToRecipientList(
      [
        {
          displayName: 'Zoé Martin',
          givenName: 'Zoé',
          surname: 'Martin',
          companyName: 'Fabrikam',
          emailAddresses: [{ address: 'zoe@fabrikam.com' }, { address: 'z@home.example' }],
          categories: ['Customers', 'VIP'],
        },
        { displayName: 'No Mail', emailAddresses: [] },
      ],
      'Contacts (Customers)',
    );
    expect(list.rows).toEqual([
      {
        'Display Name': 'Zoé Martin',
        'First Name': 'Zoé',
        'Last Name': 'Martin',
        Email: 'zoe@fabrikam.com',
        Company: 'Fabrikam',
        Categories: 'Customers; VIP',
      },
    ]);
    expect(list.emailColumn).toBe('Email');
  });

  it('explains an empty result', () => {
    expect(() => contactsToRecipientList([], 'Contacts')).toThrow();
  });
});
