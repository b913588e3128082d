/**
 * Campaign records (../campaign/campaignRecords.ts) in the pane's IndexedDB database, with a
 * BroadcastChannel telling the other panes of the origin what each write changed.
 *
 * - A campaign starts in one transaction: its recipients in parts, its definition, its ledger,
 *   then it becomes the active campaign; a pane closed half-way leaves nothing. Each part is put
 *   in a task of its own (the next once the previous is stored), so that no task copies more than
 *   one part: a 100,000-row list never blocks the pane at once.
 * - A write is one transaction: the ledger's fields with its version raised, and a record per
 *   changed row. Durability "relaxed" (Indexed Database API 3.0, `IDBTransaction.durability`):
 *   committed once the operating system has the data, which outlives a crashed pane, the failure
 *   the ledger is written ahead of every request for. (A power cut could lose a "sending" write;
 *   the row then reads as "drafted", and sending a draft Exchange already sent fails with
 *   ErrorItemNotFound, which the runner settles from Sent Items, never by sending again.)
 * - A pane that takes a campaign over reads it after the last pane's writes: IndexedDB starts a
 *   transaction only once every read/write transaction created before it on overlapping stores
 *   has finished (Indexed Database API, "transaction scheduling").
 * - Reads go in parts too (`getAll` with a count), each answer a task of its own.
 * - A campaign kept by the previous version in localStorage is moved here once, the first time a
 *   pane opens the database (`migrateFromLocalStorage`).
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { MergeRow } from '../../../shared/src/merge/mergeTemplate.js';
import type { CampaignLedger, RowState } from '../campaign/campaign.js';
import { ledgerFields, type CampaignDefinition, type CampaignNotice, type CampaignRecords, type LedgerWrite, type StoredLedger } from '../campaign/campaignRecords.js';
import type { PaneDatabase, PaneSchema } from './paneDatabase.js';

/** Rows per record of a campaign's recipient list: copying one part takes a few milliseconds. */
export const RECIPIENT_PART = 2_000;
/** Row states read per request when a ledger is read. */
const STATES_PER_READ = 5_000;
const CHANNEL = 'outmerge.campaigns';
const ACTIVE = 'activeCampaign';
const CAMPAIGN_STORES = ['settings', 'definitions', 'recipients', 'ledgers', 'ledgerRows', 'rowStates'] as const satisfies ReadonlyArray<StoreNames<PaneSchema>>;
type CampaignStores = typeof CAMPAIGN_STORES;

const rowRange = (id: string) => IDBKeyRange.bound([id, Number.NEGATIVE_INFINITY], [id, Number.POSITIVE_INFINITY]);

/** Puts a campaign's definition and ledger in `tx`, a part per task. */
async function putCampaign(tx: IDBPTransaction<PaneSchema, CampaignStores, 'readwrite'>, definition: CampaignDefinition, ledger: CampaignLedger): Promise<void> {
  const { rows, ...rest } = definition;
  const parts = Math.ceil(rows.length / RECIPIENT_PART);
  const recipients = tx.objectStore('recipients');
  for (let part = 0; part < parts; part++) await recipients.put(rows.slice(part * RECIPIENT_PART, (part + 1) * RECIPIENT_PART), [definition.id, part]);
  await tx.objectStore('definitions').put({ ...rest, rowCount: rows.length, parts });
  await tx.objectStore('ledgerRows').put(ledger.rows, definition.id);
  const states = tx.objectStore('rowStates');
  const puts: Array<Promise<unknown>> = [];
  for (const row of ledger.rows) {
    const state = ledger.states[row];
    // A row without a record is pending: a new campaign writes no state at all.
    if (state && state.status !== 'pending') puts.push(states.put({ row, state }, [definition.id, row]));
  }
  await Promise.all(puts);
  await tx.objectStore('ledgers').put({ ...ledgerFields(ledger), version: 0 });
  await tx.objectStore('settings').put(definition.id, ACTIVE);
}

export function idbCampaignRecords(database: () => Promise<PaneDatabase>): CampaignRecords {
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : null;
  const announce = (notice: CampaignNotice) => channel?.postMessage(notice);

  return {
    async activeId() {
      const db = await database();
      return (await db.get('settings', ACTIVE)) ?? null;
    },

    async start(definition, ledger) {
      const db = await database();
      const tx = db.transaction(CAMPAIGN_STORES, 'readwrite', { durability: 'relaxed' });
      await Promise.all([putCampaign(tx, definition, ledger), tx.done]);
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
      for (let part = 0; part < parts; part++) for (const row of (await tx.objectStore('recipients').get([id, part])) ?? []) rows.push(row);
      return { ...definition, rows };
    },

    async ledger(id) {
      const db = await database();
      const tx = db.transaction(['ledgers', 'ledgerRows', 'rowStates'], 'readonly');
      const [stored, rows] = await Promise.all([tx.objectStore('ledgers').get(id), tx.objectStore('ledgerRows').get(id)]);
      if (!stored || !rows) return null;
      const { version, ...fields } = stored;
      const states: Record<number, RowState> = {};
      const store = tx.objectStore('rowStates');
      let range = rowRange(id);
      for (;;) {
        const batch = await store.getAll(range, STATES_PER_READ);
        for (const { row, state } of batch) states[row] = state;
        if (batch.length < STATES_PER_READ) break;
        range = IDBKeyRange.bound([id, batch[batch.length - 1]!.row], [id, Number.POSITIVE_INFINITY], true);
      }
      for (const row of rows) states[row] ??= { status: 'pending' };
      return { ledger: { ...fields, rows, states }, version } satisfies StoredLedger;
    },

    async status(id) {
      const db = await database();
      return (await db.get('ledgers', id))?.status ?? null;
    },

    async write(id, change) {
      const db = await database();
      const tx = db.transaction(['ledgers', 'rowStates'], 'readwrite', { durability: 'relaxed' });
      const [version] = await Promise.all([
        (async () => {
          const current = await tx.objectStore('ledgers').get(id);
          if (!current) {
            tx.abort();
            throw new Error('This campaign is no longer kept in this browser.');
          }
          const next = current.version + 1;
          const states = tx.objectStore('rowStates');
          await Promise.all([...change.states.map(([row, state]) => states.put({ row, state }, [id, row])), tx.objectStore('ledgers').put({ ...change.fields, version: next })]);
          return next;
        })(),
        tx.done,
      ]);
      announce({ kind: 'ledger', id, version, write: change });
      return version;
    },

    async close(id) {
      const db = await database();
      const tx = db.transaction(CAMPAIGN_STORES, 'readwrite', { durability: 'relaxed' });
      const active = await tx.objectStore('settings').get(ACTIVE);
      await Promise.all([
        tx.objectStore('definitions').delete(id),
        tx.objectStore('recipients').delete(IDBKeyRange.bound([id, Number.NEGATIVE_INFINITY], [id, Number.POSITIVE_INFINITY])),
        tx.objectStore('ledgers').delete(id),
        tx.objectStore('ledgerRows').delete(id),
        tx.objectStore('rowStates').delete(rowRange(id)),
        active === id ? tx.objectStore('settings').delete(ACTIVE) : Promise.resolve(),
        tx.done,
      ]);
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

/**
 * Moves what the previous version kept in localStorage into the database, once: the active
 * campaign (definition and ledger, as they were), and the send log. The check and the writes are
 * one transaction, and IndexedDB runs two such transactions one after the other, so two panes
 * opening at once move it once; the localStorage keys go afterwards.
 */
export async function migrateFromLocalStorage(db: PaneDatabase, storage: Storage): Promise<void> {
  const id = storage.getItem(LEGACY_ACTIVE);
  const definition = id ? storage.getItem(legacyKey(id, 'definition')) : null;
  const ledger = id ? storage.getItem(legacyKey(id, 'ledger')) : null;
  const log = storage.getItem(LEGACY_LOG);
  if (id && definition && ledger) {
    const tx = db.transaction(CAMPAIGN_STORES, 'readwrite');
    await Promise.all([
      (async () => {
        if (await tx.objectStore('definitions').get(id)) return;
        await putCampaign(tx, JSON.parse(definition) as CampaignDefinition, JSON.parse(ledger) as CampaignLedger);
      })(),
      tx.done,
    ]);
  }
  if (log) {
    const entries = JSON.parse(log) as Array<[number, number]>;
    const tx = db.transaction('sendLog', 'readwrite');
    // Ids from the entry's place in the old log: a second pane moving it writes the same records.
    await Promise.all([...entries.map(([at, recipients], index) => tx.store.put({ at, recipients, id: `localStorage:${index}` }, [at, `localStorage:${index}`])), tx.done]);
  }
  const legacy: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key && (key === LEGACY_ACTIVE || key === LEGACY_LOG || /^outmerge\.campaign\..+\.(definition|ledger)$/.test(key))) legacy.push(key);
  }
  for (const key of legacy) storage.removeItem(key);
}
