/**
 * A past campaign as the history keeps it: its definition and ledger without what grows with the
 * list (the recipients' rows, the rows' states), and those in parts of HISTORY_PART rows. Each
 * part is copied (structured clone) on the pane's UI thread when it is put or read: one record of
 * 100,000 rows took half a second at once, a part a few milliseconds.
 */
import type { MergeRow } from '#shared/merge/mergeTemplate.js';
import type { CampaignLedger, RowState } from '../campaign/campaign.js';
import type { CampaignDefinition } from '../campaign/campaignRecords.js';

/** Rows of the list, and states of the ledger's rows, per part. */
export const HISTORY_PART = 1_000;

export interface HistoryHead {
  id: string;
  definition: Omit<CampaignDefinition, 'rows'>;
  ledger: Omit<CampaignLedger, 'states'>;
  parts: number;
}

/** The list's rows from `part * HISTORY_PART`, and the states of the ledger's rows from there. */
export interface HistoryPart {
  rows: MergeRow[];
  states: Array<[number, RowState]>;
}

export function historyHead(definition: CampaignDefinition, ledger: CampaignLedger, size = HISTORY_PART): HistoryHead {
  const { rows, ...definitionRest } = definition;
  const { states: _states, ...ledgerRest } = ledger;
  return {
    id: definition.id,
    definition: definitionRest,
    ledger: ledgerRest,
    parts: Math.ceil(Math.max(rows.length, ledger.rows.length) / size),
  };
}

/** The `index`-th part, made when it is put (not all at once). */
export function historyPart(
  definition: CampaignDefinition,
  ledger: CampaignLedger,
  index: number,
  size = HISTORY_PART,
): HistoryPart {
  const first = index * size;
  const states: Array<[number, RowState]> = [];
  for (const row of ledger.rows.slice(first, first + size)) {
    const state = ledger.states[row];
    if (state) states.push([row, state]);
  }
  return { rows: definition.rows.slice(first, first + size), states };
}

/** The definition and ledger again, from the head and its parts in order. */
export function fromHistoryParts(
  head: HistoryHead,
  parts: readonly HistoryPart[],
): { definition: CampaignDefinition; ledger: CampaignLedger } {
  const rows: MergeRow[] = [];
  const states: Record<number, RowState> = {};
  for (const part of parts) {
    for (const row of part.rows) rows.push(row);
    for (const [row, state] of part.states) states[row] = state;
  }
  return { definition: { ...head.definition, rows }, ledger: { ...head.ledger, states } };
}
