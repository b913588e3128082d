/**
 * The part of the browser's Web Worker API that addin/src/campaign/readInWorker.ts uses, on Node's
 * worker_threads, so the pane's own code (readInWorker.ts on the pane's side, recipientsWorker.ts
 * in the worker) runs unchanged. worker_threads' postMessage uses V8's serializer, the structured
 * clone that browsers use for postMessage, so the list's trip back to the pane costs the same work.
 *
 * Two differences, both to stay close to the browser:
 * - A File from a file input is backed by the disk and cloning it to a worker passes a reference;
 *   Node 20 clones a File as a nameless Blob and cannot read a file-backed Blob in another thread.
 *   So a File made by `diskFile` goes to the worker as its path and is opened there, file-backed,
 *   with its name and type: the worker reads the bytes, the pane's thread never does.
 * - A browser loads the worker's script from the bundle; here tsx would compile the TypeScript when
 *   the worker starts. `prestart` starts the worker and loads its modules ahead, so compilation
 *   is not counted (the browser's fetch and parse of the 9 KB gzip worker chunk is not either).
 */
import fs from 'node:fs';
import { Worker as ThreadWorker } from 'node:worker_threads';

// CommonJS run by the worker thread: a `self` with onmessage/postMessage, then the worker module.
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const scope = { onmessage: null, postMessage: (message) => parentPort.postMessage(message) };
globalThis.self = scope;
parentPort.on('message', async (message) => {
  const data = message && message.benchDiskFile
    ? new File([await fs.openAsBlob(message.path)], message.name, { type: message.type, lastModified: message.lastModified })
    : message;
  if (scope.onmessage) scope.onmessage({ data });
});
import(workerData.tsx)
  .then(({ register }) => { register(); return import(workerData.url); })
  .then(() => parentPort.postMessage({ benchReady: true }));
`;

const diskPaths = new WeakMap<File, string>();
const started = new Map<string, Promise<ThreadWorker>>();

/** A File backed by a file on disk, as a file input gives one. */
export async function diskFile(filePath: string, name: string, type: string): Promise<File> {
  const file = new File([await fs.openAsBlob(filePath)], name, { type, lastModified: fs.statSync(filePath).mtimeMs });
  diskPaths.set(file, filePath);
  return file;
}

function startThread(url: string): Promise<ThreadWorker> {
  const thread = new ThreadWorker(BOOT, { eval: true, workerData: { url, tsx: import.meta.resolve('tsx/esm/api') } });
  return new Promise((resolve, reject) => {
    thread.once('error', reject);
    thread.once('message', (message: { benchReady?: boolean }) =>
      message.benchReady ? resolve(thread) : reject(new Error('worker said something before it was ready')),
    );
  });
}

/** Starts the worker for `url` and loads its modules; the next `new Worker(url)` gets it. */
export async function prestart(url: URL): Promise<void> {
  started.set(url.href, startThread(url.href));
  await started.get(url.href);
}

export class NodeWebWorker {
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  private readonly thread: Promise<ThreadWorker>;

  constructor(url: URL | string) {
    const href = String(url);
    this.thread = started.get(href) ?? startThread(href);
    started.delete(href);
    void this.thread.then(
      (thread) => {
        thread.on('message', (data: unknown) => this.onmessage?.({ data }));
        thread.on('error', (error: Error) => this.onerror?.({ message: error.message }));
      },
      (error: Error) => this.onerror?.({ message: error.message }),
    );
  }

  postMessage(data: unknown): void {
    const path = data instanceof File ? diskPaths.get(data) : undefined;
    const message =
      path && data instanceof File
        ? { benchDiskFile: true, path, name: data.name, type: data.type, lastModified: data.lastModified }
        : data;
    void this.thread.then((thread) => thread.postMessage(message));
  }

  terminate(): void {
    void this.thread.then((thread) => thread.terminate());
  }
}

/** Makes `Worker` exist for the pane's code. */
export function installWebWorker(): void {
  (globalThis as unknown as { Worker: unknown }).Worker = NodeWebWorker;
}
