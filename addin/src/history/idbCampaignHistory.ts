/**
 * Campaign history in the pane's browser storage: an IndexedDB database of its own (through `idb`,
 * as the campaign records), so that it never waits on, or is upgraded with, the database of the
 * campaign under way (`storage/paneDatabase.ts`). Two stores: `entries`, the small list entries
 * the history page reads at once; `records`, each campaign's definition and ledger, read only when
 * its report is opened or its rows re-run.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CampaignLedger } from '../campaign/campaign.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';
import { KEPT_CAMPAIGNS, type CampaignHistory, type HistoryEntry } from './campaignHistory.js';

interface HistorySchema extends DBSchema {
  entries: { key: string; value: HistoryEntry };
  records: { key: string; value: { id: string; definition: CampaignDefinition; ledger: CampaignLedger } };
}

export const HISTORY_DATABASE = 'outmerge-history';

export function idbCampaignHistory(name = HISTORY_DATABASE): CampaignHistory {
  let opened: Promise<IDBPDatabase<HistorySchema>> | null = null;
  const database = () =>
    (opened ??= openDB<HistorySchema>(name, 1, {
      upgrade(db) {
        db.createObjectStore('entries', { keyPath: 'id' });
        db.createObjectStore('records', { keyPath: 'id' });
      },
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        opened = null;
      },
    }));
  return {
    async list() {
      const entries = await (await database()).getAll('entries');
      return entries.sort((a, b) => b.startedAt - a.startedAt);
    },
    async get(id) {
      const db = await database();
      const tx = db.transaction(['entries', 'records'], 'readonly');
      const [entry, record] = await Promise.all([tx.objectStore('entries').get(id), tx.objectStore('records').get(id), tx.done]);
      return entry && record ? { entry, definition: record.definition, ledger: record.ledger } : null;
    },
    async put({ entry, definition, ledger }) {
      const db = await database();
      const tx = db.transaction(['entries', 'records'], 'readwrite');
      const entries = tx.objectStore('entries');
      const records = tx.objectStore('records');
      await Promise.all([entries.put(entry), records.put({ id: entry.id, definition, ledger })]);
      // Each campaign holds its whole list: only the newest are kept.
      const all = (await entries.getAll()).sort((a, b) => b.startedAt - a.startedAt);
      await Promise.all(all.slice(KEPT_CAMPAIGNS).flatMap((old) => [entries.delete(old.id), records.delete(old.id)]));
      await tx.done;
    },
    async remove(id) {
      const db = await database();
      const tx = db.transaction(['entries', 'records'], 'readwrite');
      await Promise.all([tx.objectStore('entries').delete(id), tx.objectStore('records').delete(id), tx.done]);
    },
  };
}
