/** Reads a CSV recipient list in a Web Worker when the browser has them; otherwise on this thread. */
import { readRecipientFile, RecipientListError, type RecipientList, type RecipientListProblem } from './readRecipients.js';

export type WorkerAnswer = { type: 'progress'; share: number } | { type: 'done'; list: RecipientList } | { type: 'failed'; problem: RecipientListProblem };

/** Files smaller than this parse fast enough in the pane itself. */
const WORKER_THRESHOLD_BYTES = 256 * 1024;

export function readRecipientFileOffThread(file: File, onProgress: (share: number) => void): Promise<RecipientList> {
  if (typeof Worker === 'undefined' || file.size < WORKER_THRESHOLD_BYTES) return readRecipientFile(file, onProgress);
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./recipientsWorker.ts', import.meta.url));
    worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      const answer = event.data;
      if (answer.type === 'progress') return onProgress(answer.share);
      worker.terminate();
      if (answer.type === 'done') resolve(answer.list);
      else reject(new RecipientListError(answer.problem));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new RecipientListError({ code: 'PARSE_ERROR', fileName: file.name, message: event.message || 'the reader stopped' }));
    };
    worker.postMessage(file);
  });
}
