import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecipientFileOffThread, ROWS_PER_MESSAGE } from '../../addin/src/campaign/readInWorker.js';
import { parseRecipientCsv } from '../../addin/src/campaign/readRecipients.js';
import { recipientsCsv } from './csvBench.js';
import { diskFile, installWebWorker, NodeWebWorker, prestart } from './nodeWebWorker.js';

describe('the pane’s recipients worker on worker_threads', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outmerge-bench-worker-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs readInWorker.ts and recipientsWorker.ts unchanged: a disk file read in the worker, progress, the list cloned back', async () => {
    const file = path.join(dir, 'recipients.csv');
    const text = recipientsCsv(6_000);
    fs.writeFileSync(file, text);
    expect(fs.statSync(file).size).toBeGreaterThan(256 * 1024); // the pane sends files this large to its worker
    installWebWorker();
    expect(globalThis.Worker).toBe(NodeWebWorker);
    await prestart(new URL('../../addin/src/campaign/recipientsWorker.ts', import.meta.url));
    const shares: number[] = [];
    const list = await readRecipientFileOffThread(await diskFile(file, 'recipients.csv', 'text/csv'), (share) =>
      shares.push(share),
    );
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.at(-1)).toBe(1);
    expect(list).toEqual(parseRecipientCsv('recipients.csv', text));
    expect(list.rows).toHaveLength(6_000);
  });

  it('sends the next part of rows only once the pane took the previous one: one part per task of the pane', async () => {
    const file = path.join(dir, 'parts.csv');
    const text = recipientsCsv(6_000);
    fs.writeFileSync(file, text);
    /** What went between the pane and its worker, in order. */
    const log: string[] = [];
    class LoggedWorker extends NodeWebWorker {
      constructor(url: URL | string) {
        super(url);
        let handler: ((event: { data: unknown }) => void) | null = null;
        Object.defineProperty(this, 'onmessage', {
          get: () => handler,
          set: (next: typeof handler) => {
            handler =
              next &&
              ((event) => {
                const type = (event.data as { type: string }).type;
                if (type !== 'progress') log.push(type);
                next(event);
              });
          },
        });
      }

      override postMessage(data: unknown): void {
        if (!(data instanceof File)) log.push((data as { type: string }).type);
        super.postMessage(data);
      }
    }
    (globalThis as unknown as { Worker: unknown }).Worker = LoggedWorker;
    await prestart(new URL('../../addin/src/campaign/recipientsWorker.ts', import.meta.url));
    const list = await readRecipientFileOffThread(await diskFile(file, 'parts.csv', 'text/csv'), () => undefined);
    expect(list).toEqual(parseRecipientCsv('parts.csv', text));
    const parts = Math.ceil(6_000 / ROWS_PER_MESSAGE);
    expect(fs.statSync(file).size).toBeGreaterThan(256 * 1024); // read by the worker
    expect(parts).toBeGreaterThan(2);
    expect(log).toEqual([...Array.from({ length: parts }, () => ['rows', 'next']).flat(), 'done']);
  });
});
