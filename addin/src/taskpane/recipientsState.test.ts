import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '#shared/i18n/translate.js';
import { recallMapping, rememberMapping } from '../campaign/mappingMemory.js';
import { RecipientListError, type Workbook } from '../campaign/recipientList.js';
import { parseRecipientCsv } from '../campaign/readRecipients.js';
import { GraphRequestError } from '../graph/graphMailClient.js';
import { memoryStore } from '../storage/keyValueStore.js';
import {
  columnsChosen,
  contactsFailed,
  failed,
  listReady,
  NO_RECIPIENTS,
  readingFrom,
  sheetChosen,
  withReadingShare,
} from './recipientsState.js';

const t = (key: MessageKey, params?: Record<string, string | number>) => translate('en', key, params);
const list = parseRecipientCsv('customers.csv', 'Name,Mail,Boss,Files\nAnna,anna@contoso.com,boss@contoso.com,a.pdf\n');

describe('the recipients step state', () => {
  it('shows progress only while a read is under way', () => {
    const reading = readingFrom('customers.csv');
    expect(withReadingShare(reading, 0.5)).toMatchObject({ reading: 'customers.csv', readingShare: 0.5, list: null });
    expect(withReadingShare(NO_RECIPIENTS, 0.5)).toBe(NO_RECIPIENTS);
  });

  it('maps a new list with the guessed address column, or with what was remembered for the same headers', () => {
    const store = memoryStore();
    const recall = (columns: readonly string[]) => recallMapping(store, columns);
    expect(listReady(list, recall)).toMatchObject({
      reading: null,
      readingShare: 1,
      emailColumn: 'Mail',
      ccColumn: null,
      candidates: ['Mail', 'Boss'],
      problem: null,
    });
    rememberMapping(store, list.columns, {
      emailColumn: 'Boss',
      ccColumn: 'Mail',
      bccColumn: null,
      attachmentColumn: 'Files',
    });
    expect(listReady(list, recall)).toMatchObject({
      emailColumn: 'Boss',
      ccColumn: 'Mail',
      bccColumn: null,
      attachmentColumn: 'Files',
    });
  });

  it('remembers a mapping once the list has an address column', () => {
    const ready = listReady(list, () => null);
    expect(columnsChosen(ready, { ccColumn: 'Boss' })).toEqual({
      state: { ...ready, ccColumn: 'Boss' },
      remember: { emailColumn: 'Mail', ccColumn: 'Boss', bccColumn: null, attachmentColumn: null },
    });
    expect(columnsChosen(NO_RECIPIENTS, { emailColumn: 'Mail' }).remember).toBeNull();
  });

  it('keeps the workbook and the chosen sheet when that sheet is no recipient list, so another can be picked', () => {
    const workbook: Workbook = {
      fileName: 'book.xlsx',
      sheets: [
        { name: 'Notes', cells: [['nothing here']] },
        { name: 'People', cells: [['Email'], ['zoe@fabrikam.com']] },
      ],
    };
    expect(sheetChosen(workbook, 'Notes', () => null)).toMatchObject({
      list: null,
      workbook,
      sheet: 'Notes',
      problem: { code: 'NO_ROWS', fileName: 'book.xlsx' },
    });
    expect(sheetChosen(workbook, 'People', () => null)).toMatchObject({
      workbook,
      sheet: 'People',
      emailColumn: 'Email',
      problem: null,
    });
  });

  it("says what went wrong: the reader's problem as it is, anything else as a parse error", () => {
    expect(failed(new RecipientListError({ code: 'NOT_CSV', fileName: 'a.docx' }), 'a.docx').problem).toEqual({
      code: 'NOT_CSV',
      fileName: 'a.docx',
    });
    expect(failed(new Error('bad quote'), 'a.csv').problem).toEqual({
      code: 'PARSE_ERROR',
      fileName: 'a.csv',
      message: 'bad quote',
    });
  });

  it('tells a mailbox whose contacts may not be read from other failures', () => {
    const forbidden = new GraphRequestError('forbidden', 403, 'ErrorAccessDenied', 'Access is denied.');
    expect(contactsFailed(forbidden, 'Contacts of sales@contoso.com', t).problem).toEqual({
      code: 'CONTACTS_FAILED',
      fileName: 'Contacts of sales@contoso.com',
      message: t('send.sendAsDenied'),
    });
    expect(
      contactsFailed(new RecipientListError({ code: 'NO_ROWS', fileName: 'Contacts' }), 'Contacts', t).problem,
    ).toEqual({ code: 'NO_ROWS', fileName: 'Contacts' });
    expect(contactsFailed(new Error('offline'), 'Contacts', t).problem).toMatchObject({
      code: 'CONTACTS_FAILED',
      message: 'offline',
    });
  });
});
