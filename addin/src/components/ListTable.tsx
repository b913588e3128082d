/**
 * The portal's lists as Fluent tables: a header row, one row per item, small rows; a column given
 * as `false` is left out (an actions column for those who may act). Cells come from `row`.
 */
import { Caption1, Table, TableBody, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useLayout } from './layout.js';

export function ListTable<T>(props: { label: string; testId?: string; columns: ReadonlyArray<ReactNode | false>; items: readonly T[]; rowKey: (item: T) => string; row: (item: T) => ReactNode; rowTestId?: (item: T) => string }) {
  const { label, testId, columns, items, rowKey, row, rowTestId } = props;
  return (
    <Table aria-label={label} size="small" data-testid={testId}>
      <TableHeader>
        <TableRow>
          {columns
            .filter((column) => column !== false)
            .map((column, index) => (
              <TableHeaderCell key={index}>{column}</TableHeaderCell>
            ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => (
          <TableRow key={rowKey(item)} data-testid={rowTestId?.(item)}>
            {row(item)}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** A cell's value with a caption under it (who asked and when, until when, …). */
export function CellLines({ text, detail, testId }: { text: ReactNode; detail?: ReactNode; testId?: string }) {
  const layout = useLayout();
  return (
    <div className={layout.lines}>
      <span data-testid={testId}>{text}</span>
      {detail !== undefined && detail !== null && detail !== '' && <Caption1>{detail}</Caption1>}
    </div>
  );
}
