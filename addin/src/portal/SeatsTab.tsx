/**
 * Seats (A2–A4) at 10,000 users: a virtualised table (only the rows in view are in the DOM,
 * @tanstack/react-virtual) over a windowed fetch (blocks of 100 seats, asked for as they scroll
 * into view, searched and sorted by the server); assign one or many (paste or CSV, sent 500 per
 * request with a progress bar and a result per address), transfer, suspend, remove (after
 * confirming), export.
 */
import { message, type Message } from '#shared/i18n/message.js';
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { takesChanges } from '#shared/billing/subscriptionState.js';
import { formatDateTime, type MessageKey } from '#shared/i18n/translate.js';
import { describeListProblem } from '../campaign/describe.js';
import { RecipientListError } from '../campaign/recipientList.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Feedback } from '../components/Feedback.js';
import { useFocusWhenShown } from '../components/focus.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { addressesFromCsv, batches, splitPastedAddresses } from './emailList.js';
import { errorText } from './errorText.js';
import type { AssignmentResult, PortalApi, SeatItem, SeatSort, SubscriptionSummary } from './usePortalApi.js';
import { useLayout } from '../components/layout.js';

/** Seats per request of the windowed fetch. */
const BLOCK = 100;
/** Addresses per assignment request: progress moves once per batch. */
const BATCH_SIZE = 500;
const ROW_HEIGHT = 44;
const VIEWPORT_HEIGHT = 520;
/** Results listed one by one after a bulk assignment (the counts cover them all). */
const RESULTS_SHOWN = 500;

const useStyles = makeStyles({
  // The table's columns: rows are positioned by the virtualiser, so widths come from flex, not from the table layout.
  user: { flex: '3 1 0', minWidth: 0 },
  status: { flex: '2 1 0', minWidth: 0 },
  // Rows have a fixed height (the virtualiser's): a date stays on one line.
  checkIn: { flex: '2 1 0', minWidth: 0, whiteSpace: 'nowrap' },
  assigned: { flex: '2 1 0', minWidth: 0, whiteSpace: 'nowrap' },
  actions: { flex: '0 0 300px' },
  counts: { margin: `${tokens.spacingVerticalXS} 0` },
  results: { maxHeight: '160px', overflow: 'auto', margin: 0 },
  scroller: {
    overflow: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  table: { minWidth: '760px' },
  header: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  headerRow: { height: `${ROW_HEIGHT}px` },
  body: { position: 'relative' },
  /** A row where the virtualiser puts it (its offset is the only style left inline). */
  row: { position: 'absolute', top: 0, left: 0, right: 0, height: `${ROW_HEIGHT}px` },
  loading: { color: tokens.colorNeutralForeground3 },
  address: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

type Query = { search: string; sort: SeatSort; descending: boolean };

/**
 * The seats of one query, fetched block by block as rows scroll into view; `invalidate` refetches
 * the total and what is visible. A block right after one already read starts at that block's
 * cursor (the server seeks to it); a block reached by a jump of the scroll bar is asked for by offset.
 */
function useSeatWindow(api: PortalApi, subscriptionId: string, query: Query, onError: (e: unknown) => void) {
  const [total, setTotal] = useState<number | null>(null);
  const [blocks, setBlocks] = useState<ReadonlyMap<number, SeatItem[]>>(new Map());
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  /** Each block's `next`: where the block after it starts. */
  const cursors = useRef(new Map<number, string | null>());

  const fetchBlock = useCallback(
    (block: number) => {
      if (inFlight.current.has(block)) return;
      inFlight.current.add(block);
      const asked = generation.current;
      const after = cursors.current.get(block - 1);
      api
        .seats(subscriptionId, {
          search: query.search || undefined,
          sort: query.sort,
          order: query.descending ? 'desc' : 'asc',
          ...(after ? { after } : { offset: block * BLOCK }),
          limit: BLOCK,
        })
        .then(
          (page) => {
            if (asked !== generation.current) return;
            cursors.current.set(block, page.next);
            setTotal(page.total);
            setBlocks((previous) => new Map(previous).set(block, page.items));
          },
          (e: unknown) => asked === generation.current && onError(e),
        )
        .finally(() => asked === generation.current && inFlight.current.delete(block));
    },
    [api, subscriptionId, query.search, query.sort, query.descending, onError],
  );

  /** Forgets every block (answers still on their way are ignored) and asks again for the first, which also brings the new total. */
  const invalidate = useCallback(() => {
    generation.current++;
    inFlight.current = new Set();
    cursors.current = new Map();
    setBlocks(new Map());
    fetchBlock(0);
  }, [fetchBlock]);

  // A new query starts from its first block.
  useEffect(() => {
    setTotal(null);
    invalidate();
  }, [invalidate]);

  return { total, blocks, fetchBlock, invalidate };
}

export function SeatsTab({
  api,
  subscription,
  onChanged,
}: {
  api: PortalApi;
  subscription: SubscriptionSummary;
  onChanged: () => void;
}) {
  const { t, locale } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  const canAssign = subscription.actions.includes('seats.assign');
  const canSuspend = subscription.actions.includes('seats.suspend');
  const canRemove = subscription.actions.includes('seats.unassign');
  const hasActions = canAssign || canSuspend || canRemove;
  const [searchInput, setSearchInput] = useState('');
  const [query, setQuery] = useState<Query>({ search: '', sort: 'email', descending: false });
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<Message | null>(null);
  const [emails, setEmails] = useState('');
  const [progress, setProgress] = useState<{
    done: number;
    total: number;
    batches: number;
    batchesDone: number;
  } | null>(null);
  const [results, setResults] = useState<AssignmentResult[] | null>(null);
  /** Each assignment's results take the focus when they arrive (the Assign button stays where it was). */
  const [assignments, setAssignments] = useState(0);
  const resultsHeading = useFocusWhenShown<HTMLSpanElement>(results && String(assignments));
  const [transferFrom, setTransferFrom] = useState<string | null>(null);
  /** The seat whose removal waits for confirmation: it cannot be undone (the person is mailed and loses the license). */
  const [removing, setRemoving] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const showError = useCallback((e: unknown) => setError(errorText(e, t, subscription.role)), [t, subscription.role]);
  const { total, blocks, fetchBlock, invalidate } = useSeatWindow(api, subscription.id, query, showError);

  // Typing settles before the server is asked (one request per pause, not per key).
  useEffect(() => {
    const timer = setTimeout(
      () => setQuery((q) => (q.search === searchInput.trim() ? q : { ...q, search: searchInput.trim() })),
      250,
    );
    return () => clearTimeout(timer);
  }, [searchInput]);
  // A new query shows its first rows.
  useEffect(() => {
    // (Newer browsers return a promise from scrollTo: an effect must return nothing.)
    scroller.current?.scrollTo({ top: 0 });
  }, [query]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;
  // The blocks under the visible rows, once scrolling pauses briefly (dragging the scroll bar across 10,000 rows asks for the end, not everything in between).
  useEffect(() => {
    if (!total) return;
    const timer = setTimeout(() => {
      for (let block = Math.floor(first / BLOCK); block <= Math.floor(last / BLOCK); block++)
        if (!blocks.has(block)) fetchBlock(block);
    }, 60);
    return () => clearTimeout(timer);
  }, [first, last, total, blocks, fetchBlock]);

  const refresh = () => {
    invalidate();
    onChanged();
  };

  const assignAll = async (list: string[]) => {
    if (list.length === 0) return;
    setError(null);
    setNotice(null);
    setResults(null);
    const collected: AssignmentResult[] = [];
    const chunks = batches(list, BATCH_SIZE);
    setProgress({ done: 0, total: list.length, batches: chunks.length, batchesDone: 0 });
    try {
      for (const [index, batch] of chunks.entries()) {
        collected.push(...(await api.assign(subscription.id, batch, locale)).results);
        setProgress({ done: collected.length, total: list.length, batches: chunks.length, batchesDone: index + 1 });
      }
      setEmails(
        collected
          .filter((r) => r.result === 'invalid' || r.result === 'domain_not_approved' || r.result === 'no_seat_left')
          .map((r) => r.email)
          .join('\n'),
      );
    } catch (e) {
      setError(
        t('seats.bulkStopped', {
          done: collected.length,
          total: list.length,
          message: errorText(e, t, subscription.role),
        }),
      );
    } finally {
      setResults(collected);
      setAssignments((n) => n + 1);
      setProgress(null);
      refresh();
    }
  };

  const onPaste = (event: FormEvent) => {
    event.preventDefault();
    void assignAll(splitPastedAddresses(emails));
  };

  const onFile = async (chosen: File) => {
    try {
      void assignAll(addressesFromCsv(chosen.name, new Uint8Array(await chosen.arrayBuffer())));
    } catch (e) {
      setError(
        e instanceof RecipientListError &&
          (e.problem.code === 'NO_EMAIL_COLUMN' || e.problem.code === 'MOSTLY_INVALID_ADDRESSES')
          ? describeListProblem(e.problem, t)
          : errorText(e, t, subscription.role),
      );
    }
  };

  const act = async (work: () => Promise<unknown>, done: Message) => {
    setError(null);
    try {
      await work();
      setNotice(done);
      refresh();
    } catch (e) {
      setError(errorText(e, t, subscription.role));
    }
  };

  const sortBy = (sort: SeatSort) =>
    setQuery((q) =>
      q.sort === sort ? { ...q, descending: !q.descending } : { ...q, sort, descending: sort === 'lastCheckIn' },
    );
  const headerSort = (sort: SeatSort) => ({
    sortable: true,
    sortDirection:
      query.sort === sort ? (query.descending ? ('descending' as const) : ('ascending' as const)) : undefined,
    onClick: () => sortBy(sort),
  });

  // A seat whose welcome email was held back (the organisation's daily email limit) is told apart.
  const kindOf = (r: AssignmentResult) =>
    r.result === 'assigned' && r.welcomeEmail === 'daily_limit_reached' ? 'assigned_no_email' : r.result;
  const counts =
    results &&
    (['assigned', 'assigned_no_email', 'already_assigned', 'invalid', 'domain_not_approved', 'no_seat_left'] as const)
      .map((kind) => [kind, results.filter((r) => kindOf(r) === kind).length] as const)
      .filter(([, n]) => n > 0);
  // Problems first: they are what the administrator has to act on.
  const listed =
    results &&
    [...results.filter((r) => r.result !== 'assigned'), ...results.filter((r) => r.result === 'assigned')].slice(
      0,
      RESULTS_SHOWN,
    );
  const height = Math.min(VIEWPORT_HEIGHT, Math.max(1, total ?? 0) * ROW_HEIGHT);

  return (
    <section className={layout.stackM} aria-label={t('seats.title')}>
      <Feedback error={error} notice={notice} testId="seats" />
      {!takesChanges(subscription.status) && (
        <MessageBar intent="info">
          <MessageBarBody data-testid="seats-ended">
            {t(subscription.status === 'cancelled' ? 'seats.ended.cancelled' : 'seats.ended.expired')}
          </MessageBarBody>
        </MessageBar>
      )}
      {canAssign && (
        <form onSubmit={onPaste} className={mergeClasses(layout.stackS, layout.narrow)}>
          <Field label={t('seats.assignLabel')} hint={t('seats.assignHint')}>
            <Textarea
              value={emails}
              onChange={(_, data) => setEmails(data.value)}
              rows={3}
              data-testid="assign-emails"
            />
          </Field>
          <div className={layout.rowWrap}>
            <Button
              appearance="primary"
              type="submit"
              disabled={progress !== null || emails.trim() === ''}
              data-testid="assign"
            >
              {progress ? t('seats.assigning') : t('seats.assign')}
            </Button>
            <Button onClick={() => file.current?.click()} disabled={progress !== null}>
              {t('seats.uploadCsv')}
            </Button>
            <input
              ref={file}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              className={layout.hidden}
              aria-label={t('seats.uploadCsv')}
              data-testid="assign-file"
              onChange={(event) => {
                const chosen = event.target.files?.[0];
                if (chosen) void onFile(chosen);
                event.target.value = '';
              }}
            />
          </div>
          {progress && (
            <Field
              validationMessage={t('seats.progress', { done: progress.done, total: progress.total })}
              validationState="none"
            >
              <ProgressBar
                value={progress.batchesDone}
                max={progress.batches}
                aria-label={t('seats.progress', { done: progress.done, total: progress.total })}
                data-testid="assign-progress"
              />
            </Field>
          )}
        </form>
      )}
      {results && counts && (
        <section aria-labelledby="results-heading" data-testid="assignment-results">
          <Text id="results-heading" weight="semibold" ref={resultsHeading} tabIndex={-1}>
            {t('seats.resultsTitle')}
          </Text>
          <ul className={styles.counts}>
            {counts.map(([kind, n]) => (
              <li key={kind}>
                {t('seats.resultCount', { count: n, result: t(`seats.result.${kind}` as MessageKey) })}
              </li>
            ))}
          </ul>
          <ul className={styles.results} tabIndex={0} aria-label={t('seats.resultsTitle')}>
            {listed?.map((r, i) => (
              <li key={`${r.email}-${i}`}>
                {t('common.labelled', { label: r.email, value: t(`seats.result.${kindOf(r)}` as MessageKey) })}
              </li>
            ))}
          </ul>
          {results.length > RESULTS_SHOWN && (
            <Caption1>{t('seats.resultsMore', { shown: RESULTS_SHOWN, total: results.length })}</Caption1>
          )}
        </section>
      )}
      <div className={layout.fieldsRow}>
        <Field label={t('seats.search')}>
          <Input
            value={searchInput}
            type="search"
            data-testid="seat-search"
            onChange={(_, data) => setSearchInput(data.value)}
          />
        </Field>
        <Field label={t('seats.sortBy')}>
          <Select
            value={query.sort}
            onChange={(_, data) => setQuery((q) => ({ ...q, sort: data.value as SeatSort }))}
            data-testid="seat-sort"
          >
            <option value="email">{t('seats.user')}</option>
            <option value="status">{t('seats.status')}</option>
            <option value="lastCheckIn">{t('seats.lastCheckIn')}</option>
            <option value="assignedAt">{t('seats.assignedAt')}</option>
          </Select>
        </Field>
        <Button
          onClick={() => setQuery((q) => ({ ...q, descending: !q.descending }))}
          aria-label={query.descending ? t('seats.descending') : t('seats.ascending')}
          data-testid="seat-order"
        >
          {query.descending ? '↓' : '↑'}
        </Button>
        <Button
          onClick={() =>
            void api
              .exportSeats(subscription.id, locale)
              .catch((e: unknown) => setError(errorText(e, t, subscription.role)))
          }
        >
          {t('seats.export')}
        </Button>
      </div>
      <Caption1 aria-live="polite" data-testid="seat-count">
        {total === null
          ? t('common.loading')
          : query.search
            ? t('seats.matchCount', { total, search: query.search })
            : t('seats.totalCount', { total })}
      </Caption1>
      {total === 0 ? (
        <Caption1 data-testid="seats-empty">
          {query.search ? t('seats.noMatch') : canAssign ? t('seats.empty') : t('seats.emptyReadOnly')}
        </Caption1>
      ) : (
        <div
          ref={scroller}
          tabIndex={0}
          role="region"
          aria-label={t('seats.scrollRegion')}
          data-testid="seats-scroller"
          className={styles.scroller}
          // The viewport's height follows the number of seats (up to a fixed maximum).
          // eslint-disable-next-line no-restricted-syntax -- computed at run time
          style={{ height: height + ROW_HEIGHT }}
        >
          <Table
            noNativeElements
            aria-label={t('seats.title')}
            aria-rowcount={(total ?? 0) + 1}
            data-testid="seats-table"
            size="small"
            className={styles.table}
          >
            <TableHeader className={styles.header}>
              <TableRow aria-rowindex={1} className={styles.headerRow}>
                <TableHeaderCell className={styles.user} {...headerSort('email')}>
                  {t('seats.user')}
                </TableHeaderCell>
                <TableHeaderCell className={styles.status} {...headerSort('status')}>
                  {t('seats.status')}
                </TableHeaderCell>
                <TableHeaderCell className={styles.checkIn} {...headerSort('lastCheckIn')}>
                  {t('seats.lastCheckIn')}
                </TableHeaderCell>
                <TableHeaderCell className={styles.assigned} {...headerSort('assignedAt')}>
                  {t('seats.assignedAt')}
                </TableHeaderCell>
                {hasActions && <TableHeaderCell className={styles.actions}>{t('seats.actions')}</TableHeaderCell>}
              </TableRow>
            </TableHeader>
            {/* eslint-disable-next-line no-restricted-syntax -- the virtualiser's total height */}
            <TableBody className={styles.body} style={{ height: virtualizer.getTotalSize() }}>
              {rows.map((row) => {
                const seat = blocks.get(Math.floor(row.index / BLOCK))?.[row.index % BLOCK];
                const offset = { transform: `translateY(${row.start}px)` };
                if (!seat)
                  return (
                    <TableRow
                      key={`loading-${row.index}`}
                      aria-rowindex={row.index + 2}
                      className={styles.row}
                      // eslint-disable-next-line no-restricted-syntax -- the virtualiser's offset
                      style={offset}
                      aria-busy="true"
                    >
                      <TableCell className={styles.user}>
                        <Caption1 className={styles.loading}>{t('common.loading')}</Caption1>
                      </TableCell>
                    </TableRow>
                  );
                return (
                  <TableRow
                    key={row.index}
                    aria-rowindex={row.index + 2}
                    className={styles.row}
                    // eslint-disable-next-line no-restricted-syntax -- the virtualiser's offset
                    style={offset}
                    data-testid="seat-row"
                  >
                    <TableCell className={styles.user}>
                      <span className={styles.address} title={seat.email}>
                        {seat.email}
                      </span>
                    </TableCell>
                    <TableCell className={styles.status}>
                      <span title={t(`seats.status.${seat.status}` as MessageKey)}>
                        {t(`paneAdmin.status.${seat.status}` as MessageKey)}
                      </span>
                    </TableCell>
                    <TableCell className={styles.checkIn}>
                      {seat.lastCheckInAt ? formatDateTime(Date.parse(seat.lastCheckInAt), locale) : t('seats.never')}
                    </TableCell>
                    <TableCell className={styles.assigned}>
                      {formatDateTime(Date.parse(seat.assignedAt), locale)}
                    </TableCell>
                    {hasActions && (
                      <TableCell className={styles.actions}>
                        {canAssign && (
                          <Button
                            size="small"
                            appearance="subtle"
                            onClick={() => setTransferFrom(seat.email)}
                            aria-label={t('seats.transferLabel', { email: seat.email })}
                          >
                            {t('seats.transfer')}
                          </Button>
                        )}
                        {canSuspend && seat.status !== 'expired' && (
                          <Button
                            size="small"
                            appearance="subtle"
                            aria-label={t(seat.status === 'suspended' ? 'seats.resumeLabel' : 'seats.suspendLabel', {
                              email: seat.email,
                            })}
                            onClick={() =>
                              void act(
                                () => api.setSuspended(subscription.id, seat.email, seat.status !== 'suspended'),
                                message(seat.status === 'suspended' ? 'seats.resumed' : 'seats.suspended', {
                                  email: seat.email,
                                }),
                              )
                            }
                          >
                            {seat.status === 'suspended' ? t('seats.resume') : t('seats.suspend')}
                          </Button>
                        )}
                        {canRemove && (
                          <Button
                            size="small"
                            appearance="subtle"
                            aria-label={t('seats.removeLabel', { email: seat.email })}
                            onClick={() => setRemoving(seat.email)}
                          >
                            {t('seats.remove')}
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {/* Mounted even when closed: unmounting an open Fluent dialog leaves aria-hidden on the page. */}
      <ConfirmDialog
        question={
          removing === null
            ? null
            : {
                title: t('seats.removeTitle', { email: removing }),
                text: t('seats.removeExplain', { email: removing }),
                confirm: t('seats.removeConfirm'),
              }
        }
        onConfirm={() => {
          if (removing === null) return;
          setRemoving(null);
          void act(() => api.unassign(subscription.id, removing), message('seats.removed', { email: removing }));
        }}
        onCancel={() => setRemoving(null)}
        confirmTestId="remove-seat-confirm"
      />
      <TransferDialog
        open={transferFrom !== null}
        from={transferFrom ?? ''}
        onCancel={() => setTransferFrom(null)}
        onTransfer={async (to) => {
          if (transferFrom === null) return null;
          const result = await api.transfer(subscription.id, transferFrom, to, locale);
          if (result.result !== 'assigned')
            return t('common.labelled', {
              label: result.email,
              value: t(`seats.result.${result.result}` as MessageKey),
            });
          setTransferFrom(null);
          setNotice(message('seats.transferred', { from: transferFrom, to: result.email }));
          refresh();
          return null;
        }}
      />
    </section>
  );
}

function TransferDialog({
  open,
  from,
  onCancel,
  onTransfer,
}: {
  open: boolean;
  from: string;
  onCancel: () => void;
  onTransfer: (to: string) => Promise<string | null>;
}) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>{open && <TransferForm from={from} onCancel={onCancel} onTransfer={onTransfer} />}</DialogSurface>
    </Dialog>
  );
}

function TransferForm({
  from,
  onCancel,
  onTransfer,
}: {
  from: string;
  onCancel: () => void;
  onTransfer: (to: string) => Promise<string | null>;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const [to, setTo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      setProblem(await onTransfer(to.trim()));
    } catch (e) {
      setProblem(errorText(e, t));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)}>
      <DialogBody>
        <DialogTitle>{t('seats.transferTitle', { email: from })}</DialogTitle>
        <DialogContent className={layout.stackS}>
          <Caption1>{t('seats.transferExplain')}</Caption1>
          <Field
            label={t('seats.transferTo')}
            validationState={problem ? 'error' : 'none'}
            validationMessage={problem ?? undefined}
          >
            <Input
              type="email"
              value={to}
              onChange={(_, data) => setTo(data.value)}
              autoFocus
              data-testid="transfer-to"
            />
          </Field>
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button appearance="primary" type="submit" disabled={busy || to.trim() === ''} data-testid="transfer-confirm">
            {t('seats.transfer')}
          </Button>
        </DialogActions>
      </DialogBody>
    </form>
  );
}
