/**
 * Seats that follow Microsoft 365 groups (issue 17), in the subscription's Seats tab: the linked
 * groups with what the last read found, the last sync and its result, "Sync now", the members
 * waiting for a seat with how many seats to buy, and a searchable picker of the organisation's own
 * groups. When the tenant's administrator has not granted (or withdrew) the application
 * permissions, it says so and gives the admin-consent link. Linking, unlinking and syncing are for
 * the owner and delegates with assign; everyone who sees seats sees the rest.
 */
import {
  Badge,
  Button,
  Caption1,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  TableCell,
  Text,
  makeStyles,
  mergeClasses,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import type { GroupSyncResult } from '#shared/api/groupViews.js';
import { message } from '#shared/i18n/message.js';
import { formatDateTime, type MessageKey } from '#shared/i18n/translate.js';
import { ApiRequestError } from '../api/apiClient.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Feedback } from '../components/Feedback.js';
import { useLayout } from '../components/layout.js';
import { CellLines, ListTable } from '../components/ListTable.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { errorText } from './errorText.js';
import { useAsyncAction } from './useAsyncAction.js';
import type { DirectoryGroupView, GroupSyncView, PortalApi, SubscriptionSummary } from './usePortalApi.js';

const useStyles = makeStyles({
  section: { maxWidth: '860px' },
  waiting: { maxHeight: '200px', overflow: 'auto' },
});

type LinkedGroup = GroupSyncView['groups'][number];

export function GroupsSection({
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
  const manage = subscription.actions.includes('groups.manage');
  const state = useAsyncAction(
    useCallback(() => api.groups(subscription.id), [api, subscription.id]),
    { role: subscription.role },
  );
  const view = state.data;
  const busy = state.busyKey;
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ text: string; groups: DirectoryGroupView[] } | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<{ message: string; consent: boolean } | null>(null);
  const [unlinking, setUnlinking] = useState<LinkedGroup | null>(null);

  const when = (iso: string) => formatDateTime(Date.parse(iso), locale);
  const resultText = (result: GroupSyncResult) => t(`groups.result.${result}` as MessageKey);
  /** After a change the seats changed too: the page reads them again. */
  const changed = <R,>(result: R) => {
    onChanged();
    return result;
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setSearching(true);
    setSearchError(null);
    try {
      setFound({ text: text.trim(), groups: (await api.searchGroups(subscription.id, text.trim())).groups });
    } catch (e) {
      setFound(null);
      setSearchError({
        message: errorText(e, t, subscription.role),
        consent: e instanceof ApiRequestError && e.code === 'GROUP_CONSENT_MISSING',
      });
    } finally {
      setSearching(false);
    }
  };
  const link = (group: DirectoryGroupView) =>
    void state.run(async () => changed(await api.linkGroup(subscription.id, group.id, locale)), {
      key: `link:${group.id}`,
      notice: (linked) => {
        setFound(
          (current) =>
            current && {
              ...current,
              groups: current.groups.map((g) => (g.id === group.id ? { ...g, linked: true } : g)),
            },
        );
        return message('groups.linkedNotice', { name: group.displayName, added: linked.lastSync?.added ?? 0 });
      },
    });
  const unlink = (group: LinkedGroup) => {
    setUnlinking(null);
    void state.run(async () => changed(await api.unlinkGroup(subscription.id, group.id)), {
      key: `unlink:${group.id}`,
      notice: message('groups.unlinkedNotice', { name: group.displayName }),
    });
  };
  const syncNow = () =>
    void state.run(async () => changed(await api.syncGroups(subscription.id)), {
      key: 'sync',
      notice: (synced) =>
        synced.lastSync?.result === 'ok'
          ? message('groups.syncedNotice', { added: synced.lastSync.added, removed: synced.lastSync.removed })
          : null,
    });

  // The tenant's administrator has to grant the application permissions first (or again).
  const consentNeeded = view !== null && (view.lastSync?.result === 'consent_missing' || searchError?.consent === true);

  return (
    <section
      className={mergeClasses(layout.stackM, styles.section)}
      aria-labelledby="groups-heading"
      data-testid="groups-section"
    >
      <Subtitle2 id="groups-heading">{t('groups.title')}</Subtitle2>
      <Caption1>{t('groups.explain')}</Caption1>
      <Feedback error={state.error} notice={state.notice} testId="groups" />
      {consentNeeded && view && (
        <MessageBar intent="warning" layout="multiline" data-testid="groups-consent">
          <MessageBarBody className={layout.stackXS}>
            <MessageBarTitle>{t('groups.consentTitle')}</MessageBarTitle>
            <Text>{t('groups.consentExplain')}</Text>
            <Link href={view.consentUrl} data-testid="groups-consent-link">
              {t('groups.consentLink')}
            </Link>
          </MessageBarBody>
        </MessageBar>
      )}
      {view && (
        <>
          <div className={layout.rowCenter}>
            <Text data-testid="groups-last-sync">
              {view.running
                ? t('groups.running')
                : view.lastSync
                  ? `${t('groups.lastSync', { when: when(view.lastSync.at), result: resultText(view.lastSync.result) })}${view.lastSync.result === 'ok' ? ` (${t('groups.changes', { added: view.lastSync.added, removed: view.lastSync.removed })})` : ''}`
                  : t('groups.neverSynced')}
            </Text>
            {manage && view.groups.length > 0 && (
              <Button size="small" onClick={syncNow} disabled={busy !== null} data-testid="groups-sync">
                {busy === 'sync' ? t('groups.syncing') : t('groups.syncNow')}
              </Button>
            )}
          </div>
          {view.groups.length === 0 ? (
            <Caption1 data-testid="groups-none">{t('groups.none')}</Caption1>
          ) : (
            <ListTable
              label={t('groups.title')}
              testId="groups-table"
              columns={[
                t('groups.name'),
                t('groups.kind'),
                t('groups.membersColumn'),
                t('groups.lastRead'),
                manage && t('seats.actions'),
              ]}
              items={view.groups}
              rowKey={(g) => g.id}
              rowTestId={(g) => `group-row-${g.groupId}`}
              row={(g) => (
                <>
                  <TableCell>{g.displayName}</TableCell>
                  <TableCell>{t(`groups.kind.${g.kind}` as MessageKey)}</TableCell>
                  <TableCell>{t('groups.memberCount', { count: g.members })}</TableCell>
                  <TableCell>
                    <CellLines
                      text={g.lastReadAt ? when(g.lastReadAt) : t('groups.neverSynced')}
                      detail={g.readError ? t('groups.readError', { result: resultText(g.readError) }) : null}
                    />
                  </TableCell>
                  {manage && (
                    <TableCell>
                      <Button
                        size="small"
                        appearance="subtle"
                        disabled={busy !== null}
                        onClick={() => setUnlinking(g)}
                        aria-label={t('groups.unlinkLabel', { name: g.displayName })}
                        data-testid="group-unlink"
                      >
                        {t('groups.unlink')}
                      </Button>
                    </TableCell>
                  )}
                </>
              )}
            />
          )}
          {view.waitingTotal > 0 && (
            <section aria-labelledby="groups-waiting-heading" className={layout.stackXS} data-testid="groups-waiting">
              <Text id="groups-waiting-heading" weight="semibold">
                {t('groups.waitingTitle')}
              </Text>
              <Text data-testid="groups-waiting-explain">
                {t('groups.waitingExplain', { count: view.waitingTotal, buy: view.seatsToBuy })}
              </Text>
              <ul
                className={mergeClasses(layout.list, styles.waiting)}
                tabIndex={0}
                aria-label={t('groups.waitingTitle')}
              >
                {view.waiting.map((w) => (
                  <li key={w.email}>
                    {w.name ? `${w.name} <${w.email}>` : w.email} · {t('groups.waitingSince', { when: when(w.since) })}
                  </li>
                ))}
              </ul>
              {view.waitingTotal > view.waiting.length && (
                <Caption1>{t('groups.waitingMore', { count: view.waitingTotal - view.waiting.length })}</Caption1>
              )}
            </section>
          )}
          {view.guests > 0 && (
            <Caption1 data-testid="groups-guests">{t('groups.guests', { count: view.guests })}</Caption1>
          )}
        </>
      )}
      {manage ? (
        <div className={layout.stackS}>
          <form
            onSubmit={(e) => void search(e)}
            className={mergeClasses(layout.fieldsRow, layout.narrow)}
            role="search"
            aria-label={t('groups.search')}
          >
            <Field label={t('groups.search')} hint={t('groups.searchHint')}>
              <Input
                type="search"
                value={text}
                onChange={(_, d) => setText(d.value)}
                data-testid="groups-search-input"
              />
            </Field>
            <Button type="submit" disabled={searching} data-testid="groups-search">
              {searching ? t('groups.searching') : t('groups.searchButton')}
            </Button>
          </form>
          {searchError && !searchError.consent && (
            <MessageBar intent="error">
              <MessageBarBody>{searchError.message}</MessageBarBody>
            </MessageBar>
          )}
          {found && found.groups.length === 0 && (
            <Caption1 aria-live="polite">{t('groups.noResults', { text: found.text })}</Caption1>
          )}
          {found && found.groups.length > 0 && (
            <ListTable
              label={t('groups.results')}
              testId="groups-results"
              columns={[t('groups.name'), t('groups.kind'), t('seats.actions')]}
              items={found.groups}
              rowKey={(g) => g.id}
              rowTestId={(g) => `group-result-${g.id}`}
              row={(g) => (
                <>
                  <TableCell>
                    <CellLines text={g.displayName} detail={g.description} />
                  </TableCell>
                  <TableCell>{t(`groups.kind.${g.kind}` as MessageKey)}</TableCell>
                  <TableCell>
                    {g.linked ? (
                      <Badge appearance="tint" color="success">
                        {t('groups.alreadyLinked')}
                      </Badge>
                    ) : g.linkable ? (
                      <Button
                        size="small"
                        appearance="primary"
                        disabled={busy !== null}
                        onClick={() => link(g)}
                        aria-label={t('groups.linkLabel', { name: g.displayName })}
                        data-testid="group-link"
                      >
                        {t('groups.link')}
                      </Button>
                    ) : (
                      <Caption1>{t('groups.notLinkable')}</Caption1>
                    )}
                  </TableCell>
                </>
              )}
            />
          )}
        </div>
      ) : (
        <Caption1>{t('groups.readOnly')}</Caption1>
      )}
      <ConfirmDialog
        question={
          unlinking && {
            title: t('groups.unlinkTitle', { name: unlinking.displayName }),
            text: t('groups.unlinkExplain'),
            confirm: t('groups.unlink'),
          }
        }
        onConfirm={() => unlinking && unlink(unlinking)}
        onCancel={() => setUnlinking(null)}
        confirmTestId="group-unlink-confirm"
      />
    </section>
  );
}
