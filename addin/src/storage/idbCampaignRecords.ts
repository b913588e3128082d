/**
 * Campaign records (../campaign/campaignRecords.ts) in the pane's IndexedDB database, with a
 * BroadcastChannel telling the other panes of the origin what the writes changed.
 *
 * - A campaign starts in one transaction: its recipients in parts, its definition, its ledger,
 *   then it becomes the active campaign; a pane closed half-way leaves nothing. Each part is put
 *   in a task of its own (the next once the previous is stored), so that no task copies more than
 *   one part: a 100,000-row list never blocks the pane at once.
 * - A write is one transaction with one record: the ledger's fields and the rows that changed,
 *   under the next version (`ledgerLog`). Each request to IndexedDB costs the pane about as much as
 *   a request to Graph, so a row's change is not a record of its own at once: the pane holding the
 *   campaign folds the writes into one record per row when a run starts and ends (`compact`), a
 *   few hundred rows per task. Reading a ledger reads the folded records, then the writes since.
 * - Durability "relaxed" (Indexed Database API 3.0, `IDBTransaction.durability`): committed once
 *   the operating system has the data, which outlives a crashed pane, the failure the ledger is
 *   written ahead of every request for. (A power cut could lose a "sending" write; the row then
 *   reads as "drafted", and sending a draft Exchange already sent fails with ErrorItemNotFound,
 *   which the runner settles from Sent Items, never by sending again.)
 * - A pane that takes a campaign over reads it after the last pane's writes: IndexedDB starts a
 *   transaction only once every read/write transaction created before it on overlapping stores
 *   has finished (Indexed Database API, "transaction scheduling").
 * - Other panes hear of the writes at most every NOTICE_MS (one notice for the writes made
 *   meanwhile), and at once when the campaign's status changed.
 * - A campaign kept by the previous version in localStorage is moved here once, when a pane uses
 *   the database and no pane of the previous version is sending it (`migrateFromLocalStorage`).
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import type { CampaignLedger, RowState } from '../campaign/campaign.js';
import {
  ledgerFields,
  type CampaignDefinition,
  type CampaignNotice,
  type CampaignRecords,
  type LedgerFields,
  type StoredLedger,
} from '../campaign/campaignRecords.js';
import type { PaneDatabase, PaneSchema } from './paneDatabase.js';

/** Rows per record of a campaign's recipient list: copying one part takes a few milliseconds. */
export const RECIPIENT_PART = 2_000;
/** Records read per request when a ledger is read: row states, and writes (each holds the rows of one batch). */
const RECORDS_PER_READ = { rowStates: 1_000, ledgerLog: 2 } as const;
/** Rows changed before other panes are told at once, rather than after NOTICE_MS. */
const NOTICE_ROWS = 2_000;
/** Row records put per task when writes are folded. */
const PUTS_PER_TASK = 200;
/** Other panes hear of the writes at most this often (a changed status goes at once). */
const NOTICE_MS = 200;
const CHANNEL = 'outmerge.campaigns';
const ACTIVE = 'activeCampaign';
const CAMPAIGN_STORES = [
  'settings',
  'definitions',
  'recipients',
  'ledgers',
  'ledgerRows',
  'rowStates',
  'ledgerLog',
] as const satisfies ReadonlyArray<StoreNames<PaneSchema>>;
type CampaignStores = typeof CAMPAIGN_STORES;
type LedgerStores = ['ledgers', 'rowStates', 'ledgerLog'];

const idRange = (id: string) => IDBKeyRange.bound([id, Number.NEGATIVE_INFINITY], [id, Number.POSITIVE_INFINITY]);

/** Puts `count` records, PUTS_PER_TASK per task (each put copies its value on this thread). */
async function putInTasks(count: number, put: (index: number) => Promise<unknown>): Promise<void> {
  for (let first = 0; first < count; first += PUTS_PER_TASK) {
    const puts: Array<Promise<unknown>> = [];
    for (let index = first; index < Math.min(count, first + PUTS_PER_TASK); index++) puts.push(put(index));
    await Promise.all(puts);
  }
}

/** Puts a campaign's definition and ledger in `tx`, a part per task. */
async function putCampaign(
  tx: IDBPTransaction<PaneSchema, CampaignStores, 'readwrite'>,
  definition: CampaignDefinition,
  ledger: CampaignLedger,
): Promise<void> {
  const { rows, ...rest } = definition;
  const parts = Math.ceil(rows.length / RECIPIENT_PART);
  const recipients = tx.objectStore('recipients');
  for (let part = 0; part < parts; part++)
    await recipients.put(rows.slice(part * RECIPIENT_PART, (part + 1) * RECIPIENT_PART), [definition.id, part]);
  await tx.objectStore('definitions').put({ ...rest, rowCount: rows.length, parts });
  await tx.objectStore('ledgerRows').put(ledger.rows, definition.id);
  // A row without a record is pending: a new campaign writes no state at all.
  const states = ledger.rows.flatMap((row) => {
    const state = ledger.states[row];
    return state && state.status !== 'pending' ? [[row, state] as const] : [];
  });
  const store = tx.objectStore('rowStates');
  await putInTasks(states.length, (index) =>
    store.put({ row: states[index]![0], state: states[index]![1] }, [definition.id, states[index]![0]]),
  );
  await tx.objectStore('ledgers').put({ ...ledgerFields(ledger), version: 0 });
  await tx.objectStore('settings').put(definition.id, ACTIVE);
}

/** Every record of a campaign in `store` ([id, n] keys), in order, RECORDS_PER_READ per request. */
async function readAll<Name extends 'rowStates' | 'ledgerLog'>(
  tx: IDBPTransaction<PaneSchema, LedgerStores, IDBTransactionMode>,
  name: Name,
  id: string,
  visit: (key: number, value: PaneSchema[Name]['value']) => void,
): Promise<void> {
  const store = tx.objectStore(name);
  const count = RECORDS_PER_READ[name];
  let range = idRange(id);
  for (;;) {
    const [keys, values] = await Promise.all([store.getAllKeys(range, count), store.getAll(range, count)]);
    keys.forEach((key, index) => visit(key[1], values[index]!));
    if (keys.length < count) return;
    range = IDBKeyRange.bound(keys[keys.length - 1]!, [id, Number.POSITIVE_INFINITY], true);
  }
}

/** A ledger as kept: the folded records, then the writes since, in order. */
async function readLedger(
  tx: IDBPTransaction<PaneSchema, LedgerStores, IDBTransactionMode>,
  id: string,
): Promise<{ fields: LedgerFields; version: number; states: Map<number, RowState> } | null> {
  const stored = await tx.objectStore('ledgers').get(id);
  if (!stored) return null;
  const { version: folded, ...foldedFields } = stored;
  let fields: LedgerFields = foldedFields;
  let version = folded;
  const states = new Map<number, RowState>();
  await readAll(tx, 'rowStates', id, (row, record) => states.set(row, record.state));
  await readAll(tx, 'ledgerLog', id, (at, write) => {
    if (at <= folded) return;
    for (const [row, state] of write.states) states.set(row, state);
    fields = write.fields;
    version = at;
  });
  return { fields, version, states };
}

export function idbCampaignRecords(database: () => Promise<PaneDatabase>): CampaignRecords {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  /**
   * The version of each ledger as this pane last read or wrote it. Only the pane holding the
   * campaign writes (its lock), and it read the ledger when it took the campaign: its next version
   * needs no reading in the write's transaction.
   */
  const versions = new Map<string, number>();
  /** Writes not yet told to the other panes. */
  let unsent: {
    id: string;
    from: number;
    version: number;
    fields: LedgerFields;
    states: Map<number, RowState>;
    timer: ReturnType<typeof setTimeout> | null;
  } | null = null;
  let lastStatus: string | null = null;

  const tell = () => {
    if (!unsent) return;
    if (unsent.timer) clearTimeout(unsent.timer);
    const { id, from, version, fields, states } = unsent;
    unsent = null;
    lastStatus = fields.status;
    channel?.postMessage({
      kind: 'ledger',
      id,
      from,
      version,
      write: { fields, states: [...states] },
    } satisfies CampaignNotice);
  };
  const heard = (
    id: string,
    version: number,
    fields: LedgerFields,
    states: ReadonlyArray<readonly [number, RowState]>,
  ) => {
    if (unsent && unsent.id !== id) tell();
    unsent ??= { id, from: version, version, fields, states: new Map(), timer: null };
    unsent.version = version;
    unsent.fields = fields;
    for (const [row, state] of states) unsent.states.set(row, state);
    if (fields.status !== lastStatus || unsent.states.size >= NOTICE_ROWS) tell();
    else unsent.timer ??= setTimeout(tell, NOTICE_MS);
  };
  const announce = (notice: CampaignNotice) => {
    tell();
    channel?.postMessage(notice);
  };

  return {
    async activeId() {
      const db = await database();
      return (await db.get('settings', ACTIVE)) ?? null;
    },

    async start(definition, ledger) {
      const db = await database();
      const tx = db.transaction(CAMPAIGN_STORES, 'readwrite', { durability: 'relaxed' });
      await Promise.all([putCampaign(tx, definition, ledger), tx.done]);
      versions.set(definition.id, 0);
      announce({ kind: 'active', id: definition.id });
    },

    async definition(id) {
      const db = await database();
      const tx = db.transaction(['definitions', 'recipients'], 'readonly');
      const stored = await tx.objectStore('definitions').get(id);
      if (!stored) return null;
      const { rowCount: _count, parts, ...definition } = stored;
      const rows: MergeRow[] = [];
      // One part per request, so that each answer is copied in a task of its own.
      for (let part = 0; part < parts; part++)
        for (const row of (await tx.objectStore('recipients').get([id, part])) ?? []) rows.push(row);
      return { ...definition, rows };
    },

    async ledger(id) {
      const db = await database();
      const tx = db.transaction(['ledgers', 'ledgerRows', 'rowStates', 'ledgerLog'], 'readonly');
      const rows = await tx.objectStore('ledgerRows').get(id);
      const read = rows
        ? await readLedger(tx as unknown as IDBPTransaction<PaneSchema, LedgerStores, 'readonly'>, id)
        : null;
      if (!rows || !read) return null;
      const states: Record<number, RowState> = {};
      for (const row of rows) states[row] = read.states.get(row) ?? { status: 'pending' };
      versions.set(id, read.version);
      return { ledger: { ...read.fields, rows, states }, version: read.version } satisfies StoredLedger;
    },

    async status(id) {
      const db = await database();
      const tx = db.transaction(['ledgers', 'ledgerLog'], 'readonly');
      const [folded, last] = await Promise.all([
        tx.objectStore('ledgers').get(id),
        tx.objectStore('ledgerLog').openCursor(idRange(id), 'prev'),
      ]);
      if (!folded) return null;
      return last && last.key[1] > folded.version ? last.value.fields.status : folded.status;
    },

    async write(id, change) {
      const db = await database();
      const tx = db.transaction(['ledgers', 'ledgerLog'], 'readwrite', { durability: 'relaxed' });
      const [version] = await Promise.all([
        (async () => {
          let current = versions.get(id);
          if (current === undefined) {
            const read = await readLedger(tx as unknown as IDBPTransaction<PaneSchema, LedgerStores, 'readwrite'>, id);
            if (!read) {
              tx.abort();
              throw new Error('This campaign is no longer kept in this browser.');
            }
            current = read.version;
          }
          const next = current + 1;
          await tx
            .objectStore('ledgerLog')
            .put(
              { fields: change.fields, states: change.states.map(([row, state]): [number, RowState] => [row, state]) },
              [id, next],
            );
          return next;
        })(),
        tx.done,
      ]);
      versions.set(id, version);
      heard(id, version, change.fields, change.states);
      return version;
    },

    async compact(id) {
      const db = await database();
      const tx = db.transaction(['ledgers', 'rowStates', 'ledgerLog'], 'readwrite', { durability: 'relaxed' });
      await Promise.all([
        (async () => {
          // Every write kept is newer than the last fold (a fold deletes the writes it folded, in its transaction).
          if ((await tx.objectStore('ledgerLog').count(idRange(id))) === 0) return;
          const changed = new Map<number, RowState>();
          let last: { version: number; fields: LedgerFields } | null = null;
          await readAll(tx, 'ledgerLog', id, (version, write) => {
            for (const [row, state] of write.states) changed.set(row, state);
            last = { version, fields: write.fields };
          });
          const folded = last as { version: number; fields: LedgerFields } | null;
          if (!folded || !(await tx.objectStore('ledgers').get(id))) return;
          // Only the rows the writes changed get a record again.
          const rows = [...changed];
          const store = tx.objectStore('rowStates');
          await putInTasks(rows.length, (index) =>
            store.put({ row: rows[index]![0], state: rows[index]![1] }, [id, rows[index]![0]]),
          );
          await tx.objectStore('ledgers').put({ ...folded.fields, version: folded.version });
          await tx
            .objectStore('ledgerLog')
            .delete(IDBKeyRange.bound([id, Number.NEGATIVE_INFINITY], [id, folded.version]));
        })(),
        tx.done,
      ]);
    },

    async close(id) {
      const db = await database();
      const tx = db.transaction(CAMPAIGN_STORES, 'readwrite', { durability: 'relaxed' });
      const active = await tx.objectStore('settings').get(ACTIVE);
      await Promise.all([
        tx.objectStore('definitions').delete(id),
        tx.objectStore('recipients').delete(idRange(id)),
        tx.objectStore('ledgers').delete(id),
        tx.objectStore('ledgerRows').delete(id),
        tx.objectStore('rowStates').delete(idRange(id)),
        tx.objectStore('ledgerLog').delete(idRange(id)),
        active === id ? tx.objectStore('settings').delete(ACTIVE) : Promise.resolve(),
        tx.done,
      ]);
      versions.delete(id);
      if (active === id) announce({ kind: 'active', id: null });
    },

    watch(listener) {
      if (!channel) {
        // Without BroadcastChannel (none of the hosts Outlook runs add-ins in today), read again every second.
        const timer = setInterval(() => listener({ kind: 'unknown' }), 1000);
        return () => clearInterval(timer);
      }
      const onMessage = (event: MessageEvent<CampaignNotice>) => listener(event.data);
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

const LEGACY_ACTIVE = 'outmerge.campaign.active';
const LEGACY_LOG = 'outmerge.sendLog';
const legacyKey = (id: string, part: 'definition' | 'ledger') => `outmerge.campaign.${id}.${part}`;

/** Whether the previous version left something in localStorage to move. */
export function legacyLeft(storage: Storage): boolean {
  return storage.getItem(LEGACY_ACTIVE) !== null || storage.getItem(LEGACY_LOG) !== null;
}

/**
 * Moves what the previous version kept in localStorage into the database, once: the active
 * campaign (definition and ledger, as they were), and the send log. The check and the writes are
 * one transaction, and IndexedDB runs two such transactions one after the other, so two panes
 * opening at once move it once; the localStorage keys go afterwards.
 *
 * A campaign a pane of the previous version is sending still (its runner lease, the same key in
 * both versions, is live) is not moved yet: that pane goes on writing its ledger in localStorage,
 * and a copy taken now would be resumed from rows it has sent since. It is moved once that pane
 * let go (`false` until then); the lease and the Web Lock keep the two versions from sending it
 * together meanwhile. Nor is it moved while another campaign started here is the active one.
 */
export async function migrateFromLocalStorage(db: PaneDatabase, storage: Storage, now = Date.now()): Promise<boolean> {
  const id = storage.getItem(LEGACY_ACTIVE);
  if (id && leaseIsLive(storage.getItem(`outmerge.campaign.${id}.runner`), now)) return false;
  const definition = id ? storage.getItem(legacyKey(id, 'definition')) : null;
  const ledger = id ? storage.getItem(legacyKey(id, 'ledger')) : null;
  const log = storage.getItem(LEGACY_LOG);
  if (id && definition && ledger) {
    const tx = db.transaction(CAMPAIGN_STORES, 'readwrite');
    const [moved] = await Promise.all([
      (async () => {
        if (await tx.objectStore('definitions').get(id)) return true;
        // One campaign at a time: one started here meanwhile goes first, this one waits for it to be closed.
        const active = await tx.objectStore('settings').get(ACTIVE);
        if (active !== undefined && active !== id) return false;
        await putCampaign(tx, JSON.parse(definition) as CampaignDefinition, JSON.parse(ledger) as CampaignLedger);
        return true;
      })(),
      tx.done,
    ]);
    if (!moved) return false;
  }
  if (log) {
    const entries = JSON.parse(log) as Array<[number, number]>;
    const tx = db.transaction('sendLog', 'readwrite');
    // Ids from the entry's place in the old log: a second pane moving it writes the same records.
    await Promise.all([
      ...entries.map(([at, recipients], index) =>
        tx.store.put({ at, recipients, id: `localStorage:${index}` }, [at, `localStorage:${index}`]),
      ),
      tx.done,
    ]);
  }
  const legacy: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (
      key &&
      (key === LEGACY_ACTIVE || key === LEGACY_LOG || /^outmerge\.campaign\..+\.(definition|ledger)$/.test(key))
    )
      legacy.push(key);
  }
  for (const key of legacy) storage.removeItem(key);
  return true;
}

function leaseIsLive(raw: string | null, now: number): boolean {
  try {
    return raw !== null && (JSON.parse(raw) as { expiresAt?: number }).expiresAt! > now;
  } catch {
    return false;
  }
}
