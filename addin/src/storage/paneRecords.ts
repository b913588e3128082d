/**
 * The pane's campaign records and send log (IndexedDB), over one connection per page, opened on
 * first use; the first opening moves what the previous version kept in localStorage.
 */
import type { CampaignRecords } from '../campaign/campaignRecords.js';
import type { SendLogRecords } from '../campaign/sendLog.js';
import { idbCampaignRecords, migrateFromLocalStorage } from './idbCampaignRecords.js';
import { idbSendLogRecords, openPaneDatabase, type PaneDatabase } from './paneDatabase.js';

export interface PaneRecords {
  campaigns: CampaignRecords;
  sendLog: SendLogRecords;
}

let opened: Promise<PaneDatabase> | null = null;

function database(): Promise<PaneDatabase> {
  opened ??= openPaneDatabase().then(async (db) => {
    await migrateFromLocalStorage(db, window.localStorage);
    return db;
  });
  // A failed opening (storage refused) is tried again by the next reader.
  opened.catch(() => (opened = null));
  return opened;
}

export function paneRecords(): PaneRecords {
  return { campaigns: idbCampaignRecords(database), sendLog: idbSendLogRecords(database) };
}
