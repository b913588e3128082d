/**
 * The recipient list as a grid of rows to send (M4, M16): a box on each row, and a search that
 * shows the rows with a cell containing the text, to include or leave them out together. The
 * rows are virtualised (@tanstack/react-virtual, as the portal's seat table): a list of 100,000
 * rows keeps a few dozen in the DOM. Rows left out here are the same ones the checks list.
 */
import {
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { RecipientList } from '../campaign/recipientList.js';
import { matchingRows, searchIndexInSlices } from '../campaign/rowSearch.js';
import { FIRST_DATA_ROW } from '../campaign/planCampaign.js';
import { useLayout } from '../components/layout.js';
import { observeRectAfterLayout } from '../components/observeRectAfterLayout.js';
import { useI18n } from '../i18n/I18nProvider.js';

const ROW_HEIGHT = 32;
const VIEWPORT_HEIGHT = 256;
const CELL_WIDTH = 150;

const useStyles = makeStyles({
  scroller: {
    overflow: 'auto',
    maxHeight: `${VIEWPORT_HEIGHT}px`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  headerRow: { height: `${ROW_HEIGHT}px` },
  body: { position: 'relative' },
  /** A row where the virtualiser puts it (its offset is the only style left inline). */
  row: { position: 'absolute', top: 0, left: 0, height: `${ROW_HEIGHT}px` },
  pick: { flex: '0 0 64px' },
  number: { flex: '0 0 48px', color: tokens.colorNeutralForeground3 },
  cell: { flex: `0 0 ${CELL_WIDTH}px`, minWidth: 0 },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  excluded: { color: tokens.colorNeutralForeground4, textDecorationLine: 'line-through' },
});

export function RecipientGrid(props: {
  list: RecipientList;
  /** The address column, shown first. */
  emailColumn: string | null;
  /** Rows left out by hand (spreadsheet numbers). */
  excluded: ReadonlySet<number>;
  /** A follow-up's rows outside it: shown, not sent, their box disabled. */
  outside: ReadonlySet<number> | null;
  onToggle: (row: number) => void;
  onSetIncluded: (rows: readonly number[], included: boolean) => void;
}) {
  const { list, excluded, outside } = props;
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  // Typing stays smooth on a long list: the search follows the box when React has time.
  const search = useDeferredValue(query);
  const searching = search.trim() !== '';
  // The cells are prepared for searching once the sender searches, not for every list they open,
  // and in slices: at 100,000 rows that takes a second or more, which must not freeze the pane.
  const [index, setIndex] = useState<{ list: RecipientList; rows: string[] } | null>(null);
  const wanted = searching && index?.list !== list;
  useEffect(() => {
    if (!wanted) return;
    const abort = new AbortController();
    searchIndexInSlices(list.rows, list.columns, { signal: abort.signal }).then(
      (rows) => setIndex({ list, rows }),
      () => undefined,
    );
    return () => abort.abort();
  }, [wanted, list]);
  const ready = index?.list === list ? index.rows : null;
  /** The search is typed but the index is still being made: every row stays shown meanwhile. */
  const preparing = searching && ready === null;
  // The rows found by the search; null while every row is shown (no array of 100,000 numbers made for that).
  const found = useMemo(() => (searching && ready ? matchingRows(ready, search) : null), [ready, searching, search]);
  const shownCount = found ? found.length : list.rows.length;
  const shownRow = (index: number) => (found ? found[index]! : index + FIRST_DATA_ROW);
  const columns = useMemo(
    () =>
      props.emailColumn ? [props.emailColumn, ...list.columns.filter((c) => c !== props.emailColumn)] : list.columns,
    [list, props.emailColumn],
  );
  const width = 64 + 48 + CELL_WIDTH * columns.length;

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shownCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // The scroller's height is known: no layout forced to read it as the grid mounts.
    initialRect: { width: 0, height: VIEWPORT_HEIGHT },
    observeElementRect: observeRectAfterLayout,
  });
  const total = list.rows.length;
  const notSent = useMemo(() => {
    if (!outside) return excluded.size;
    let alsoByHand = 0;
    for (const row of excluded) if (!outside.has(row)) alsoByHand++;
    return outside.size + alsoByHand;
  }, [excluded, outside]);

  return (
    <section aria-labelledby="recipient-grid" className={mergeClasses(layout.topM, layout.stackS)}>
      <Text as="h3" id="recipient-grid" weight="semibold" size={300} className={layout.flush}>
        {t('grid.title')}
      </Text>
      <Field label={t('grid.search')} hint={t('grid.searchHint')}>
        <Input type="search" value={query} onChange={(_, data) => setQuery(data.value)} data-testid="grid-search" />
      </Field>
      <Caption1 aria-live="polite" data-testid="grid-count">
        {preparing
          ? `${t('grid.preparing')} `
          : searching
            ? `${t('grid.matching', { count: shownCount, query: search.trim() })} `
            : ''}
        {t('grid.count', { included: total - notSent, total })}
      </Caption1>
      {found && found.length > 0 && (
        <div className={layout.rowWrap}>
          <Button size="small" onClick={() => props.onSetIncluded(found, true)} data-testid="grid-include-shown">
            {t('grid.includeShown', { count: found.length })}
          </Button>
          <Button size="small" onClick={() => props.onSetIncluded(found, false)} data-testid="grid-exclude-shown">
            {t('grid.excludeShown', { count: found.length })}
          </Button>
        </div>
      )}
      {shownCount > 0 && (
        <div
          ref={scroller}
          tabIndex={0}
          role="region"
          aria-label={t('grid.table')}
          className={styles.scroller}
          data-testid="grid-scroller"
        >
          <Table
            noNativeElements
            size="extra-small"
            aria-label={t('grid.table')}
            aria-rowcount={shownCount + 1}
            // eslint-disable-next-line no-restricted-syntax -- the table's width follows the list's columns
            style={{ width }}
            data-testid="recipient-grid"
          >
            <TableHeader className={styles.header}>
              <TableRow aria-rowindex={1} className={styles.headerRow}>
                <TableHeaderCell className={styles.pick}>{t('grid.send')}</TableHeaderCell>
                <TableHeaderCell className={styles.number}>{t('grid.row')}</TableHeaderCell>
                {columns.map((column) => (
                  <TableHeaderCell key={column} className={styles.cell}>
                    <span className={styles.text} title={column}>
                      {column}
                    </span>
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            {/* eslint-disable-next-line no-restricted-syntax -- the virtualiser's total height */}
            <TableBody className={styles.body} style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = shownRow(item.index);
                const data = list.rows[row - FIRST_DATA_ROW]!;
                const notInPart = outside?.has(row) ?? false;
                const out = notInPart || excluded.has(row);
                return (
                  <TableRow
                    key={row}
                    aria-rowindex={item.index + 2}
                    className={styles.row}
                    // eslint-disable-next-line no-restricted-syntax -- the virtualiser's offset and the list's width
                    style={{ transform: `translateY(${item.start}px)`, width }}
                    data-testid="grid-row"
                  >
                    <TableCell className={styles.pick}>
                      <Checkbox
                        checked={!out}
                        disabled={notInPart}
                        onChange={() => props.onToggle(row)}
                        aria-label={t(notInPart ? 'grid.outsideFollowUp' : 'grid.include', { row })}
                        data-testid={`grid-include-${row}`}
                      />
                    </TableCell>
                    <TableCell className={styles.number}>{row}</TableCell>
                    {columns.map((column) => (
                      <TableCell key={column} className={styles.cell}>
                        <span className={mergeClasses(styles.text, out && styles.excluded)} title={data[column] ?? ''}>
                          {data[column] ?? ''}
                        </span>
                      </TableCell>
                    ))}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
