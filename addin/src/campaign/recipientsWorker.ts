/**
 * A Web Worker that reads a large CSV recipient list off the UI thread (M2), reporting progress.
 * It runs the same pure reader the pane uses for small files, and sends the rows back in parts,
 * each once the pane asked for the next (readInWorker.ts says why).
 */
import { RecipientListError } from './recipientList.js';
import { readRecipientFile } from './readRecipients.js';
import { ROWS_PER_MESSAGE, type WorkerAnswer, type WorkerRequest } from './readInWorker.js';

const context = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage: (answer: WorkerAnswer) => void;
};

/** What is left to send once the list is read: the next part, or the end. */
let next: (() => void) | null = null;

context.onmessage = (event) => {
  const request = event.data;
  if (!(request instanceof File)) {
    next?.();
    return;
  }
  readRecipientFile(request, (share) => context.postMessage({ type: 'progress', share })).then(
    ({ rows, ...list }) => {
      let first = 0;
      next = () => {
        if (first < rows.length) {
          context.postMessage({ type: 'rows', rows: rows.slice(first, first + ROWS_PER_MESSAGE) });
          first += ROWS_PER_MESSAGE;
        } else {
          next = null;
          context.postMessage({ type: 'done', list });
        }
      };
      next();
    },
    (error: unknown) =>
      context.postMessage({
        type: 'failed',
        problem:
          error instanceof RecipientListError
            ? error.problem
            : {
                code: 'PARSE_ERROR',
                fileName: request.name,
                message: error instanceof Error ? error.message : String(error),
              },
      }),
  );
};
