/**
 * The recipients step's state and its transitions, pure: a list being read, a list ready to use
 * (the remembered mapping for its headers, or the guessed address column), a workbook's sheet,
 * a column chosen, and what went wrong. useRecipients.ts does the reading.
 */
import type { Translator } from '#shared/i18n/translate.js';
import type { RememberedMapping } from '../campaign/mappingMemory.js';
import {
  emailColumns,
  recipientListFromSheet,
  RecipientListError,
  type RecipientList,
  type RecipientListProblem,
  type Workbook,
} from '../campaign/recipientList.js';
import { GraphRequestError } from '../graph/graphMailClient.js';

export interface RecipientsState {
  reading: string | null;
  /** Share of the file read so far, for the progress bar. */
  readingShare: number;
  list: RecipientList | null;
  emailColumn: string | null;
  ccColumn: string | null;
  bccColumn: string | null;
  attachmentColumn: string | null;
  candidates: string[];
  problem: RecipientListProblem | null;
  /** The open workbook when the list came from an .xlsx file, with the chosen sheet. */
  workbook: Workbook | null;
  sheet: string | null;
}

export type ColumnChoice = Partial<
  Pick<RecipientsState, 'emailColumn' | 'ccColumn' | 'bccColumn' | 'attachmentColumn'>
>;

/** The remembered mapping for a set of headers (mappingMemory.ts), or null. */
export type RecallMapping = (columns: readonly string[]) => RememberedMapping | null;

export const NO_RECIPIENTS: RecipientsState = {
  reading: null,
  readingShare: 0,
  list: null,
  emailColumn: null,
  ccColumn: null,
  bccColumn: null,
  attachmentColumn: null,
  candidates: [],
  problem: null,
  workbook: null,
  sheet: null,
};

export function readingFrom(source: string): RecipientsState {
  return { ...NO_RECIPIENTS, reading: source };
}

/** The progress of a read still under way; a read that ended meanwhile is left as it is. */
export function withReadingShare(state: RecipientsState, share: number): RecipientsState {
  return state.reading ? { ...state, readingShare: share } : state;
}

export function listReady(
  list: RecipientList,
  recall: RecallMapping,
  workbook: Workbook | null = null,
  sheet: string | null = null,
): RecipientsState {
  const remembered = recall(list.columns);
  return {
    reading: null,
    readingShare: 1,
    list,
    emailColumn: remembered?.emailColumn ?? list.emailColumn,
    ccColumn: remembered?.ccColumn ?? null,
    bccColumn: remembered?.bccColumn ?? null,
    attachmentColumn: remembered?.attachmentColumn ?? null,
    candidates: emailColumns(list.columns, list.rows),
    problem: null,
    workbook,
    sheet,
  };
}

export function listProblem(error: unknown, fileName: string): RecipientListProblem {
  return error instanceof RecipientListError
    ? error.problem
    : { code: 'PARSE_ERROR', fileName, message: error instanceof Error ? error.message : String(error) };
}

export function failed(error: unknown, fileName: string): RecipientsState {
  return { ...NO_RECIPIENTS, problem: listProblem(error, fileName) };
}

/** One sheet of the open workbook as the list, or what is wrong with it (the sheet picker stays). */
export function sheetChosen(workbook: Workbook, sheet: string, recall: RecallMapping): RecipientsState {
  try {
    return listReady(recipientListFromSheet(workbook, sheet), recall, workbook, sheet);
  } catch (error) {
    return { ...failed(error, workbook.fileName), workbook, sheet };
  }
}

/** A column chosen, and the mapping to remember for these headers once the address column is known. */
export function columnsChosen(
  state: RecipientsState,
  choice: ColumnChoice,
): { state: RecipientsState; remember: RememberedMapping | null } {
  const next = { ...state, ...choice };
  const remember =
    next.list && next.emailColumn
      ? {
          emailColumn: next.emailColumn,
          ccColumn: next.ccColumn,
          bccColumn: next.bccColumn,
          attachmentColumn: next.attachmentColumn,
        }
      : null;
  return { state: next, remember };
}

/** Why Outlook contacts could not be read; a mailbox whose contacts the user may not read says so. */
export function contactsFailed(error: unknown, source: string, t: Translator): RecipientsState {
  if (error instanceof RecipientListError) return { ...NO_RECIPIENTS, problem: error.problem };
  const message =
    error instanceof GraphRequestError && error.kind === 'forbidden'
      ? t('send.sendAsDenied')
      : error instanceof Error
        ? error.message
        : String(error);
  return { ...NO_RECIPIENTS, problem: { code: 'CONTACTS_FAILED', fileName: source, message } };
}
