/**
 * Two panes on one browser storage (two compose windows, two tabs), on virtual time: exactly one
 * runs a campaign, the other follows it read-only and takes over when the first closes; Stop
 * stops; a retry keeps each row's identity. The lock is the production one (the lease path, which
 * is what a host without Web Locks uses); the campaign records are MemoryCampaignRecords (the
 * pane's IndexedDB records are tested in Chromium: tests/e2e/campaignRecords.test.ts); Exchange is
 * MemoryMailbox.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphRequestError } from '../graph/graphMailClient.js';
import { memoryStore, type KeyValueStore } from '../storage/keyValueStore.js';
import { newLedger, rowMarker } from './campaign.js';
import { ledgerFields, MemoryCampaignRecords, type CampaignDefinition } from './campaignRecords.js';
import { CampaignSession, filesStillNeeded, picturesStillShown } from './campaignSession.js';
import { definitionPlan } from './definitionMessages.js';
import { createRunnerLock } from './runnerLock.js';
import { deferredTimes } from './schedule.js';
import { SendLog } from './sendLog.js';
import { MemoryMailbox } from './testing/memoryMailbox.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function definition(rows: number, extra: Partial<CampaignDefinition> = {}): CampaignDefinition {
  return {
    id: crypto.randomUUID(),
    subject: 'Hi {{Name}}',
    bodyHtml: '<p>Hello {{Name}}</p>',
    columns: ['Name', 'Email'],
    rows: Array.from({ length: rows }, (_, i) => ({ Name: `P${i}`, Email: `p${i}@fabrikam.com` })),
    emailColumn: 'Email',
    ccColumn: null,
    bccColumn: null,
    attachmentColumn: null,
    attachments: [],
    footerHtml: null,
    ...extra,
  };
}

/** One browser profile: the storage the runner's lease is in, and the campaign records (IndexedDB in the pane). */
interface Device {
  store: KeyValueStore;
  records: MemoryCampaignRecords;
}

const device = (): Device => ({ store: memoryStore(), records: new MemoryCampaignRecords() });

/** `files`: the attachments of the message this pane sits in (a compose window of its own); none unless given. */
function openPane(
  { store, records }: Device,
  mailbox: MemoryMailbox,
  ratePerMinute = 600,
  dailyRecipients?: number,
  files?: ReadonlySet<string>,
) {
  const graph = mailbox.client();
  const session = new CampaignSession({
    records: records.open(),
    lock: createRunnerLock({ store, locks: null }),
    sendLog: new SendLog(records.sendLogRecords(), dailyRecipients),
    ratePerMinute,
    attachment: (_definition, name) =>
      files?.has(name)
        ? Promise.resolve({
            '@odata.type': '#microsoft.graph.fileAttachment',
            name,
            contentType: 'application/pdf',
            contentBytes: 'JVBERi0=',
          })
        : Promise.reject(new Error(`${name} is not attached to this message.`)),
    inlineImage: () => Promise.reject(new Error('no pictures in these campaigns')),
    ...(files
      ? { missingFiles: async ({ names }: { names: readonly string[] }) => names.filter((name) => !files.has(name)) }
      : {}),
    stopSettleWindowMs: 20_000,
  });
  session.setGraph(graph);
  return { session, graph };
}

/** Starts a campaign and lets the pane take it (the lease is read back after a pause). */
async function start(pane: ReturnType<typeof openPane>, def: CampaignDefinition) {
  const plan = definitionPlan(def);
  void pane.session.start(def, plan.messages, plan.excluded, null);
  await vi.advanceTimersByTimeAsync(200);
}

/** Moves virtual time on until `done`, as a user would wait (bounded). */
async function until(done: () => boolean, limitMs = 120_000) {
  for (let waited = 0; !done(); waited += 100) {
    if (waited > limitMs) throw new Error('still not done');
    await vi.advanceTimersByTimeAsync(100);
  }
}

/** Moves virtual time on until an action of the pane has finished. */
async function drive(action: Promise<unknown>) {
  let done = false;
  void action.finally(() => (done = true));
  await until(() => done);
}

const once = (mailbox: MemoryMailbox) => {
  const byAddress = new Map<string, number>();
  for (const mail of mailbox.accepted) byAddress.set(mail.to[0] ?? '', (byAddress.get(mail.to[0] ?? '') ?? 0) + 1);
  return byAddress;
};

describe('a campaign in two panes', () => {
  it('is run by one pane only; the other shows its progress read-only', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    // A send a second: the runner writes the ledger seldom, and the other pane has every chance to step in.
    const first = openPane(store, mailbox, 60);
    const second = openPane(store, mailbox, 60);
    await start(first, definition(20));
    await vi.advanceTimersByTimeAsync(500);

    expect(first.session.current()).toMatchObject({ running: true, observing: false });
    expect(second.session.current()).toMatchObject({ running: false, observing: true });
    const seen: number[] = [];
    second.session.subscribe(() => seen.push(second.session.current()?.progress.sent ?? 0));

    await until(() => first.session.current()?.ledger.status === 'finished');
    expect(mailbox.accepted).toHaveLength(20);
    expect([...once(mailbox).values()].every((count) => count === 1)).toBe(true);
    // The second pane sent nothing, yet followed the progress to the end.
    expect(second.graph.calls.sendDraft + second.graph.calls.createDraft).toBe(0);
    expect(second.session.current()).toMatchObject({
      observing: false,
      ledger: { status: 'finished' },
      progress: { sent: 20 },
    });
    expect(seen.some((sent) => sent > 0 && sent < 20)).toBe(true);
  });

  it('is taken over by the other pane when the runner pane closes, each row once', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const first = openPane(store, mailbox);
    const second = openPane(store, mailbox);
    await start(first, definition(20));
    await until(() => mailbox.accepted.length >= 6);
    first.session.dispose();

    await until(() => second.session.current()?.ledger.status === 'finished');
    expect(second.session.current()?.progress.sent).toBe(20);
    expect(mailbox.accepted).toHaveLength(20);
    expect([...once(mailbox).values()].every((count) => count === 1)).toBe(true);
    expect(second.graph.calls.sendDraft).toBeGreaterThan(0);
  });

  it('a scheduled campaign taken over after a reload gives every row the same time, sends each once, and is cancelled by deleting what Exchange keeps', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const first = openPane(store, mailbox);
    const second = openPane(store, mailbox);
    const def = definition(20);
    const plan = definitionPlan(def);
    const startAt = Date.now() + 3 * 3600_000;
    const schedule = { startAt, limit: 12, ratePerMinute: 600, counted: [] as Array<[number, number]> };
    void first.session.start(def, plan.messages, plan.excluded, null, schedule);
    await until(() => mailbox.accepted.length >= 6);
    first.session.dispose();

    await until(() => second.session.current()?.ledger.status === 'finished');
    expect(mailbox.accepted).toHaveLength(20);
    expect([...once(mailbox).values()].every((count) => count === 1)).toBe(true);
    // Both panes computed the same times from the kept schedule: 12 on the first day, 8 the next.
    const expected = deferredTimes(Array(20).fill(1), schedule).map((at) => Math.floor(at / 1000) * 1000);
    const ledger = second.session.current()!.ledger;
    const held = ledger.rows.filter((row) => {
      const state = ledger.states[row];
      return state?.status === 'sent' && state.heldId !== undefined;
    });
    // A row the first pane left "sending" is settled by looking it up (this fake shows it in Sent Items at once), never sent again.
    expect(held.length).toBeGreaterThanOrEqual(16);
    for (const row of held)
      expect(ledger.states[row]).toMatchObject({ status: 'sent', at: expected[ledger.rows.indexOf(row)] });
    expect(ledger.rows.every((row) => ledger.states[row]?.status === 'sent')).toBe(true);

    await drive(second.session.cancelScheduled());
    const cancelled = second.session.current()!.ledger;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.rows.filter((row) => cancelled.states[row]?.status === 'cancelled')).toEqual(held);
    expect(mailbox.sentItems()).toHaveLength(20 - held.length);
  });

  it('is not carried on by a pane in another message, which lacks its files: it waits, and goes on in the pane whose message holds them', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const catalogue = new Set(['catalogue.pdf']);
    // The campaign's message holds the catalogue; the second compose window is another message.
    const first = openPane(store, mailbox, 60, undefined, catalogue);
    const second = openPane(store, mailbox, 60, undefined, new Set());
    const def = definition(12, { attachments: [{ id: 'a1', name: 'catalogue.pdf', size: 5 }] });
    await start(first, def);
    await until(() => mailbox.accepted.length >= 3);
    // The first pane reloads: gone for a moment, and the second pane is first to the campaign.
    first.session.dispose();
    await until(() => second.session.current()?.ledger.status === 'blocked');
    const blocked = second.session.current()!;
    expect(blocked.ledger.blocked).toMatchObject({ reason: 'files_missing', files: ['catalogue.pdf'] });
    // It built and sent nothing, and failed no row.
    expect(second.graph.calls.createDraft + second.graph.calls.sendDraft).toBe(0);
    expect(blocked.progress.failed).toBe(0);
    const sentBefore = mailbox.accepted.length;
    // Resuming it there changes nothing.
    await drive(second.session.resume());
    expect(second.graph.calls.createDraft + second.graph.calls.sendDraft).toBe(0);

    // The first message's pane is back: it carries on by itself, every row once, each with its file.
    const back = openPane(store, mailbox, 60, undefined, catalogue);
    await until(() => back.session.current()?.ledger.status === 'finished');
    expect(mailbox.accepted.length).toBeGreaterThan(sentBefore);
    expect(mailbox.accepted).toHaveLength(12);
    expect([...once(mailbox).values()].every((count) => count === 1)).toBe(true);
    expect(mailbox.accepted.every((mail) => mail.files.some((f) => f.name === 'catalogue.pdf'))).toBe(true);
    expect(second.graph.calls.sendDraft).toBe(0);
  });

  it('a pane opened later while a campaign runs follows it, and cannot start another', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const first = openPane(store, mailbox);
    await start(first, definition(10));
    const late = openPane(store, mailbox);
    // It reads the records (in a later task, as IndexedDB answers), then shows the campaign.
    await until(() => late.session.current()?.observing === true);
    await start(late, definition(3));
    expect(late.session.current()).toMatchObject({ notice: 'busy', observing: true });
    await until(() => first.session.current()?.ledger.status === 'finished');
    expect(mailbox.accepted).toHaveLength(10);
  });
});

describe('Stop sending', () => {
  it('cancels what was not handed to Exchange, removes its drafts, ends the campaign, and a new one can start at once', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const pane = openPane(store, mailbox);
    const def = definition(20);
    await start(pane, def);
    await until(() => mailbox.accepted.length >= 5);
    await drive(pane.session.stop());

    const view = pane.session.current()!;
    expect(view.ledger.status).toBe('cancelled');
    const sent = mailbox.accepted.length;
    expect(view.progress).toMatchObject({ sent, cancelled: 20 - sent, failed: 0, remaining: 0 });
    expect(mailbox.drafts()).toEqual([]);
    // Nothing more goes out, whatever time passes; resuming is not offered for a stopped campaign.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(mailbox.accepted).toHaveLength(sent);
    await drive(pane.session.resume());
    expect(mailbox.accepted).toHaveLength(sent);

    // The report was seen: a new campaign starts at once.
    pane.session.close();
    await start(pane, definition(2));
    await until(() => pane.session.current()?.ledger.status === 'finished');
    expect(mailbox.accepted).toHaveLength(sent + 2);
  });

  it('settles a row whose send may have reached Exchange by looking it up, never by sending it again', async () => {
    const store = device();
    // Exchange accepts the send, the answer is lost, and the message reaches Sent Items 5 s later.
    const mailbox = new MemoryMailbox({ moveDelayMs: 5_000 });
    mailbox.fail({
      operation: 'sendDraft',
      error: new GraphRequestError(
        'ambiguous',
        504,
        'GatewayTimeout',
        'The gateway did not receive a timely response.',
      ),
      after: true,
    });
    const pane = openPane(store, mailbox);
    const def = definition(1);
    await start(pane, def);
    await until(() => mailbox.accepted.length === 1);
    await drive(pane.session.stop());

    expect(pane.session.current()?.ledger.states[2]).toMatchObject({ status: 'sent' });
    expect(mailbox.accepted).toHaveLength(1);
  });

  it('stops a paused campaign too', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const pane = openPane(store, mailbox);
    await start(pane, definition(10));
    await until(() => mailbox.accepted.length >= 2);
    pane.session.pause();
    await until(() => pane.session.current()?.running === false);
    expect(pane.session.current()?.ledger.status).toBe('paused');
    await drive(pane.session.stop());
    expect(pane.session.current()).toMatchObject({ stopping: false, ledger: { status: 'cancelled' } });
    expect(mailbox.drafts()).toEqual([]);
  });

  it('stops a campaign waiting for the 24-hour budget: the rest never goes, even when the budget frees', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const pane = openPane(store, mailbox, 600, 3);
    await start(pane, definition(5));
    await until(() => pane.session.current()?.ledger.status === 'waiting');
    expect(mailbox.accepted).toHaveLength(3);
    await drive(pane.session.stop());
    expect(pane.session.current()).toMatchObject({
      ledger: { status: 'cancelled' },
      progress: { sent: 3, cancelled: 2 },
    });
    await vi.advanceTimersByTimeAsync(25 * 3600_000);
    expect(mailbox.accepted).toHaveLength(3);
    expect(mailbox.drafts()).toEqual([]);
  });
});

describe('Retry failed rows', () => {
  it('keeps each row its marker: a row that in fact went out is found in Sent Items, not sent again', async () => {
    const store = device();
    const mailbox = new MemoryMailbox();
    const pane = openPane(store, mailbox);
    const def = definition(3);
    await start(pane, def);
    await until(() => pane.session.current()?.ledger.status === 'finished');
    expect(mailbox.accepted).toHaveLength(3);

    // Row 3's send was in fact accepted, but the pane could not tell and reported it failed.
    const records = store.records.open();
    const ledger = pane.session.current()!.ledger;
    await drive(
      records.write(def.id, {
        fields: ledgerFields(ledger),
        states: [
          [
            3,
            {
              status: 'failed',
              reason: 'unknown_outcome',
              message: 'The message is neither in Drafts nor in Sent Items.',
            },
          ],
        ],
      }),
    );
    await until(() => pane.session.current()?.ledger.states[3]?.status === 'failed');

    await drive(pane.session.retryFailed());
    expect(pane.session.current()?.ledger.states[3]).toMatchObject({ status: 'sent' });
    expect(mailbox.accepted).toHaveLength(3);
    expect(
      mailbox
        .sentItems()
        .map((m) => m.marker)
        .sort(),
    ).toEqual([2, 3, 4].map((row) => rowMarker({ id: def.id }, row)));
  });

  it('reuses the draft a refused send left, under the same marker', async () => {
    const store = device();
    let refuse = true;
    const mailbox = new MemoryMailbox({
      // A refusal of this one message (a right missing for everyone would block the whole campaign instead).
      refuseSend: (mail) =>
        refuse && mail.to[0] === 'p1@fabrikam.com'
          ? new GraphRequestError(
              'rejected',
              400,
              'ErrorMessageSizeExceeded',
              'The message exceeds the maximum supported size.',
            )
          : null,
    });
    const pane = openPane(store, mailbox);
    const def = definition(3);
    await start(pane, def);
    await until(() => pane.session.current()?.ledger.status === 'finished');
    expect(pane.session.current()?.ledger.states[3]).toMatchObject({ status: 'failed', reason: 'rejected' });
    const creates = pane.graph.calls.createDraft;

    refuse = false;
    await drive(pane.session.retryFailed());
    expect(pane.session.current()?.progress).toMatchObject({ sent: 3, failed: 0 });
    expect(pane.graph.calls.createDraft).toBe(creates);
    expect(mailbox.sentItems()).toHaveLength(3);
    expect(new Set(mailbox.sentItems().map((m) => m.marker)).size).toBe(3);
  });
});

describe('what a row costs the pane', () => {
  it('writes each change of a row as that row alone (never the whole ledger), and hands the view to the UI a few times a second', async () => {
    const { store, records } = device();
    const mailbox = new MemoryMailbox();
    const kept = records.open();
    let writes = 0;
    let statesWritten = 0;
    const counting = {
      ...kept,
      write: (id: string, change: Parameters<typeof kept.write>[1]) => {
        writes++;
        statesWritten += change.states.length;
        return kept.write(id, change);
      },
    };
    const session = new CampaignSession({
      records: counting,
      lock: createRunnerLock({ store, locks: null }),
      sendLog: new SendLog(records.sendLogRecords()),
      ratePerMinute: 6_000,
      attachment: () => Promise.reject(new Error('no files')),
      inlineImage: () => Promise.reject(new Error('no pictures')),
    });
    session.setGraph(mailbox.client());
    let views = 0;
    session.subscribe(() => views++);
    const rows = 200;
    const def = definition(rows);
    const plan = definitionPlan(def);
    const started = Date.now();
    void session.start(def, plan.messages, plan.excluded, null);
    await until(() => session.current()?.ledger.status === 'finished');
    const tookMs = Date.now() - started;
    expect(session.current()?.progress.sent).toBe(rows);
    // Four changes a row (creating, drafted, sending, sent), each written once: never the whole ledger again.
    expect(statesWritten).toBeLessThanOrEqual(4 * rows);
    // A write carries the changes made while the one before was under way: never more writes than changes.
    expect(writes).toBeLessThanOrEqual(4 * rows + 2);
    // Progress reaches the UI at most every 250 ms, plus the changes of status (start, end).
    expect(views).toBeLessThanOrEqual(tookMs / 250 + 6);
    session.dispose();
  });
});

describe('the files a campaign still needs', () => {
  it('names the pictures only rows still to build show: the template says which may, rendering those rows tells', async () => {
    vi.useRealTimers();
    const def = definition(3, {
      columns: ['Name', 'Email', 'Vip'],
      bodyHtml: '<p>Hello {{Name}}</p>{{#if Vip = "yes"}}<img src="cid:photo-1">{{/if}}',
      rows: [
        { Name: 'Ann', Email: 'ann@fabrikam.com', Vip: 'yes' },
        { Name: 'Ben', Email: 'ben@fabrikam.com', Vip: 'no' },
        { Name: 'Cat', Email: 'cat@fabrikam.com', Vip: 'no' },
      ],
      attachments: [{ id: 'a1', name: 'photo.jpg', size: 2_000, isInline: true, contentId: 'photo-1' }],
    });
    const { messages } = definitionPlan(def);
    const ledger = newLedger(def.id, messages.rows(), null, 0);
    // Before anything is rendered: the picture the template may show.
    expect(filesStillNeeded(ledger, messages)).toEqual({ names: [], contentIds: ['photo-1'] });
    expect(await picturesStillShown(ledger, messages, ['photo-1'])).toEqual(['photo-1']);
    // Ann's message went: the rows left do not show it, so a pane without the picture can build them.
    ledger.states[2] = { status: 'sent', at: 1 };
    expect(await picturesStillShown(ledger, messages, ['photo-1'])).toEqual([]);
    ledger.states[3] = { status: 'sent', at: 1 };
    ledger.states[4] = { status: 'drafted', draftId: 'd4' };
    expect(filesStillNeeded(ledger, messages)).toEqual({ names: [], contentIds: [] });
  });
});

describe('a campaign the browser will not keep', () => {
  it('is not started: the start rejects with the storage error, nothing is sent, and the campaign is free again', async () => {
    const { store, records } = device();
    const mailbox = new MemoryMailbox();
    const kept = records.open();
    const full = {
      ...kept,
      start: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    };
    const lock = createRunnerLock({ store, locks: null });
    const session = new CampaignSession({
      records: full,
      lock,
      sendLog: new SendLog(null),
      ratePerMinute: 600,
      attachment: () => Promise.reject(new Error('no files')),
      inlineImage: () => Promise.reject(new Error('no pictures')),
    });
    session.setGraph(mailbox.client());
    const def = definition(3);
    const plan = definitionPlan(def);
    let outcome: unknown = null;
    void session.start(def, plan.messages, plan.excluded, null).catch((error: unknown) => (outcome = error));
    await until(() => outcome !== null);
    expect(outcome).toMatchObject({ name: 'QuotaExceededError' });
    expect(mailbox.accepted).toEqual([]);
    expect(lock.isHeld(def.id)).toBe(false);
    expect(session.current()).toBeNull();
    session.dispose();
  });
});
