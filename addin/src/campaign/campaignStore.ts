/**
 * Where campaigns are kept between pane sessions (M7), through the browser storage port: the
 * campaign's definition once (template, recipients, mapping, footer decision), and its ledger
 * after every row change. Nothing here leaves the browser (M10).
 */
import type { MergeRow } from '../../../shared/src/merge/mergeTemplate.js';
import type { KeyValueStore } from '../storage/keyValueStore.js';
import type { CampaignLedger } from './campaign.js';

export interface CampaignDefinition {
  id: string;
  subject: string;
  bodyHtml: string;
  columns: string[];
  rows: MergeRow[];
  emailColumn: string;
  ccColumn: string | null;
  bccColumn: string | null;
  attachmentColumn: string | null;
  /** The draft's attachments when the campaign started (their bytes are read from the draft when sent); inline images with their content id. */
  attachments: Array<{ id: string; name: string; size: number; isInline?: boolean; contentId?: string | null }>;
  /** Rows the sender left out by hand: the report lists them too. */
  excludedRows?: number[];
  footerHtml: string | null;
}

const ACTIVE = 'outmerge.campaign.active';
const definitionKey = (id: string) => `outmerge.campaign.${id}.definition`;
const ledgerKey = (id: string) => `outmerge.campaign.${id}.ledger`;

export class CampaignStore {
  constructor(private readonly store: KeyValueStore) {}

  start(definition: CampaignDefinition, ledger: CampaignLedger): void {
    this.store.set(definitionKey(definition.id), JSON.stringify(definition));
    this.saveLedger(ledger);
    this.store.set(ACTIVE, definition.id);
  }

  saveLedger(ledger: CampaignLedger): void {
    this.store.set(ledgerKey(ledger.id), JSON.stringify(ledger));
  }

  /** The id of the campaign left unfinished (or whose report is still shown), if any. */
  activeId(): string | null {
    return this.store.get(ACTIVE);
  }

  /** A campaign's ledger as last saved, by any pane. */
  ledger(id: string): CampaignLedger | null {
    const ledger = this.store.get(ledgerKey(id));
    return ledger ? (JSON.parse(ledger) as CampaignLedger) : null;
  }

  /** Whether a changed storage key (null: any) may concern the campaigns' definitions and ledgers. */
  static concerns(key: string | null): boolean {
    return key === null || key === ACTIVE || ((key.endsWith('.definition') || key.endsWith('.ledger')) && key.startsWith('outmerge.campaign.'));
  }

  /** The campaign left unfinished, if any: what the pane offers to resume when it opens. */
  active(): { definition: CampaignDefinition; ledger: CampaignLedger } | null {
    const id = this.store.get(ACTIVE);
    if (!id) return null;
    const definition = this.store.get(definitionKey(id));
    const ledger = this.store.get(ledgerKey(id));
    if (!definition || !ledger) return null;
    return { definition: JSON.parse(definition) as CampaignDefinition, ledger: JSON.parse(ledger) as CampaignLedger };
  }

  /** Forgets a finished or cancelled campaign's data; its report was shown. */
  close(id: string): void {
    if (this.store.get(ACTIVE) === id) this.store.remove(ACTIVE);
    this.store.remove(definitionKey(id));
    this.store.remove(ledgerKey(id));
  }
}
