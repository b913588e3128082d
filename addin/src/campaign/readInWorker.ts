/**
 * Reads a CSV recipient list in a Web Worker when the browser has them; otherwise on this thread.
 * The rows come back in parts of ROWS_PER_MESSAGE: the pane copies each message's data (structured
 * clone) on its UI thread when it arrives, and 100,000 rows in one message took a third of a
 * second at once. The worker sends the next part only once the pane asked for it: parts posted all
 * at once were handed to the pane several in one task by Chromium (a long task of 100 ms and more
 * with 100,000 rows, measured with the bench's CPU profile).
 */
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import { RecipientListError, type RecipientList, type RecipientListProblem } from './recipientList.js';

export type WorkerAnswer =
  | { type: 'progress'; share: number }
  /** The next rows of the list, in order. */
  | { type: 'rows'; rows: MergeRow[] }
  /** The list, its rows being those sent before. */
  | { type: 'done'; list: Omit<RecipientList, 'rows'> }
  | { type: 'failed'; problem: RecipientListProblem };

/** What the pane sends the worker: the file, then "next" after each part of rows it took. */
export type WorkerRequest = File | { type: 'next' };

/** Files smaller than this parse fast enough in the pane itself. */
const WORKER_THRESHOLD_BYTES = 256 * 1024;
/** Rows per message from the worker. */
export const ROWS_PER_MESSAGE = 500;

export function readRecipientFileOffThread(file: File, onProgress: (share: number) => void): Promise<RecipientList> {
  if (typeof Worker === 'undefined' || file.size < WORKER_THRESHOLD_BYTES)
    // Loaded when a file is read: papaparse is not part of the pane's first load.
    return import(/* webpackChunkName: "read-recipients" */ './readRecipients.js').then(({ readRecipientFile }) =>
      readRecipientFile(file, onProgress),
    );
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./recipientsWorker.ts', import.meta.url));
    const rows: MergeRow[] = [];
    worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      const answer = event.data;
      if (answer.type === 'progress') return onProgress(answer.share);
      if (answer.type === 'rows') {
        for (const row of answer.rows) rows.push(row);
        worker.postMessage({ type: 'next' } satisfies WorkerRequest);
        return;
      }
      worker.terminate();
      if (answer.type === 'done') resolve({ ...answer.list, rows });
      else reject(new RecipientListError(answer.problem));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(
        new RecipientListError({
          code: 'PARSE_ERROR',
          fileName: file.name,
          message: event.message || 'the reader stopped',
        }),
      );
    };
    worker.postMessage(file satisfies WorkerRequest);
  });
}
