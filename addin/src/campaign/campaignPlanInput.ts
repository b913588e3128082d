/** What the pane plans a campaign from: the mapping its recipient list has so far, and the template's field names. */
import { isMergeFieldName, type CompileResult } from '#shared/merge/mergeTemplate.js';
import type { CampaignMapping } from './definitionMessages.js';

/** The columns chosen for a list; null until the address column is known. */
export function mappingOf(choice: {
  emailColumn: string | null;
  ccColumn: string | null;
  bccColumn: string | null;
  attachmentColumn: string | null;
}): CampaignMapping | null {
  const { emailColumn, ccColumn, bccColumn, attachmentColumn } = choice;
  return emailColumn ? { emailColumn, ccColumn, bccColumn, attachmentColumn } : null;
}

/** The fields the message uses, to show beside it: from the compiled template, or, when it does not compile, the fields its problems and parts name. */
export function templateFieldNames(compiled: CompileResult): string[] {
  return compiled.ok
    ? compiled.template.fields.map((f) => f.name)
    : [...new Set(compiled.problems.map((p) => p.field ?? '').filter(Boolean)), ...compiled.fields.map((f) => f.name)];
}

/** Rows left out by hand, with `row` left out or taken back in. */
export function toggledRow(rows: ReadonlySet<number>, row: number): ReadonlySet<number> {
  const next = new Set(rows);
  if (!next.delete(row)) next.add(row);
  return next;
}

/** Rows left out by hand, with every row of `rows` taken back in (`included`) or left out. */
export function withRowsIncluded(
  excluded: ReadonlySet<number>,
  rows: readonly number[],
  included: boolean,
): ReadonlySet<number> {
  const next = new Set(excluded);
  for (const row of rows) {
    if (included) next.delete(row);
    else next.add(row);
  }
  return next;
}

/** The columns the field picker offers, and those it cannot (their name has a brace, pipe, quote or equals sign). */
export function fieldChoices(columns: readonly string[]): { usable: string[]; unusable: string[] } {
  return { usable: columns.filter(isMergeFieldName), unusable: columns.filter((column) => !isMergeFieldName(column)) };
}
