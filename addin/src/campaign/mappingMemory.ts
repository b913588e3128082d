/** Remembers the column mapping per set of headers, so the next file with the same columns is mapped already (M2). */
import type { KeyValueStore } from '../storage/keyValueStore.js';

export interface RememberedMapping {
  emailColumn: string;
  ccColumn: string | null;
  bccColumn: string | null;
  attachmentColumn?: string | null;
}

function key(columns: readonly string[]): string {
  return `outmerge.mapping.${[...columns].sort().join('\u001f')}`;
}

export function recallMapping(store: KeyValueStore, columns: readonly string[]): RememberedMapping | null {
  const raw = store.get(key(columns));
  if (!raw) return null;
  const mapping = JSON.parse(raw) as RememberedMapping;
  const known = (column: string | null) => column === null || columns.includes(column);
  return columns.includes(mapping.emailColumn) &&
    known(mapping.ccColumn) &&
    known(mapping.bccColumn) &&
    known(mapping.attachmentColumn ?? null)
    ? mapping
    : null;
}

export function rememberMapping(store: KeyValueStore, columns: readonly string[], mapping: RememberedMapping): void {
  store.set(key(columns), JSON.stringify(mapping));
}
