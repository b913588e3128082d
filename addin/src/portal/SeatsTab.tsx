/** Seats (A2–A4): assign one or many (paste or CSV, with progress), search, sort, page, transfer, suspend, remove, export. */
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
} from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { formatDateTime, type MessageKey } from '../../../shared/src/i18n/translate.js';
import { RecipientListError } from '../campaign/readRecipients.js';
import { Feedback } from '../components/Feedback.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { addressesFromCsv, batches, splitPastedAddresses } from './emailList.js';
import { errorText } from './errorText.js';
import type { AssignmentResult, PortalApi, SeatItem, SeatSort, SubscriptionSummary } from './usePortalApi.js';

const PAGE_SIZE = 50;
const BATCH_SIZE = 500;

export function SeatsTab({ api, subscription, onChanged }: { api: PortalApi; subscription: SubscriptionSummary; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const canAssign = subscription.actions.includes('seats.assign');
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SeatSort>('email');
  const [descending, setDescending] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ total: number; items: SeatItem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [emails, setEmails] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<AssignmentResult[] | null>(null);
  const [transferFrom, setTransferFrom] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    api.seats(subscription.id, { search, sort, order: descending ? 'desc' : 'asc', offset, limit: PAGE_SIZE }).then(setPage, (e: unknown) => setError(errorText(e, t)));
  }, [api, subscription.id, search, sort, descending, offset, t]);
  useEffect(() => {
    const timer = setTimeout(load, 250);
    return () => clearTimeout(timer);
  }, [load]);

  const refresh = () => {
    load();
    onChanged();
  };

  const assignAll = async (list: string[]) => {
    if (list.length === 0) return;
    setError(null);
    setNotice(null);
    setResults(null);
    const collected: AssignmentResult[] = [];
    setProgress({ done: 0, total: list.length });
    try {
      for (const batch of batches(list, BATCH_SIZE)) {
        collected.push(...(await api.assign(subscription.id, batch, locale)).results);
        setProgress({ done: collected.length, total: list.length });
      }
      setEmails(collected.filter((r) => r.result === 'invalid' || r.result === 'domain_not_approved' || r.result === 'no_seat_left').map((r) => r.email).join('\n'));
    } catch (e) {
      setError(errorText(e, t));
    } finally {
      setResults(collected);
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
      setError(e instanceof RecipientListError && e.problem.code === 'NO_EMAIL_COLUMN' ? t('recipients.noEmailColumn', { file: chosen.name }) : errorText(e, t));
    }
  };

  const act = async (work: () => Promise<unknown>, message: string) => {
    setError(null);
    try {
      await work();
      setNotice(message);
      refresh();
    } catch (e) {
      setError(errorText(e, t));
    }
  };

  const counts = results && (['assigned', 'already_assigned', 'invalid', 'domain_not_approved', 'no_seat_left'] as const).map((kind) => [kind, results.filter((r) => r.result === kind).length] as const).filter(([, n]) => n > 0);

  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('seats.title')}>
      <Feedback error={error} notice={notice} testId="seats" />
      {canAssign && (
        <form onSubmit={onPaste} style={{ display: 'flex', flexDirection: 'column', gap: 8, maxWidth: 640 }}>
          <Field label={t('seats.assignLabel')} hint={t('seats.assignHint')}>
            <Textarea value={emails} onChange={(_, data) => setEmails(data.value)} rows={3} data-testid="assign-emails" />
          </Field>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button appearance="primary" type="submit" disabled={progress !== null || emails.trim() === ''} data-testid="assign">
              {progress ? t('seats.assigning') : t('seats.assign')}
            </Button>
            <Button onClick={() => file.current?.click()} disabled={progress !== null}>
              {t('seats.uploadCsv')}
            </Button>
            <input
              ref={file}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              style={{ display: 'none' }}
              aria-label={t('seats.uploadCsv')}
              data-testid="assign-file"
              onChange={(event) => {
                const chosen = event.target.files?.[0];
                if (chosen) void onFile(chosen);
                event.target.value = '';
              }}
            />
          </div>
          {progress && <ProgressBar value={progress.done / progress.total} aria-label={t('seats.progress', { done: progress.done, total: progress.total })} />}
          {progress && <Caption1>{t('seats.progress', { done: progress.done, total: progress.total })}</Caption1>}
        </form>
      )}
      {results && counts && (
        <section aria-labelledby="results-heading" data-testid="assignment-results">
          <Text id="results-heading" weight="semibold">
            {t('seats.resultsTitle')}
          </Text>
          <ul style={{ margin: '4px 0' }}>
            {counts.map(([kind, n]) => (
              <li key={kind}>{t('seats.resultCount', { count: n, result: t(`seats.result.${kind}` as MessageKey) })}</li>
            ))}
          </ul>
          <ul style={{ maxHeight: 160, overflow: 'auto', margin: 0 }}>
            {results.slice(0, 200).map((r, i) => (
              <li key={`${r.email}-${i}`}>
                {r.email}: {t(`seats.result.${r.result}` as MessageKey)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <Field label={t('seats.search')}>
          <Input
            value={search}
            type="search"
            data-testid="seat-search"
            onChange={(_, data) => {
              setSearch(data.value);
              setOffset(0);
            }}
          />
        </Field>
        <Field label={t('seats.sortBy')}>
          <Select value={sort} onChange={(_, data) => setSort(data.value as SeatSort)} data-testid="seat-sort">
            <option value="email">{t('seats.user')}</option>
            <option value="status">{t('seats.status')}</option>
            <option value="lastCheckIn">{t('seats.lastCheckIn')}</option>
            <option value="assignedAt">{t('seats.assignedAt')}</option>
          </Select>
        </Field>
        <Button onClick={() => setDescending((d) => !d)} aria-label={descending ? t('seats.descending') : t('seats.ascending')}>
          {descending ? '↓' : '↑'}
        </Button>
        <Button onClick={() => void api.exportSeats(subscription.id).catch((e: unknown) => setError(errorText(e, t)))}>{t('seats.export')}</Button>
      </div>
      {page && page.total === 0 ? (
        <Caption1>{search ? t('seats.noMatch') : t('seats.empty')}</Caption1>
      ) : (
        page && (
          <>
            <Table aria-label={t('seats.title')} data-testid="seats-table" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>{t('seats.user')}</TableHeaderCell>
                  <TableHeaderCell>{t('seats.status')}</TableHeaderCell>
                  <TableHeaderCell>{t('seats.lastCheckIn')}</TableHeaderCell>
                  {canAssign && <TableHeaderCell>{t('seats.actions')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {page.items.map((seat) => (
                  <TableRow key={seat.email}>
                    <TableCell>{seat.email}</TableCell>
                    <TableCell>{t(`seats.status.${seat.status}` as MessageKey)}</TableCell>
                    <TableCell>{seat.lastCheckInAt ? formatDateTime(Date.parse(seat.lastCheckInAt), locale) : t('seats.never')}</TableCell>
                    {canAssign && (
                      <TableCell>
                        <Button size="small" appearance="subtle" onClick={() => setTransferFrom(seat.email)} aria-label={t('seats.transferLabel', { email: seat.email })}>
                          {t('seats.transfer')}
                        </Button>
                        {seat.status !== 'expired' && (
                          <Button
                            size="small"
                            appearance="subtle"
                            aria-label={t(seat.status === 'suspended' ? 'seats.resumeLabel' : 'seats.suspendLabel', { email: seat.email })}
                            onClick={() => void act(() => api.setSuspended(subscription.id, seat.email, seat.status !== 'suspended'), t(seat.status === 'suspended' ? 'seats.resumed' : 'seats.suspended', { email: seat.email }))}
                          >
                            {seat.status === 'suspended' ? t('seats.resume') : t('seats.suspend')}
                          </Button>
                        )}
                        <Button size="small" appearance="subtle" aria-label={t('seats.removeLabel', { email: seat.email })} onClick={() => void act(() => api.unassign(subscription.id, seat.email), t('seats.removed', { email: seat.email }))}>
                          {t('seats.remove')}
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <Button size="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
                {t('common.previous')}
              </Button>
              <Caption1 aria-live="polite">{t('seats.pageInfo', { from: page.total === 0 ? 0 : offset + 1, to: offset + page.items.length, total: page.total })}</Caption1>
              <Button size="small" disabled={offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
                {t('common.next')}
              </Button>
            </div>
          </>
        )
      )}
      {/* Mounted even when closed: unmounting an open Fluent dialog leaves aria-hidden on the page. */}
      <TransferDialog
          open={transferFrom !== null}
          from={transferFrom ?? ''}
          onCancel={() => setTransferFrom(null)}
          onTransfer={async (to) => {
            if (transferFrom === null) return null;
            const result = await api.transfer(subscription.id, transferFrom, to, locale);
            if (result.result !== 'assigned') return `${result.email}: ${t(`seats.result.${result.result}` as MessageKey)}`;
            setTransferFrom(null);
            setNotice(t('seats.transferred', { from: transferFrom, to: result.email }));
            refresh();
            return null;
          }}
        />
    </section>
  );
}

function TransferDialog({ open, from, onCancel, onTransfer }: { open: boolean; from: string; onCancel: () => void; onTransfer: (to: string) => Promise<string | null> }) {
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onCancel()}>
      <DialogSurface>{open && <TransferForm from={from} onCancel={onCancel} onTransfer={onTransfer} />}</DialogSurface>
    </Dialog>
  );
}

function TransferForm({ from, onCancel, onTransfer }: { from: string; onCancel: () => void; onTransfer: (to: string) => Promise<string | null> }) {
  const { t } = useI18n();
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
            <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
              <Caption1>{t('seats.transferExplain')}</Caption1>
              <Field label={t('seats.transferTo')} validationState={problem ? 'error' : 'none'} validationMessage={problem ?? undefined}>
                <Input type="email" value={to} onChange={(_, data) => setTo(data.value)} autoFocus data-testid="transfer-to" />
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
