import { describe, expect, it } from 'vitest';
import { GraphRequestError } from '../graph/graphMailClient.js';
import { newLedger, type CampaignLedger } from './campaign.js';
import { SendLog } from './sendLog.js';
import { runCampaign, type GraphOperations, type RunProgress } from './campaignRunner.js';
import type { OutgoingMessage } from './outgoingMessage.js';

/** A virtual clock: sleeping advances time at once, so pacing is asserted without real waits. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void (ms > 0 && (sleeps.push(ms), (now += ms))), sleeps };
}

const rows = [2, 3, 4];
const messages = new Map<number, OutgoingMessage>(
  rows.map((row) => [
    row,
    { row, to: `u${row}@contoso.com`, cc: [], bcc: [], attachments: [], subject: `S${row}`, html: '<p>x</p>' },
  ]),
);

/** An in-memory Graph that records what happened, with hooks to fail specific calls. */
function fakeGraph(
  time: { now: () => number },
  hooks: { create?: (n: number) => void; send?: (n: number) => void; upload?: (n: number) => void } = {},
) {
  const drafts = new Map<string, string>();
  /** Files per draft id, as Exchange would hold them. */
  const files = new Map<string, string[]>();
  const sentFiles = new Map<string, string[]>();
  let uploads = 0;
  const sent: Array<{ marker: string; at: number }> = [];
  let creates = 0;
  let sends = 0;
  let inFlight = 0;
  let peak = 0;
  const track = async <T>(work: () => T): Promise<T> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await Promise.resolve();
    try {
      return work();
    } finally {
      inFlight--;
    }
  };
  const graph: GraphOperations = {
    createDraft: (message) =>
      track(() => {
        creates++;
        hooks.create?.(creates);
        const id = `d${creates}`;
        drafts.set(id, message.singleValueExtendedProperties?.[0]?.value ?? '');
        files.set(
          id,
          (message.attachments ?? []).map((a) => a.name),
        );
        return id;
      }),
    sendDraft: (id) =>
      track(() => {
        sends++;
        hooks.send?.(sends);
        const marker = drafts.get(id);
        if (marker === undefined) throw new GraphRequestError('rejected', 404, 'ErrorItemNotFound', 'gone');
        drafts.delete(id);
        sent.push({ marker, at: time.now() });
        sentFiles.set(marker, files.get(id) ?? []);
      }),
    addAttachment: (id, attachment) => track(() => void files.get(id)?.push(attachment.name)),
    uploadAttachment: (id, file) =>
      track(() => {
        uploads++;
        hooks.upload?.(uploads);
        files.get(id)?.push(file.name);
      }),
    findByMarker: (folder, marker) =>
      track(() =>
        folder === 'sentitems'
          ? sent.filter((s) => s.marker === marker).map(() => 'x')
          : [...drafts].filter(([, m]) => m === marker).map(([id]) => id),
      ),
    deleteMessage: (id) => track(() => void drafts.delete(id)),
  };
  return { graph, sent, sentFiles, drafts, peak: () => peak };
}

const run = (
  ledger: CampaignLedger,
  graph: GraphOperations,
  time: ReturnType<typeof virtualTime>,
  extra: Partial<Parameters<typeof runCampaign>[2]> = {},
) =>
  runCampaign(ledger, messages, {
    graph,
    ratePerMinute: 30,
    save: () => {},
    now: time.now,
    sleep: time.sleep,
    settleDelayMs: 0,
    ...extra,
  });

describe('runCampaign', () => {
  it('sends every row once, paced at the configured rate', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const ledger = await run(newLedger('c', rows, null, 0), fake.graph, time, { concurrency: 1 });
    expect(ledger.status).toBe('finished');
    expect(fake.sent.map((s) => s.at)).toEqual([0, 2040, 4080]);
    expect(fake.sent.map((s) => s.marker)).toEqual(['c:2', 'c:3', 'c:4']);
  });

  it('works on at most 4 rows at a time, whatever the size of the campaign', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const many = Array.from({ length: 12 }, (_, i) => i + 2);
    const all = new Map<number, OutgoingMessage>(
      many.map((row) => [
        row,
        { row, to: `u${row}@contoso.com`, cc: [], bcc: [], attachments: [], subject: 's', html: 'h' },
      ]),
    );
    const ledger = await runCampaign(newLedger('c', many, null, 0), all, {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      concurrency: 8,
    });
    expect(ledger.status).toBe('finished');
    expect(fake.sent).toHaveLength(12);
    expect(fake.peak()).toBe(4);
  });

  it('with storage that answers later, sends no request before the write that goes ahead of it is stored', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    // The storage, as IndexedDB: a write is stored a task after it was asked for.
    const stored = new Map<number, string>();
    const save = (ledger: CampaignLedger, row?: number) => {
      const status = row === undefined ? undefined : ledger.states[row]?.status;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (row !== undefined && status) stored.set(row, status);
          resolve();
        }, 0),
      );
    };
    const seen: string[] = [];
    const markerRow = (marker: string) => Number(marker.split(':')[1]);
    const graph: GraphOperations = {
      ...fake.graph,
      createDraft: (message) => {
        seen.push(`create ${stored.get(markerRow(message.singleValueExtendedProperties?.[0]?.value ?? ''))}`);
        return fake.graph.createDraft(message);
      },
      sendDraft: (id, options) => {
        seen.push(`send ${stored.get(markerRow(fake.drafts.get(id) ?? ''))}`);
        return fake.graph.sendDraft(id, options);
      },
    };
    const ledger = await run(newLedger('c', rows, null, 0), graph, time, { save });
    expect(ledger.status).toBe('finished');
    // Each draft was created with "creating" stored, and each send left with "sending" stored.
    expect(seen.sort()).toEqual([...rows.map(() => 'create creating'), ...rows.map(() => 'send sending')]);
    expect([...stored.values()]).toEqual(['sent', 'sent', 'sent']);
  });

  it('stops when a write cannot be stored, and the request it went ahead of never leaves', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    // Another pane took the campaign: the write of row 3's "sending" is refused.
    const save = (ledger: CampaignLedger, row?: number) =>
      row === 3 && ledger.states[3]?.status === 'sending'
        ? Promise.reject(new Error('Another Outmerge pane is sending this campaign now.'))
        : Promise.resolve();
    await expect(run(newLedger('c', rows, null, 0), fake.graph, time, { save, concurrency: 1 })).rejects.toThrow(
      'Another Outmerge pane',
    );
    expect(fake.sent.map((s) => s.marker)).toEqual(['c:2']);
  });

  it('waits for Retry-After on 429 before any worker continues', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time, {
      send: (n) => {
        if (n === 2) throw new GraphRequestError('throttled', 429, 'ApplicationThrottled', 'slow down', 7);
      },
    });
    const ledger = await run(newLedger('c', rows, null, 0), fake.graph, time);
    expect(ledger.status).toBe('finished');
    expect(fake.sent).toHaveLength(3);
    expect(time.sleeps.some((ms) => ms >= 7000)).toBe(true);
  });

  it('keeps a send refused with 429 drafted while it waits: a run stopped then resumes by sending, with nothing in doubt', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time, {
      send: (n) => {
        if (n === 1) throw new GraphRequestError('throttled', 429, 'ApplicationThrottled', 'slow down', 600);
      },
    });
    // The sender stops (or closes the pane) while the runner waits out the Retry-After.
    const stop = new AbortController();
    const sleep = async (ms: number) => {
      if (ms >= 600_000) stop.abort();
      await time.sleep(ms);
    };
    const saved: string[] = [];
    const first = await run(newLedger('c', rows, null, 0), fake.graph, time, {
      concurrency: 1,
      signal: stop.signal,
      sleep,
      save: (ledger, row) => void (row === 2 && saved.push(ledger.states[2]!.status)),
    });
    expect(first.status).toBe('paused');
    expect(first.states[2]).toEqual({ status: 'drafted', draftId: 'd1' });
    expect(saved.slice(-2)).toEqual(['sending', 'drafted']);
    expect(fake.sent).toEqual([]);

    // Resumed: the draft is sent, at once, and once.
    const second = await run(first, fake.graph, time, { concurrency: 1, settleDelayMs: 60_000 });
    expect(second.status).toBe('finished');
    expect(fake.sent.map((s) => s.marker)).toEqual(['c:2', 'c:3', 'c:4']);
    expect(time.sleeps).not.toContain(60_000);
  });

  it('settles an ambiguous send by looking in Sent Items, not by sending again', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time, {
      send: (n) => {
        if (n === 1) {
          // The send takes effect, then the answer is lost.
          queueMicrotask(() => undefined);
          throw Object.assign(new GraphRequestError('ambiguous', 504, 'GatewayTimeout', 'timeout'), {
            delivered: true,
          });
        }
      },
    });
    // Make the first send deliver before failing, as a 504 after the effect would.
    const originalSend = fake.graph.sendDraft;
    let first = true;
    fake.graph.sendDraft = async (id, options) => {
      if (first) {
        first = false;
        await originalSend.call(fake.graph, id, options).catch(() => undefined);
        fake.sent.push({ marker: 'c:2', at: time.now() });
        throw new GraphRequestError('ambiguous', 504, 'GatewayTimeout', 'timeout');
      }
      return originalSend.call(fake.graph, id, options);
    };
    const ledger = await run(newLedger('c', rows, null, 0), fake.graph, time);
    expect(fake.sent.filter((s) => s.marker === 'c:2')).toHaveLength(1);
    expect(ledger.states[2]?.status).toBe('sent');
    expect(ledger.status).toBe('finished');
  });

  it('never sends again a draft still in Drafts after an ambiguous send: it may be in transit, so the row is left unknown', async () => {
    const time = virtualTime();
    // The answer to the first send is lost and Exchange never moved the draft (or has not yet).
    const fake = fakeGraph(time, {
      send: (n) => {
        if (n === 1) throw new GraphRequestError('ambiguous', 504, 'GatewayTimeout', 'timeout');
      },
    });
    let sends = 0;
    const sendDraft = fake.graph.sendDraft;
    fake.graph.sendDraft = (id, options) => {
      sends++;
      return sendDraft(id, options);
    };
    const ledger = await run(newLedger('c', rows, null, 0), fake.graph, time, {
      concurrency: 1,
      settleDelayMs: 1000,
      settleChecks: 5,
    });
    expect(ledger.states[2]).toMatchObject({
      status: 'failed',
      reason: 'unknown_outcome',
      message: expect.stringContaining('still in Drafts'),
    });
    expect(sends).toBe(3);
    expect(fake.sent.map((s) => s.marker)).toEqual(['c:3', 'c:4']);
    // Sent Items was looked at with backoff: 1, 2, 4, 8, 16 s.
    expect(time.sleeps.slice(0, 5)).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('stops everything at an expired sign-in and keeps the rest for later', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time, {
      create: (n) => {
        if (n === 2) throw new GraphRequestError('auth', 401, 'InvalidAuthenticationToken', 'expired');
      },
    });
    const ledger = await run(newLedger('c', rows, null, 0), fake.graph, time, { concurrency: 1 });
    expect(ledger.status).toBe('paused');
    expect(ledger.states[3]).toMatchObject({ status: 'failed', reason: 'auth' });
    expect(ledger.states[4]).toEqual({ status: 'pending' });
  });

  it('pauses when aborted and resumes from the saved ledger', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const controller = new AbortController();
    const progress: RunProgress[] = [];
    let saved = '';
    const paused = await run(newLedger('c', rows, null, 0), fake.graph, time, {
      concurrency: 1,
      signal: controller.signal,
      save: (l) => void (saved = JSON.stringify(l)),
      onProgress: (p) => {
        progress.push(p);
        if (p.sent === 1) controller.abort();
      },
    });
    expect(paused.status).toBe('paused');
    const resumed = await run(JSON.parse(saved) as CampaignLedger, fake.graph, time);
    expect(resumed.status).toBe('finished');
    expect(fake.sent.map((s) => s.marker).sort()).toEqual(['c:2', 'c:3', 'c:4']);
    expect(progress.at(-1)).toMatchObject({ sent: 1 });
  });

  it('never sends a half-made draft it cannot check: a row left "creating" whose file this pane cannot read', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    // Another pane created row 2's draft, then went away before its 3 MB file was uploaded.
    const half = await fake.graph.createDraft({
      subject: 'S2',
      body: { contentType: 'HTML', content: '<p>x</p>' },
      toRecipients: [],
      ccRecipients: [],
      bccRecipients: [],
      singleValueExtendedProperties: [{ id: 'marker', value: 'c:2' }],
    });
    const ledger = newLedger('c', [2], null, 0);
    ledger.states[2] = { status: 'creating' };
    const withFile = new Map<number, OutgoingMessage>([
      [
        2,
        {
          row: 2,
          to: 'a@contoso.com',
          cc: [],
          bcc: [],
          attachments: ['catalogue.pdf'],
          subject: 'S2',
          html: '<p>x</p>',
        },
      ],
    ]);
    const result = await runCampaign(ledger, withFile, {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      attachment: async () => {
        throw new Error('catalogue.pdf is not attached to this message.');
      },
    });
    expect(fake.sent).toEqual([]);
    expect(fake.drafts.has(half)).toBe(false);
    expect(result.states[2]).toMatchObject({
      status: 'failed',
      reason: 'rejected',
      message: 'catalogue.pdf is not attached to this message.',
    });
  });

  it('puts the attachments of each message in its draft, reading each file once, and fails a row whose file is gone', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const created: Array<string[]> = [];
    const createDraft = fake.graph.createDraft;
    fake.graph.createDraft = (message) => {
      created.push((message.attachments ?? []).map((a) => a.name));
      return createDraft(message);
    };
    const reads: string[] = [];
    const withFiles = new Map<number, OutgoingMessage>([
      [
        2,
        { row: 2, to: 'a@contoso.com', cc: [], bcc: [], attachments: ['terms.pdf', 'a.pdf'], subject: 's', html: 'h' },
      ],
      [
        3,
        {
          row: 3,
          to: 'b@contoso.com',
          cc: [],
          bcc: [],
          attachments: ['terms.pdf', 'gone.pdf'],
          subject: 's',
          html: 'h',
        },
      ],
      [4, { row: 4, to: 'c@contoso.com', cc: [], bcc: [], attachments: ['terms.pdf'], subject: 's', html: 'h' }],
    ]);
    const ledger = await runCampaign(newLedger('c', [2, 3, 4], null, 0), withFiles, {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      concurrency: 1,
      attachment: async (name) => {
        reads.push(name);
        if (name === 'gone.pdf') throw new Error('gone.pdf is no longer attached to the message.');
        return {
          '@odata.type': '#microsoft.graph.fileAttachment',
          name,
          contentType: 'application/pdf',
          contentBytes: 'AA==',
        };
      },
    });
    expect(created).toEqual([['terms.pdf', 'a.pdf'], ['terms.pdf']]);
    expect(reads.sort()).toEqual(['a.pdf', 'gone.pdf', 'terms.pdf']);
    expect(ledger.states[3]).toMatchObject({
      status: 'failed',
      reason: 'rejected',
      message: 'gone.pdf is no longer attached to the message.',
    });
    expect(fake.sent).toHaveLength(2);
  });

  it('splits a campaign over days when the 24-hour budget is spent, and goes on by itself when it frees', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const log = new SendLog(null, 2);
    const many = [2, 3, 4, 5, 6];
    const all = new Map<number, OutgoingMessage>(
      many.map((row) => [
        row,
        { row, to: `u${row}@contoso.com`, cc: [], bcc: [], attachments: [], subject: 's', html: 'h' },
      ]),
    );
    const options = {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      budget: log,
      onSent: (n: number, at: number) => log.record(n, at),
    };
    const first = await runCampaign(newLedger('c', many, null, 0), all, options);
    expect(first.status).toBe('waiting');
    expect(fake.sent).toHaveLength(2);
    // The window frees 24 hours after the first send; nothing waits in Drafts meanwhile.
    expect(first.resumeAt).toBe(fake.sent[0]!.at + 24 * 3600_000);
    expect(Object.values(first.states).filter((s) => s.status === 'pending')).toHaveLength(3);

    await time.sleep(first.resumeAt! - time.now());
    const second = await runCampaign(first, all, options);
    expect(second.status).toBe('waiting');
    expect(fake.sent).toHaveLength(4);
    await time.sleep(second.resumeAt! - time.now());
    const third = await runCampaign(second, all, options);
    expect(third.status).toBe('finished');
    expect(third.resumeAt).toBeNull();
    expect(fake.sent.map((s) => s.marker).sort()).toEqual(many.map((row) => `c:${row}`));
  });

  it('counts CC and BCC in the budget and keeps a message whole', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const log = new SendLog(null, 3);
    const all = new Map<number, OutgoingMessage>([
      [2, { row: 2, to: 'a@contoso.com', cc: ['b@contoso.com'], bcc: [], attachments: [], subject: 's', html: 'h' }],
      [
        3,
        {
          row: 3,
          to: 'c@contoso.com',
          cc: ['d@contoso.com'],
          bcc: ['e@contoso.com'],
          attachments: [],
          subject: 's',
          html: 'h',
        },
      ],
    ]);
    const ledger = await runCampaign(newLedger('c', [2, 3], null, 0), all, {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      budget: log,
      onSent: (n, at) => log.record(n, at),
    });
    expect(ledger.status).toBe('waiting');
    expect(fake.sent.map((s) => s.marker)).toEqual(['c:2']);
    expect(log.usedInLastDay(time.now())).toBe(2);
  });

  it('keeps the draft and waits when a consumer mailbox refuses for the day although the log showed room', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time, {
      send: (n) => {
        if (n === 2) throw new GraphRequestError('forbidden', 403, 'ErrorMessageSubmissionBlocked', 'limit');
      },
    });
    const log = new SendLog(null);
    const ledger = await run(newLedger('c', rows, null, 0), fake.graph, time, {
      concurrency: 1,
      budget: log,
      onSent: (n, at) => log.record(n, at),
    });
    expect(ledger.status).toBe('waiting');
    expect(ledger.states[3]).toMatchObject({ status: 'drafted' });
    expect(ledger.resumeAt).toBeGreaterThanOrEqual(time.now() + 3600_000 - 1);
    await time.sleep(ledger.resumeAt! - time.now());
    const resumed = await run(ledger, fake.graph, time, { budget: log, onSent: (n, at) => log.record(n, at) });
    expect(resumed.status).toBe('finished');
    expect(fake.sent.map((s) => s.marker).sort()).toEqual(['c:2', 'c:3', 'c:4']);
  });

  it('a pause asked for while waiting on a short budget wait is a pause, not a wait', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const controller = new AbortController();
    controller.abort();
    const ledger = await run(newLedger('c', rows, null, 0), fake.graph, time, {
      signal: controller.signal,
      budget: new SendLog(null),
    });
    expect(ledger.status).toBe('paused');
    expect(ledger.resumeAt).toBeNull();
  });

  it('sends files of 3 MB and more through an upload session, and starts a row again when an upload may have half-happened', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time, {
      upload: (n) => {
        // The first upload's answer is lost after the file went in.
        if (n === 1) throw new GraphRequestError('ambiguous', 504, 'GatewayTimeout', 'timeout');
      },
    });
    const big = Buffer.alloc(3 * 1024 * 1024 + 1, 1).toString('base64');
    const withFiles = new Map<number, OutgoingMessage>([
      [
        2,
        {
          row: 2,
          to: 'a@contoso.com',
          cc: [],
          bcc: [],
          attachments: ['terms.pdf', 'film.mp4'],
          subject: 's',
          html: 'h',
        },
      ],
      [3, { row: 3, to: 'b@contoso.com', cc: [], bcc: [], attachments: ['terms.pdf'], subject: 's', html: 'h' }],
    ]);
    const ledger = await runCampaign(newLedger('c', [2, 3], null, 0), withFiles, {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      concurrency: 1,
      attachment: async (name) => ({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name,
        contentType: 'application/octet-stream',
        contentBytes: name === 'film.mp4' ? big : 'AA==',
      }),
    });
    expect(ledger.status).toBe('finished');
    expect(fake.sent.map((s) => s.marker)).toEqual(['c:2', 'c:3']);
    // One copy of the file, in the message that went out; the half-made draft was removed.
    expect(fake.sentFiles.get('c:2')).toEqual(['terms.pdf', 'film.mp4']);
    expect(fake.sentFiles.get('c:3')).toEqual(['terms.pdf']);
    expect(fake.drafts.size).toBe(0);
  });

  it('after a reload, a draft found half-made is removed and built again, never sent as it is', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const big = Buffer.alloc(3 * 1024 * 1024, 1).toString('base64');
    const withFile = new Map<number, OutgoingMessage>([
      [2, { row: 2, to: 'a@contoso.com', cc: [], bcc: [], attachments: ['film.mp4'], subject: 's', html: 'h' }],
    ]);
    // The pane closed after the draft was created, before the upload finished.
    const ledger = newLedger('c', [2], null, 0);
    await fake.graph.createDraft({
      subject: 's',
      body: { contentType: 'HTML', content: 'h' },
      toRecipients: [],
      singleValueExtendedProperties: [{ id: 'x', value: 'c:2' }],
    });
    ledger.states[2] = { status: 'creating' };
    const done = await runCampaign(ledger, withFile, {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      attachment: async (name) => ({
        '@odata.type': '#microsoft.graph.fileAttachment',
        name,
        contentType: 'video/mp4',
        contentBytes: big,
      }),
    });
    expect(done.states[2]?.status).toBe('sent');
    expect(fake.sentFiles.get('c:2')).toEqual(['film.mp4']);
    expect(fake.drafts.size).toBe(0);
  });

  it('gives each message of a scheduled campaign its deferred send time and keeps the held id, taking nothing from the budget now', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const properties = new Map<string, Array<{ id: string; value: string }>>();
    const graph: GraphOperations = {
      ...fake.graph,
      createDraft: async (message) => {
        const id = await fake.graph.createDraft(message);
        properties.set(
          message.singleValueExtendedProperties?.[0]?.value ?? '',
          message.singleValueExtendedProperties ?? [],
        );
        return id;
      },
    };
    const log = new SendLog(null, 1);
    const day = 24 * 3600_000;
    const deferred = new Map([
      [2, day + 1500],
      [3, day + 3000],
      [4, 2 * day],
    ]);
    const ledger = await run(newLedger('c', rows, null, 0), graph, time, {
      concurrency: 1,
      deferredAt: (row) => deferred.get(row) ?? null,
      onSent: (n, at) => log.record(n, at),
    });
    expect(ledger.status).toBe('finished');
    // Whole seconds, as the property holds them; the held draft's id kept for a cancel.
    expect(rows.map((row) => ledger.states[row])).toEqual([
      { status: 'sent', at: day + 1000, heldId: 'd1' },
      { status: 'sent', at: day + 3000, heldId: 'd2' },
      { status: 'sent', at: 2 * day, heldId: 'd3' },
    ]);
    expect(properties.get('c:3')).toEqual([
      { id: 'String {4c0f8e2a-8d9b-4e4b-9c3f-6b1e2d7a5f10} Name OutmergeRowId', value: 'c:3' },
      { id: 'String {4c0f8e2a-8d9b-4e4b-9c3f-6b1e2d7a5f10} Name OutmergeCampaignId', value: 'c' },
      { id: 'SystemTime 0x3FEF', value: '1970-01-02T00:00:03Z' },
    ]);
    // Held messages count when they go out, which the schedule already planned: not in today's log.
    expect(log.usedInLastDay(time.now())).toBe(0);
  });

  it('sends a scheduled row whose time has passed as an ordinary one (Exchange sends it at once)', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const ledger = await run(newLedger('c', [2], null, 0), fake.graph, time, { deferredAt: () => 0 });
    expect(ledger.states[2]).toEqual({ status: 'sent', at: 0 });
  });

  it('takes a scheduled row whose time has passed from the budget (a hand-over resumed late), but not one Exchange keeps for later', async () => {
    const time = virtualTime();
    const fake = fakeGraph(time);
    const log = new SendLog(null, 2);
    const many = [2, 3, 4, 5, 6];
    const all = new Map<number, OutgoingMessage>(
      many.map((row) => [
        row,
        { row, to: `u${row}@contoso.com`, cc: [], bcc: [], attachments: [], subject: 's', html: 'h' },
      ]),
    );
    const day = 24 * 3600_000;
    // Rows 2–4 were due already; rows 5 and 6 are kept by Exchange for tomorrow.
    const deferredAt = (row: number) => (row <= 4 ? 0 : 2 * day);
    const options = {
      graph: fake.graph,
      ratePerMinute: 30,
      save: () => {},
      now: time.now,
      sleep: time.sleep,
      budget: log,
      onSent: (n: number, at: number) => log.record(n, at),
      deferredAt,
      concurrency: 1,
    };
    const first = await runCampaign(newLedger('c', many, null, 0), all, options);
    // The budget is spent by the rows due: the campaign waits, rows in their order.
    expect(first.status).toBe('waiting');
    expect(many.map((row) => first.states[row]?.status)).toEqual(['sent', 'sent', 'pending', 'pending', 'pending']);
    await time.sleep(first.resumeAt! - time.now());
    const second = await runCampaign(first, all, options);
    expect(second.status).toBe('finished');
    // Rows 5 and 6 are kept by Exchange for their time and took nothing from today's budget.
    expect([second.states[5], second.states[6]]).toEqual([
      { status: 'sent', at: 2 * day, heldId: expect.any(String) },
      { status: 'sent', at: 2 * day, heldId: expect.any(String) },
    ]);
    expect(log.usedInLastDay(time.now())).toBe(1);
  });
});
