/**
 * Contacts for the Graph stand-in's mailboxes, generated the same way for every start: enough
 * people, with categories, to try importing recipients from Outlook contacts (own or shared
 * mailbox, filtered by category) and to exercise paging.
 */
export interface StandInContact {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  companyName: string;
  emailAddresses: Array<{ name: string; address: string }>;
  categories: string[];
}

const GIVEN = ['Anna', 'Ben', 'Chloé', 'David', 'Emma', 'Félix', 'Greta', 'Hugo', 'Inès', 'Jonas', 'Karin', 'Lucas'];
const SURNAMES = ['Martin', 'Müller', 'Bernard', 'Schmidt', 'Dubois', 'Schneider', 'Moreau', 'Fischer'];
const COMPANIES = ['Fabrikam', 'Northwind Traders', 'Tailspin Toys', 'Wide World Importers'];
const CATEGORIES = ['Customers', 'Partners', 'Newsletter'];

/** 60 contacts for a mailbox: deterministic, so tests know what to expect. */
export function contactsFor(mailbox: string): StandInContact[] {
  const domain = mailbox.split('@')[1] ?? 'example.com';
  return Array.from({ length: 60 }, (_, i) => {
    const givenName = GIVEN[i % GIVEN.length] ?? 'Anna';
    const surname = SURNAMES[i % SURNAMES.length] ?? 'Martin';
    const address = `${givenName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()}.${surname
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()}${i}@${i % 3 === 0 ? domain : 'fabrikam.com'}`;
    return {
      id: `contact-${mailbox}-${i}`,
      displayName: `${givenName} ${surname}`,
      givenName,
      surname,
      companyName: COMPANIES[i % COMPANIES.length] ?? '',
      emailAddresses: i % 17 === 16 ? [] : [{ name: `${givenName} ${surname}`, address }],
      categories: [CATEGORIES[i % CATEGORIES.length] ?? 'Customers', ...(i % 5 === 0 ? ['VIP'] : [])],
    };
  });
}
