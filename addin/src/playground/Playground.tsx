/**
 * The playground: a simulated Outlook compose window with the real task pane beside it. The
 * pane reads this window's subject and body through PlaygroundMailHost, exactly as it reads a
 * draft through Office.js in Outlook.
 */
import { Button, Caption1, Card, Field, Input, Text, Title3 } from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Locale } from '../../../shared/src/i18n/translate.js';
import type { ClientConfig } from '../api/apiClient.js';
import { AppShell, usePageLocale } from '../components/AppShell.js';
import { LanguagePicker } from '../components/LanguagePicker.js';
import { PlaygroundMailHost, type PlaygroundAttachment } from '../host/playgroundMailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LicenseClient } from '../license/licenseClient.js';
import { browserStore } from '../storage/keyValueStore.js';
import { TaskPaneApp } from '../taskpane/TaskPaneApp.js';

const SAMPLE_SUBJECT = 'Your invitation, {{FirstName}}';
const SAMPLE_BODY = '<p>Hello {{FirstName}},</p><p>We would be glad to see you and the {{Company | whole}} team at our open day on 12 March.</p><p>Best regards,<br>Anna</p>';

export function Playground({ config }: { config: ClientConfig }) {
  const [locale, setLocale] = usePageLocale();
  return (
    <AppShell locale={locale}>
      <PlaygroundLayout config={config} locale={locale} onLocale={setLocale} />
    </AppShell>
  );
}

function PlaygroundLayout({ config, locale, onLocale }: { config: ClientConfig; locale: Locale; onLocale: (locale: Locale) => void }) {
  const { t } = useI18n();
  // Outlook keeps a draft when the pane reloads; so does the playground, for this browser tab.
  const saved = useMemo(() => loadSavedDraft(), []);
  const [subject, setSubject] = useState(saved?.subject ?? SAMPLE_SUBJECT);
  const [attachments, setAttachments] = useState<PlaygroundAttachment[]>(saved?.attachments ?? []);
  const body = useRef<HTMLDivElement>(null);
  const state = useRef({ subject, locale, attachments });
  state.current = { subject, locale, attachments };
  const compose = () => {
    const draft = { subject: state.current.subject, bodyHtml: body.current?.innerHTML ?? '', attachments: state.current.attachments };
    saveDraft(draft);
    return draft;
  };
  useEffect(() => saveDraft({ subject, bodyHtml: body.current?.innerHTML ?? '', attachments }), [subject, attachments]);

  const attach = async (files: FileList) => {
    const added = await Promise.all(
      [...files].map(async (file) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return { id: crypto.randomUUID(), name: file.name, size: file.size, contentType: file.type || 'application/octet-stream', isInline: false, contentBytes: btoa(binary) };
      }),
    );
    setAttachments((current) => [...current, ...added]);
  };
  const host = useMemo(
    () =>
      new PlaygroundMailHost(
        compose,
        () => state.current.locale,
        () => null,
      ),
    [],
  );
  const licenseClient = useMemo(() => new LicenseClient({ issuer: config.licenseIssuer, maxTokenAgeSeconds: config.licenseTokenTtlSeconds }, browserStore()), [config]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '8px 16px', background: '#0f6cbd', color: '#fff' }}>
        <Title3 as="h1" style={{ color: '#fff' }}>
          {t('playground.title')}
        </Title3>
        <span style={{ background: '#fff', borderRadius: 4, padding: '2px 8px', color: '#242424' }}>
          <LanguagePicker value={locale} onChange={onLocale} label={t('playground.outlookLanguage')} />
        </span>
      </header>
      <div style={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <section aria-label={t('playground.compose')} style={{ flex: 1, padding: 16, overflow: 'auto', background: '#f5f5f5' }}>
          <Caption1 block style={{ marginBottom: 8 }}>
            {t('playground.explain')}
          </Caption1>
          <Card style={{ padding: 16, display: 'flex', flexDirection: 'column', gap: 12 }}>
            <Text weight="semibold">{t('playground.compose')}</Text>
            <Field label={t('playground.subject')}>
              <Input value={subject} onChange={(_, data) => setSubject(data.value)} data-testid="compose-subject" />
            </Field>
            <Field label={t('playground.body')}>
              <div
                ref={body}
                role="textbox"
                aria-multiline="true"
                aria-label={t('playground.body')}
                contentEditable
                suppressContentEditableWarning
                data-testid="compose-body"
                style={{ minHeight: 240, border: '1px solid #d1d1d1', borderRadius: 4, padding: 12, background: '#fff', fontFamily: 'Segoe UI, Arial, sans-serif', fontSize: 14 }}
                onInput={() => void compose()}
                dangerouslySetInnerHTML={{ __html: saved?.bodyHtml ?? SAMPLE_BODY }}
              />
            </Field>
            <Field label={t('playground.attachments')}>
              <input type="file" multiple data-testid="compose-attach" onChange={(event) => event.target.files && void attach(event.target.files)} />
            </Field>
            {attachments.length > 0 && (
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <Caption1 data-testid="compose-attachments">{attachments.map((a) => `${a.name} (${Math.ceil(a.size / 1024)} KB)`).join(', ')}</Caption1>
                <Button size="small" appearance="subtle" onClick={() => setAttachments([])} data-testid="compose-remove-attachments">
                  {t('playground.removeAttachments')}
                </Button>
              </div>
            )}
          </Card>
        </section>
        <aside aria-label={t('playground.pane')} style={{ width: 360, borderLeft: '1px solid #d1d1d1', overflow: 'auto', background: '#fff' }} data-testid="task-pane">
          <TaskPaneApp host={host} config={config} licenseClient={licenseClient} />
        </aside>
      </div>
    </div>
  );
}

interface SavedDraft {
  subject: string;
  bodyHtml: string;
  attachments: PlaygroundAttachment[];
}

const DRAFT_KEY = 'outmerge.playground.draft';

function loadSavedDraft(): SavedDraft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    return raw ? (JSON.parse(raw) as SavedDraft) : null;
  } catch {
    return null;
  }
}

function saveDraft(draft: SavedDraft): void {
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Over the storage quota (large attachments): keep the text at least.
    try {
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, attachments: [] }));
    } catch {
      /* storage unavailable: the draft lives until the page reloads */
    }
  }
}
