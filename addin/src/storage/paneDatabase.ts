/**
 * The pane's IndexedDB database, through `idb` (Jake Archibald's small promise wrapper: the same
 * API, typed stores, requests as promises; no query layer of its own). It keeps what a campaign
 * needs across reloads and panes (`idbCampaignRecords.ts`) and this device's send log.
 *
 * Why IndexedDB rather than localStorage: localStorage holds about 5 million characters per
 * origin, which an 11-column list of 10,400 rows fills, and it stores strings only, so every
 * change of a row meant writing the whole ledger again. Here a campaign's recipients are kept in
 * parts once, and each row's state is a record of its own.
 *
 * Version 1's stores:
 * - `settings`: `activeCampaign`, the campaign a pane shows and resumes;
 * - `definitions` (by campaign id): template, mapping, files, footer, how many rows and parts;
 * - `recipients` ([campaign id, part]): the list's rows, RECIPIENT_PART rows a record;
 * - `ledgers` (by campaign id): the ledger's own fields and the version they were folded at;
 * - `ledgerRows` (by campaign id): the rows in sending order, written once;
 * - `rowStates` ([campaign id, row]): `{ row, state }` of each row that is not pending, as folded;
 * - `ledgerLog` ([campaign id, version]): each write since (the fields then, the rows it changed),
 *   one record per write, folded into `ledgers` and `rowStates` by the pane holding the campaign;
 * - `sendLog` ([time, id]): one record per send of this device (time, recipients).
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import type { RowState } from '../campaign/campaign.js';
import type { CampaignDefinition, LedgerFields } from '../campaign/campaignRecords.js';
import type { SendLogEntry, SendLogRecords } from '../campaign/sendLog.js';
import { openKept, type ConnectionLoss } from './keptConnection.js';

export const DATABASE_NAME = 'outmerge';

/** A definition as kept: without its rows, which are in `recipients`. */
export type StoredDefinition = Omit<CampaignDefinition, 'rows'> & { rowCount: number; parts: number };

export interface PaneSchema extends DBSchema {
  settings: { key: string; value: string };
  definitions: { key: string; value: StoredDefinition };
  recipients: { key: [string, number]; value: MergeRow[] };
  ledgers: { key: string; value: LedgerFields & { version: number } };
  ledgerRows: { key: string; value: number[] };
  rowStates: { key: [string, number]; value: { row: number; state: RowState } };
  ledgerLog: { key: [string, number]; value: { fields: LedgerFields; states: Array<[number, RowState]> } };
  sendLog: { key: [number, string]; value: SendLogEntry };
}

export type PaneDatabase = IDBPDatabase<PaneSchema>;

/**
 * Opens (and on first use creates) the database. Another pane of a newer version asking for an
 * upgrade closes this connection, so that a reload of one pane is never held up by another pane
 * left open; `loss` hears of it, and of a connection the browser closed (keptConnection.ts).
 */
export function openPaneDatabase(loss: ConnectionLoss, name = DATABASE_NAME): Promise<PaneDatabase> {
  return openKept<PaneSchema>(
    name,
    1,
    (db, oldVersion) => {
      if (oldVersion < 1) {
        db.createObjectStore('settings');
        db.createObjectStore('definitions', { keyPath: 'id' });
        db.createObjectStore('recipients');
        db.createObjectStore('ledgers', { keyPath: 'id' });
        db.createObjectStore('ledgerRows');
        db.createObjectStore('rowStates');
        db.createObjectStore('ledgerLog');
        db.createObjectStore('sendLog');
      }
    },
    loss,
  );
}

/** This device's send log in the pane's database: appends one record per send, reads a window of them. */
export function idbSendLogRecords(database: () => Promise<PaneDatabase>): SendLogRecords {
  return {
    async read(since) {
      const db = await database();
      // Keys are [time, id]: [since] sorts before every key of that time; older records are forgotten here.
      const tx = db.transaction('sendLog', 'readwrite', { durability: 'relaxed' });
      const [entries] = await Promise.all([
        tx.store.getAll(IDBKeyRange.lowerBound([since], true)),
        tx.store.delete(IDBKeyRange.upperBound([since])),
        tx.done,
      ]);
      return entries.filter((entry) => entry.at > since);
    },
    async append(entries) {
      const db = await database();
      const tx = db.transaction('sendLog', 'readwrite', { durability: 'relaxed' });
      await Promise.all([...entries.map((entry) => tx.store.put(entry, [entry.at, entry.id])), tx.done]);
    },
  };
}
