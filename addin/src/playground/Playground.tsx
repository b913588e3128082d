/**
 * The playground: a simulated Outlook compose window with the real task pane beside it. The
 * pane reads this window through PlaygroundMailHost, exactly as it reads a draft through
 * Office.js in Outlook: subject, body (pictures as `<img src="cid:…">` with inline attachments,
 * as Outlook gives them), attachments, and the From — which can be a shared mailbox. The window
 * can also play an older Outlook, to show what the pane does there.
 */
import {
  Button,
  Caption1,
  Card,
  Field,
  Input,
  Select,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState } from 'react';
import { formatFileSize, type Locale } from '#shared/i18n/translate.js';
import type { ClientConfig } from '../api/apiClient.js';
import { rememberedDevelopmentIdentity } from '../auth/developmentAuth.js';
import { decodedSize } from '../campaign/attachmentDelivery.js';
import { AppShell, usePageLocale } from '../components/AppShell.js';
import { LanguagePicker } from '../components/LanguagePicker.js';
import {
  PlaygroundMailHost,
  SIMULATED_REQUIREMENT_SETS,
  type PlaygroundAttachment,
  type PlaygroundCompose,
  type SimulatedRequirementSet,
} from '../host/playgroundMailHost.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { LicenseClient } from '../license/licenseClient.js';
import { browserStore } from '../storage/keyValueStore.js';
import { TaskPaneApp } from '../taskpane/TaskPaneApp.js';
import { SAMPLE_LOGO } from './sampleLogo.js';
import { useLayout } from '../components/layout.js';

const SAMPLE_SUBJECT = 'Your invitation, {{FirstName}}';
const SAMPLE_BODY = `<p>Hello {{FirstName}},</p><p>We would be glad to see you and the {{Company | whole}} team at our open day on 12 March.</p><p>Best regards,<br>Anna</p><p><img src="data:${SAMPLE_LOGO.contentType};base64,${SAMPLE_LOGO.contentBytes}" data-content-id="${SAMPLE_LOGO.contentId}" alt="Contoso" width="96" height="24"></p>`;
const SAMPLE_PICTURES: PlaygroundAttachment[] = [
  {
    id: 'sample-logo',
    name: SAMPLE_LOGO.name,
    size: decodedSize(SAMPLE_LOGO.contentBytes),
    contentType: SAMPLE_LOGO.contentType,
    isInline: true,
    contentId: SAMPLE_LOGO.contentId,
    contentBytes: SAMPLE_LOGO.contentBytes,
  },
];
/** Shared mailboxes the development Graph stand-in knows, offered in From (any address can be typed). */
const KNOWN_SHARED_MAILBOXES = ['team@contoso.com'];

export function Playground({ config }: { config: ClientConfig }) {
  const [locale, setLocale] = usePageLocale();
  return (
    <AppShell locale={locale}>
      <PlaygroundLayout config={config} locale={locale} onLocale={setLocale} />
    </AppShell>
  );
}

/** The body as Outlook gives it to add-ins: each picture refers to its inline attachment by `cid:`. */
function outlookBody(element: HTMLElement | null): { html: string; shown: Set<string> } {
  if (!element) return { html: '', shown: new Set() };
  // Rewritten in a template's inert content: an <img> of the page (even a detached copy) starts
  // loading as soon as its source is set, and the page's CSP refuses `cid:` (a violation each time).
  const copy = document.createElement('template');
  copy.innerHTML = element.innerHTML;
  const shown = new Set<string>();
  for (const image of copy.content.querySelectorAll<HTMLImageElement>('img[data-content-id]')) {
    const contentId = image.dataset.contentId ?? '';
    shown.add(contentId);
    image.setAttribute('src', `cid:${contentId}`);
    image.removeAttribute('data-content-id');
  }
  return { html: copy.innerHTML, shown };
}

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', height: '100vh' },
  /** Outlook's own bar, in its brand colour. */
  header: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { color: tokens.colorNeutralForegroundOnBrand },
  language: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    color: tokens.colorNeutralForeground1,
  },
  work: { display: 'flex', flex: 1, minHeight: 0 },
  compose: {
    flex: 1,
    padding: tokens.spacingHorizontalL,
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  explain: { marginBottom: tokens.spacingVerticalS },
  composeHeading: { gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  /** The message body as Outlook's compose window shows it (the sent message's own font). */
  body: {
    minHeight: '240px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    fontFamily: 'Segoe UI, Arial, sans-serif',
    fontSize: tokens.fontSizeBase300,
  },
  pane: {
    width: '360px',
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
  },
});

function PlaygroundLayout({
  config,
  locale,
  onLocale,
}: {
  config: ClientConfig;
  locale: Locale;
  onLocale: (locale: Locale) => void;
}) {
  const { t } = useI18n();
  const layout = useLayout();
  const styles = useStyles();
  // Outlook keeps a draft when the pane reloads; so does the playground, for this browser tab.
  const saved = useMemo(() => loadSavedDraft(), []);
  const [subject, setSubject] = useState(saved?.subject ?? SAMPLE_SUBJECT);
  const [files, setFiles] = useState<PlaygroundAttachment[]>(saved?.files ?? []);
  const [pictures, setPictures] = useState<PlaygroundAttachment[]>(saved?.pictures ?? SAMPLE_PICTURES);
  const [from, setFrom] = useState(saved?.from ?? '');
  const [version, setVersion] = useState<SimulatedRequirementSet>(saved?.version ?? '1.16');
  const body = useRef<HTMLDivElement>(null);
  const state = useRef({ subject, locale, files, pictures, from, version });
  state.current = { subject, locale, files, pictures, from, version };
  const persist = () => saveDraft({ ...state.current, bodyHtml: body.current?.innerHTML ?? '' });
  const compose = (): PlaygroundCompose => {
    saveDraft({ ...state.current, bodyHtml: body.current?.innerHTML ?? '' });
    const { html, shown } = outlookBody(body.current);
    // Outlook drops an inline attachment whose picture left the body.
    return {
      subject: state.current.subject,
      bodyHtml: html,
      attachments: [...state.current.files, ...state.current.pictures.filter((p) => shown.has(p.contentId ?? ''))],
      from: state.current.from.trim() || null,
    };
  };
  useEffect(persist, [subject, files, pictures, from, version]);

  // Outlook keeps the body's cursor while the user works in the pane; so does this window: the
  // last place the cursor was in the body, or none yet.
  const cursor = useRef<Range | null>(null);
  useEffect(() => {
    const remember = () => {
      const selection = document.getSelection();
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      if (range && body.current?.contains(range.commonAncestorContainer)) cursor.current = range.cloneRange();
    };
    document.addEventListener('selectionchange', remember);
    return () => document.removeEventListener('selectionchange', remember);
  }, []);
  /**
   * As Outlook's Body.setSelectedDataAsync with text: replaces what was selected in the body, or
   * goes where the cursor was; where the cursor never was in the body, at the top of the body.
   * Afterwards the cursor is at the end of the inserted text.
   */
  const insertAtCursor = (text: string) => {
    const element = body.current;
    if (!element) throw new Error('The message is not open.');
    let range = cursor.current;
    if (!range || !element.contains(range.commonAncestorContainer)) {
      range = document.createRange();
      range.setStart(element, 0);
      range.collapse(true);
    }
    range.deleteContents();
    const inserted = document.createTextNode(text);
    range.insertNode(inserted);
    const after = document.createRange();
    after.setStartAfter(inserted);
    after.collapse(true);
    cursor.current = after;
    persist();
  };

  /** A picture pasted into the body becomes an inline attachment with a content id, as in Outlook. */
  const adoptPastedPictures = () => {
    const adopted: PlaygroundAttachment[] = [];
    for (const image of body.current?.querySelectorAll<HTMLImageElement>('img[src^="data:"]:not([data-content-id])') ??
      []) {
      const match = /^data:([^;,]+);base64,(.*)$/.exec(image.getAttribute('src') ?? '');
      if (!match) continue;
      const contentId = `image${String(state.current.pictures.length + adopted.length + 1).padStart(3, '0')}@outmerge.playground`;
      image.dataset.contentId = contentId;
      adopted.push({
        id: crypto.randomUUID(),
        name: `${contentId.split('@')[0]}.${(match[1] ?? 'image/png').split('/')[1] ?? 'png'}`,
        size: decodedSize(match[2] ?? ''),
        contentType: match[1] ?? 'image/png',
        isInline: true,
        contentId,
        contentBytes: match[2] ?? '',
      });
    }
    if (adopted.length > 0) setPictures((current) => [...current, ...adopted]);
  };

  const attach = async (list: FileList) => {
    const added = await Promise.all(
      [...list].map(async (file) => {
        const bytes = new Uint8Array(await file.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return {
          id: crypto.randomUUID(),
          name: file.name,
          size: file.size,
          contentType: file.type || 'application/octet-stream',
          isInline: false,
          contentId: null,
          contentBytes: btoa(binary),
        };
      }),
    );
    setFiles((current) => [...current, ...added]);
  };
  const insertRef = useRef(insertAtCursor);
  insertRef.current = insertAtCursor;
  const host = useMemo(
    () =>
      new PlaygroundMailHost(
        compose,
        () => state.current.locale,
        // The simulated Outlook is the mailbox of whoever signed in to the pane.
        () => rememberedDevelopmentIdentity(browserStore())?.email ?? null,
        () => state.current.version,
        (text) => insertRef.current(text),
      ),
    [],
  );
  const licenseClient = useMemo(
    () =>
      new LicenseClient(
        { issuer: config.licenseIssuer, maxTokenAgeSeconds: config.licenseTokenTtlSeconds },
        browserStore(),
      ),
    [config],
  );

  return (
    <div className={styles.page}>
      <header className={mergeClasses(layout.spread, styles.header)}>
        <Title3 as="h1" className={styles.title}>
          {t('playground.title')}
        </Title3>
        <span className={styles.language}>
          <LanguagePicker value={locale} onChange={onLocale} label={t('playground.outlookLanguage')} />
        </span>
      </header>
      <div className={styles.work}>
        <section aria-label={t('playground.compose')} className={styles.compose}>
          <Caption1 block className={styles.explain}>
            {t('playground.explain')}
          </Caption1>
          <Card className={mergeClasses(layout.padded, layout.stackM)}>
            <div className={mergeClasses(layout.spread, styles.composeHeading)}>
              <Text weight="semibold">{t('playground.compose')}</Text>
              <Field label={t('playground.outlookVersion')} orientation="horizontal">
                <Select
                  value={version}
                  onChange={(_, data) => setVersion(data.value as SimulatedRequirementSet)}
                  data-testid="compose-version"
                >
                  {SIMULATED_REQUIREMENT_SETS.map((set) => (
                    <option key={set} value={set}>
                      {t(`playground.version.${set}`)}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            <Field label={t('playground.from')}>
              <Input
                type="email"
                value={from}
                onChange={(_, data) => setFrom(data.value)}
                placeholder={t('playground.fromOwn')}
                list="playground-shared-mailboxes"
                data-testid="compose-from"
              />
            </Field>
            <datalist id="playground-shared-mailboxes">
              {KNOWN_SHARED_MAILBOXES.map((address) => (
                <option key={address} value={address} />
              ))}
            </datalist>
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
                className={styles.body}
                onInput={() => {
                  adoptPastedPictures();
                  persist();
                }}
                dangerouslySetInnerHTML={{ __html: saved?.bodyHtml ?? SAMPLE_BODY }}
              />
            </Field>
            <Field label={t('playground.attachments')}>
              {/* A plain file input is no Fluent control: it takes the Field's id and description itself, so the label names it. */}
              {(fieldProps) => (
                <input
                  {...fieldProps}
                  type="file"
                  multiple
                  data-testid="compose-attach"
                  onChange={(event) => event.target.files && void attach(event.target.files)}
                />
              )}
            </Field>
            {files.length > 0 && (
              <div className={layout.rowCenter}>
                <Caption1 data-testid="compose-attachments">
                  {files.map((a) => `${a.name} (${formatFileSize(a.size, locale)})`).join(', ')}
                </Caption1>
                <Button
                  size="small"
                  appearance="subtle"
                  onClick={() => setFiles([])}
                  data-testid="compose-remove-attachments"
                >
                  {t('playground.removeAttachments')}
                </Button>
              </div>
            )}
          </Card>
        </section>
        <aside aria-label={t('playground.pane')} className={styles.pane} data-testid="task-pane">
          <TaskPaneApp host={host} config={config} licenseClient={licenseClient} />
        </aside>
      </div>
    </div>
  );
}

interface SavedDraft {
  subject: string;
  /** The body as the compose window shows it (pictures as data URLs). */
  bodyHtml: string;
  files: PlaygroundAttachment[];
  pictures: PlaygroundAttachment[];
  from: string;
  version: SimulatedRequirementSet;
}

const DRAFT_KEY = 'outmerge.playground.draft';

function loadSavedDraft(): SavedDraft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    const draft = raw ? (JSON.parse(raw) as Partial<SavedDraft>) : null;
    return draft && Array.isArray(draft.files) && Array.isArray(draft.pictures) ? (draft as SavedDraft) : null;
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
      sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ ...draft, files: [] }));
    } catch {
      /* storage unavailable: the draft lives until the page reloads */
    }
  }
}
