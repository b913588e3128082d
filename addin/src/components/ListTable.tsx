/**
 * The portal's lists as Fluent tables: a header row, one row per item, small rows; a column given
 * as `false` is left out (an actions column for those who may act). Cells come from `row`.
 * Narrower than its columns need (a phone), the table scrolls sideways inside its own region,
 * which the keyboard can reach, and the page does not (WCAG 1.4.10 lets a data table keep its
 * two dimensions); columns size to their content rather than to equal, overlapping shares.
 */
import {
  Caption1,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useLayout } from './layout.js';

const useStyles = makeStyles({
  region: { overflowX: 'auto', maxWidth: '100%' },
});

/** A table's own region that scrolls sideways when the screen is narrower than the table; the keyboard can reach it to scroll. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div role="region" aria-label={label} tabIndex={0} className={styles.region}>
      {children}
    </div>
  );
}

export function ListTable<T>(props: {
  label: string;
  testId?: string;
  columns: ReadonlyArray<ReactNode | false>;
  items: readonly T[];
  rowKey: (item: T) => string;
  row: (item: T) => ReactNode;
  rowTestId?: (item: T) => string;
}) {
  const { label, testId, columns, items, rowKey, row, rowTestId } = props;
  const layout = useLayout();
  return (
    <TableRegion label={label}>
      <Table aria-label={label} size="small" data-testid={testId} className={layout.dataTable}>
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
    </TableRegion>
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
