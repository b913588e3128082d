/**
 * Long lists in the pane (pre-flight findings, the report) in pages: every item can be reached,
 * only a page of them is in the DOM, and the position is announced ("21–40 of 230").
 */
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';

/** Pages over `total` items that are made when shown (the report's lines): which page, and its first item. */
export function usePageRange(total: number, size: number) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(total / size));
  // The list can shrink (a row taken back in, a retry): stay on a page that exists.
  useEffect(() => setPage((p) => Math.min(p, pages - 1)), [pages]);
  const current = Math.min(page, pages - 1);
  return { page: current, pages, setPage, first: current * size, size };
}

export function usePages<T>(items: readonly T[], size: number) {
  const range = usePageRange(items.length, size);
  return { ...range, shown: items.slice(range.first, range.first + size) };
}

const useStyles = makeStyles({
  pager: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    margin: `${tokens.spacingVerticalXS} 0`,
  },
});

export function Pager(props: {
  page: number;
  pages: number;
  total: number;
  first: number;
  shownCount: number;
  onPage: (page: number) => void;
  label: string;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const styles = useStyles();
  const { page, pages, total, first, shownCount, onPage } = props;
  if (pages <= 1) return null;
  const number = new Intl.NumberFormat(locale);
  return (
    <nav aria-label={t('pager.label', { list: props.label })} className={styles.pager} data-testid={props.testId}>
      <Button size="small" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        {t('common.previous')}
      </Button>
      <Text size={200} aria-live="polite">
        {t('pager.range', {
          from: number.format(first + 1),
          to: number.format(first + shownCount),
          total: number.format(total),
        })}
      </Text>
      <Button size="small" disabled={page >= pages - 1} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </Button>
    </nav>
  );
}
