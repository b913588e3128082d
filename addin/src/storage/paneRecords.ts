/**
 * The pane's campaign records and send log (IndexedDB), over one connection per page, opened on
 * first use and again after another pane's upgrade or the browser took it away (keptConnection.ts). What the previous version kept in localStorage is moved on first use, or, while a pane
 * of that version still sends it, on a later use once it let go (one localStorage read per use
 * until then, none after).
 */
import type { CampaignRecords } from '../campaign/campaignRecords.js';
import type { SendLogRecords } from '../campaign/sendLog.js';
import { idbCampaignRecords, legacyLeft, migrateFromLocalStorage } from './idbCampaignRecords.js';
import { keptConnection } from './keptConnection.js';
import { idbSendLogRecords, openPaneDatabase, type PaneDatabase } from './paneDatabase.js';

export interface PaneRecords {
  campaigns: CampaignRecords;
  sendLog: SendLogRecords;
}

const connection = keptConnection((loss) => openPaneDatabase(loss));
let moving: Promise<unknown> | null = null;

async function database(): Promise<PaneDatabase> {
  const db = await connection();
  if (legacyLeft(window.localStorage)) {
    moving ??= migrateFromLocalStorage(db, window.localStorage).finally(() => (moving = null));
    await moving;
  }
  return db;
}

export function paneRecords(): PaneRecords {
  return { campaigns: idbCampaignRecords(database), sendLog: idbSendLogRecords(database) };
}
