import {
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  ProgressBar,
  Text,
  mergeClasses,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TemplateProblem } from '#shared/merge/mergeTemplate.js';
import { withPicturesShown } from '../campaign/inlineImages.js';
import type { OutgoingMessage } from '../campaign/outgoingMessage.js';
import type { CampaignPlan } from '../campaign/planCampaign.js';
import { MessageFrame } from '../components/MessageFrame.js';
import type { Draft } from '../host/mailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { saveCsv } from '../browser/saveFile.js';
import { describeFinding, describeProblem } from '../campaign/describe.js';
import { findingsCsvInSlices } from '../campaign/reportCsv.js';
import { DraftNotices } from './DraftNotices.js';
import { Pager, usePages } from './Pager.js';
import { StepHeading } from './StepHeading.js';
import { useLayout } from '../components/layout.js';
import type { Checking } from './useCampaignPlan.js';

/** Findings shown at a time; all of them can be paged through and exported. */
const FINDINGS_PAGE = 20;

export function PreviewStep(props: {
  draft: Draft | null;
  /** The draft's inline pictures by content id, as data URLs, for the preview only. */
  pictures: ReadonlyMap<string, string>;
  problems: TemplateProblem[];
  plan: CampaignPlan | null;
  /** The check of the list under way, if it is. */
  checking: Checking | null;
  /** The previewed row's message (rendered for it alone). */
  previewed: OutgoingMessage | null;
  index: number;
  onIndex: (index: number) => void;
  footer: boolean;
  onTestSend: (() => void) | null;
  testResult: { ok: boolean; text: string } | null;
  /** Where the test goes: the sender's own address until they type another. */
  testTo: string;
  onTestTo: (address: string) => void;
  /** Why the typed address cannot take the test; null when it can. */
  testToError: string | null;
  /** Leaves a row out of the campaign, or takes it back in. */
  onToggleRow: (row: number) => void;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const { problems, plan, index, onIndex, footer, checking } = props;
  const total = plan?.messages.length ?? 0;
  const current = props.previewed;
  const findings = plan?.findings ?? [];
  const pages = usePages(findings, FINDINGS_PAGE);
  const [exporting, setExporting] = useState(false);
  const exportFindings = async () => {
    setExporting(true);
    try {
      saveCsv('outmerge-checks.csv', await findingsCsvInSlices(findings, t));
    } finally {
      setExporting(false);
    }
  };
  return (
    <section aria-labelledby="step-preview">
      <StepHeading id="step-preview" title={t('preview.title')} />
      {checking && (
        <div className={layout.bottomXS} data-testid="checking">
          <Text size={200} aria-live="polite">
            {t('preview.checking', { done: checking.done, total: checking.total })}
          </Text>
          <ProgressBar
            value={checking.total === 0 ? 1 : checking.done / checking.total}
            aria-label={t('preview.checking', { done: checking.done, total: checking.total })}
          />
        </div>
      )}
      <div role="region" aria-label={t('problems.title')} data-testid="findings">
        {problems.map((problem, i) => (
          <MessageBar key={`p${i}`} intent="error" className={layout.bottomXS}>
            <MessageBarBody>{describeProblem(problem, t)}</MessageBarBody>
          </MessageBar>
        ))}
        <DraftNotices draft={props.draft} />
        {pages.shown.map((finding, i) => (
          <MessageBar
            key={`f${pages.first + i}`}
            intent={finding.kind === 'excluded_by_sender' ? 'info' : 'warning'}
            className={layout.bottomXS}
          >
            <MessageBarBody>{describeFinding(finding, t)}</MessageBarBody>
            {/* Rows that would go out can be left out; rows left out by hand can come back. */}
            {(finding.kind === 'empty_fields' || finding.kind === 'excluded_by_sender') && (
              <MessageBarActions>
                <Button
                  size="small"
                  onClick={() => props.onToggleRow(finding.row)}
                  data-testid={`toggle-row-${finding.row}`}
                >
                  {t(finding.kind === 'excluded_by_sender' ? 'problems.include' : 'problems.exclude', {
                    row: finding.row,
                  })}
                </Button>
              </MessageBarActions>
            )}
          </MessageBar>
        ))}
        <Pager
          page={pages.page}
          pages={pages.pages}
          total={findings.length}
          first={pages.first}
          shownCount={pages.shown.length}
          onPage={pages.setPage}
          label={t('problems.title')}
          testId="findings-pages"
        />
        {findings.length > 0 && (
          <Button
            size="small"
            appearance="subtle"
            disabled={exporting}
            onClick={() => void exportFindings()}
            data-testid="findings-export"
          >
            {t('problems.export')}
          </Button>
        )}
        {plan && !checking && problems.length === 0 && findings.length === 0 && (
          <Caption1>{t('problems.none')}</Caption1>
        )}
      </div>
      {current && (
        <div className={mergeClasses(layout.stackSNudge, layout.topS)}>
          <div className={layout.spread}>
            <Button size="small" disabled={index <= 0} onClick={() => onIndex(index - 1)}>
              {t('common.previous')}
            </Button>
            <Text size={200} aria-live="polite" data-testid="preview-position">
              {t('preview.position', { index: index + 1, total })}
            </Text>
            <Button size="small" disabled={index >= total - 1} onClick={() => onIndex(index + 1)}>
              {t('common.next')}
            </Button>
          </div>
          <Text size={200}>
            <strong>{t('common.label', { label: t('preview.to') })}</strong>{' '}
            <span data-testid="preview-to">{current.to}</span>
          </Text>
          <Text size={200}>
            <strong>{t('common.label', { label: t('preview.subject') })}</strong>{' '}
            <span data-testid="preview-subject">{current.subject}</span>
          </Text>
          <MessageFrame
            html={withPicturesShown(current.html, props.pictures)}
            title={t('preview.frameTitle', { address: current.to })}
          />
          {current.cc.length > 0 && (
            <Text size={200}>
              <strong>{t('common.label', { label: t('mailbox.cc') })}</strong> {current.cc.join(', ')}
            </Text>
          )}
          {current.attachments.length > 0 && (
            <Text size={200} data-testid="preview-attachments">
              <strong>{t('common.label', { label: t('preview.attachments') })}</strong> {current.attachments.join(', ')}
            </Text>
          )}
          {footer && <Caption1>{t('preview.footerNote')}</Caption1>}
          {props.onTestSend && <Caption1>{t('preview.testCarries')}</Caption1>}
          {props.onTestSend && (
            <Field
              label={t('preview.testTo')}
              hint={props.testToError ? undefined : t('preview.testToHint')}
              validationMessage={props.testToError ?? undefined}
            >
              <Input
                type="email"
                value={props.testTo}
                onChange={(_, data) => props.onTestTo(data.value)}
                data-testid="test-to"
              />
            </Field>
          )}
          <div className={layout.rowWrap}>
            {props.onTestSend && (
              <Button
                size="small"
                disabled={checking !== null || props.testToError !== null}
                onClick={props.onTestSend}
                data-testid="test-send"
              >
                {t('preview.testSend')}
              </Button>
            )}
            <Button
              size="small"
              appearance="subtle"
              onClick={() => props.onToggleRow(current.row)}
              data-testid="exclude-current"
            >
              {t('preview.exclude')}
            </Button>
          </div>
          {props.testResult && (
            <MessageBar intent={props.testResult.ok ? 'success' : 'error'}>
              <MessageBarBody data-testid="test-result">{props.testResult.text}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
    </section>
  );
}
