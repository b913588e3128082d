/**
 * Campaign history in the pane's browser storage: an IndexedDB database of its own (through `idb`,
 * as the campaign records), so that it never waits on, or is upgraded with, the database of the
 * campaign under way (`storage/paneDatabase.ts`). Stores: `entries`, the small list entries the
 * history page reads at once; `records`, each campaign's definition and ledger without their rows
 * (version 1 kept them whole there: still read); `parts` (version 2, [id, part]), the rows and
 * their states in parts (historyParts.ts), each put and read in a task of its own, so that keeping
 * or opening a 100,000-row campaign never blocks the pane at once.
 */
import type { DBSchema, IDBPTransaction } from 'idb';
import { keptConnection, openKept } from '../storage/keptConnection.js';
import type { CampaignLedger } from '../campaign/campaign.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';
import { KEPT_CAMPAIGNS, type CampaignHistory, type HistoryEntry } from './campaignHistory.js';
import { fromHistoryParts, historyHead, historyPart, type HistoryHead, type HistoryPart } from './historyParts.js';

/** Version 1's records held the whole campaign; later ones a head, with the rows in `parts`. */
type WholeRecord = { id: string; definition: CampaignDefinition; ledger: CampaignLedger };

interface HistorySchema extends DBSchema {
  entries: { key: string; value: HistoryEntry };
  records: { key: string; value: WholeRecord | HistoryHead };
  parts: { key: [string, number]; value: HistoryPart };
}

export const HISTORY_DATABASE = 'outmerge-history';

const partsOf = (id: string) => IDBKeyRange.bound([id, Number.NEGATIVE_INFINITY], [id, Number.POSITIVE_INFINITY]);
const isHead = (record: WholeRecord | HistoryHead): record is HistoryHead => 'parts' in record;

/** Forgets a campaign in `tx`: its entry, its record, its parts. */
function forget(
  tx: IDBPTransaction<HistorySchema, ['entries', 'records', 'parts'], 'readwrite'>,
  id: string,
): Array<Promise<unknown>> {
  return [
    tx.objectStore('entries').delete(id),
    tx.objectStore('records').delete(id),
    tx.objectStore('parts').delete(partsOf(id)),
  ];
}

export function idbCampaignHistory(name = HISTORY_DATABASE): CampaignHistory {
  // Opened again after another pane's upgrade or the browser took the connection away (keptConnection.ts).
  const database = keptConnection((loss) =>
    openKept<HistorySchema>(
      name,
      2,
      (db, oldVersion) => {
        if (oldVersion < 1) {
          db.createObjectStore('entries', { keyPath: 'id' });
          db.createObjectStore('records', { keyPath: 'id' });
        }
        if (oldVersion < 2) db.createObjectStore('parts');
      },
      loss,
    ),
  );
  return {
    async list() {
      const entries = await (await database()).getAll('entries');
      return entries.sort((a, b) => b.startedAt - a.startedAt);
    },
    async get(id) {
      const db = await database();
      const tx = db.transaction(['entries', 'records', 'parts'], 'readonly');
      const [entry, record] = await Promise.all([tx.objectStore('entries').get(id), tx.objectStore('records').get(id)]);
      if (!entry || !record) return null;
      if (!isHead(record)) return { entry, definition: record.definition, ledger: record.ledger };
      // One part per request: each is copied in the task its answer arrives in.
      const parts: HistoryPart[] = [];
      for (let part = 0; part < record.parts; part++) {
        const found = await tx.objectStore('parts').get([id, part]);
        if (!found) return null;
        parts.push(found);
      }
      return { entry, ...fromHistoryParts(record, parts) };
    },
    async put({ entry, definition, ledger }) {
      const db = await database();
      const tx = db.transaction(['entries', 'records', 'parts'], 'readwrite');
      const head = historyHead(definition, ledger);
      const parts = tx.objectStore('parts');
      // A campaign kept again (after a retry) may have had more parts.
      await parts.delete(partsOf(entry.id));
      // Each part is put once the previous one is stored: one copy per task (the transaction stays open meanwhile).
      for (let part = 0; part < head.parts; part++)
        await parts.put(historyPart(definition, ledger, part), [entry.id, part]);
      await Promise.all([tx.objectStore('entries').put(entry), tx.objectStore('records').put(head)]);
      // Each campaign holds its whole list: only the newest are kept.
      const all = (await tx.objectStore('entries').getAll()).sort((a, b) => b.startedAt - a.startedAt);
      await Promise.all(all.slice(KEPT_CAMPAIGNS).flatMap((old) => forget(tx, old.id)));
      await tx.done;
    },
    async remove(id) {
      const db = await database();
      const tx = db.transaction(['entries', 'records', 'parts'], 'readwrite');
      await Promise.all([...forget(tx, id), tx.done]);
    },
  };
}
