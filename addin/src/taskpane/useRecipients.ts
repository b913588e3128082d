/**
 * The recipient list for React: a CSV file (read in a worker, with progress), an Excel workbook
 * (opened on its first sheet with addresses, any sheet on request), or Outlook contacts through
 * Graph; the column mapping, remembered per set of headers. The transitions are pure
 * (recipientsState.ts); this hook does the reading.
 */
import { startTransition, useCallback, useMemo, useState } from 'react';
import { AuthFailure } from '../auth/authPort.js';
import { contactsToRecipientList } from '../campaign/contactsList.js';
import { recallMapping, rememberMapping } from '../campaign/mappingMemory.js';
import { readRecipientFileOffThread } from '../campaign/readInWorker.js';
import { firstSheetWithAddresses, isWorkbookFile } from '../campaign/recipientList.js';
import type { GraphMailClient } from '../graph/graphMailClient.js';
import { useI18n } from '../i18n/I18nProvider.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';
import {
  columnsChosen,
  contactsFailed,
  failed,
  listReady,
  NO_RECIPIENTS,
  readingFrom,
  sheetChosen,
  withReadingShare,
  type ColumnChoice,
  type RecipientsState,
} from './recipientsState.js';

export interface ContactsSource {
  mailbox: string | null;
  category: string | null;
}

export interface Recipients {
  state: RecipientsState;
  chooseFile(file: File): Promise<void>;
  chooseSheet(sheet: string): void;
  chooseColumns(choice: ColumnChoice): void;
  /** Null until signed in: contacts are read through Graph. */
  chooseContacts: ((source: ContactsSource) => Promise<void>) | null;
}

/** `cellLocale`: the BCP 47 language workbook cells are shown in (Outlook's display language: its separators and month names). */
export function useRecipients({
  storage,
  graph,
  onAuthFailure,
  cellLocale,
}: {
  storage: KeyValueStore;
  graph: Pick<GraphMailClient, 'listContacts'> | null;
  onAuthFailure: (failure: AuthFailure | null) => void;
  cellLocale: string;
}): Recipients {
  const { t } = useI18n();
  const [state, setState] = useState<RecipientsState>(NO_RECIPIENTS);
  const recall = useCallback((columns: readonly string[]) => recallMapping(storage, columns), [storage]);

  const chooseFile = useCallback(
    async (file: File) => {
      setState(readingFrom(file.name));
      try {
        if (isWorkbookFile(file)) {
          // The readers (papaparse, the workbook's formats) are not part of the pane's first load.
          const { readWorkbook } = await import(
            /* webpackChunkName: "read-recipients" */ '../campaign/readRecipients.js'
          );
          const workbook = await readWorkbook(file.name, await file.arrayBuffer(), cellLocale);
          setState(sheetChosen(workbook, firstSheetWithAddresses(workbook), recall));
        } else {
          const list = await readRecipientFileOffThread(file, (share) =>
            setState((current) => withReadingShare(current, share)),
          );
          // A transition: React renders the new list's screens in slices that give the UI thread back.
          const ready = listReady(list, recall);
          startTransition(() => setState(ready));
        }
      } catch (error) {
        setState(failed(error, file.name));
      }
    },
    [recall, cellLocale],
  );

  const chooseSheet = useCallback(
    (sheet: string) =>
      setState((current) => (current.workbook ? sheetChosen(current.workbook, sheet, recall) : current)),
    [recall],
  );

  const chooseColumns = useCallback(
    (choice: ColumnChoice) =>
      setState((current) => {
        const { state: next, remember } = columnsChosen(current, choice);
        if (remember && next.list) rememberMapping(storage, next.list.columns, remember);
        return next;
      }),
    [storage],
  );

  const chooseContacts = useMemo(() => {
    if (!graph) return null;
    return async (source: ContactsSource) => {
      const name = t('recipients.contactsSource', {
        mailbox: source.mailbox ?? t('send.fromOwn'),
        category: source.category ?? t('recipients.contactsAllCategories'),
      });
      setState(readingFrom(name));
      onAuthFailure(null);
      try {
        const ready = listReady(contactsToRecipientList(await graph.listContacts(source), name), recall);
        startTransition(() => setState(ready));
      } catch (error) {
        if (error instanceof AuthFailure) {
          // A Graph permission not granted: the pane's consent notice says what to do.
          setState(NO_RECIPIENTS);
          onAuthFailure(error);
        } else setState(contactsFailed(error, name, t));
      }
    };
  }, [graph, recall, t, onAuthFailure]);

  return { state, chooseFile, chooseSheet, chooseColumns, chooseContacts };
}
