/**
 * A Web Worker that reads a large CSV recipient list off the UI thread (M2), reporting progress.
 * It runs the same pure reader the pane uses for small files, and sends the rows back in parts.
 */
import { readRecipientFile, RecipientListError } from './readRecipients.js';
import { ROWS_PER_MESSAGE, type WorkerAnswer } from './readInWorker.js';

const context = self as unknown as { onmessage: ((event: MessageEvent<File>) => void) | null; postMessage: (answer: WorkerAnswer) => void };

context.onmessage = (event) => {
  readRecipientFile(event.data, (share) => context.postMessage({ type: 'progress', share })).then(
    ({ rows, ...list }) => {
      for (let first = 0; first < rows.length; first += ROWS_PER_MESSAGE) context.postMessage({ type: 'rows', rows: rows.slice(first, first + ROWS_PER_MESSAGE) });
      context.postMessage({ type: 'done', list });
    },
    (error: unknown) =>
      context.postMessage({
        type: 'failed',
        problem: error instanceof RecipientListError ? error.problem : { code: 'PARSE_ERROR', fileName: event.data.name, message: error instanceof Error ? error.message : String(error) },
      }),
  );
};
