/**
 * The one description of the Outlook add-in that both manifests are written from: the add-in only
 * manifest (XML, `xmlManifest.ts`) and the unified manifest for Microsoft 365 (JSON,
 * `unifiedManifest.ts`). A change to the add-in is made here once; the tests validate both outputs
 * against Microsoft's schemas. Texts come from the translation catalogs (en, fr, de).
 */
import '#shared/i18n/allCatalogs.js';
import { SUPPORTED_LOCALES, translate, type Locale, type MessageKey } from '#shared/i18n/translate.js';

export type LocalizedText = Readonly<Record<Locale, string>>;

/**
 * Outlook's item permission levels by their name in each manifest (office-js-docs-pr
 * `docs/outlook/understanding-outlook-add-in-permissions.md`, first table).
 */
export const ITEM_PERMISSIONS = {
  Restricted: 'MailboxItem.Restricted.User',
  ReadItem: 'MailboxItem.Read.User',
  ReadWriteItem: 'MailboxItem.ReadWrite.User',
  ReadWriteMailbox: 'Mailbox.ReadWrite.User',
} as const;
export type ItemPermission = keyof typeof ITEM_PERMISSIONS;

/** The unified manifest's name for what `<SupportsSharedFolders>true` grants (same page, the note on shared folders). */
export const SHARED_FOLDERS_PERMISSION = 'Mailbox.SharedFolder';

export interface AddinDescription {
  /** `<Id>` of the add-in only manifest. Never change it: Outlook and Integrated apps know the add-in by it. */
  xmlId: string;
  /**
   * `"id"` of the unified manifest. Its own GUID: where both manifests are deployed they are two
   * add-ins, and the unified one hides the XML one by this link (`alternates.hide`).
   * (office-js-docs-pr `docs/concepts/duplicate-legacy-metaos-add-ins.md`)
   */
  unifiedId: string;
  /** major.minor.patch; the XML manifest appends `.0`. Raise it on every change of a manifest. */
  version: string;
  provider: string;
  /** Language tags as each locale appears in the manifests. The first locale is the default. */
  languageTags: LocalizedText;
  displayName: LocalizedText;
  /** The unified manifest's names: distinct from the XML add-in's, as Microsoft asks when both are deployed. */
  unifiedName: LocalizedText;
  unifiedFullName: LocalizedText;
  /** At most 250 characters (XML `<Description>`; the unified manifest's `description.full`). */
  description: LocalizedText;
  /** At most 80 characters (the unified manifest's `description.short`). */
  shortDescription: LocalizedText;
  accentColor: string;
  /** The least Outlook item permission that covers every Office.js call of addin/src/host/officeMailHost.ts. */
  permission: ItemPermission;
  /** Shared mailboxes on Mac and in a separate Outlook on the web tab need it (`docs/outlook/delegate-access.md`). */
  supportsSharedFolders: boolean;
  /** Mailbox requirement set to install at all, and the one add-in commands (the ribbon button) need. */
  requirements: { install: string; commands: string };
  origin: string;
  urls: {
    taskPane: string;
    support: string;
    website: string;
    privacy: string;
    terms: string;
    /** Outlook's add-in icons: 64 (IconUrl) and 128 (HighResolutionIconUrl). */
    icon64: string;
    icon128: string;
    /** The ribbon's icons: 16, 32 and 80 pixels are required. */
    buttonIcons: ReadonlyArray<{ size: 16 | 32 | 80; url: string }>;
  };
  command: {
    groupId: string;
    groupLabel: LocalizedText;
    buttonId: string;
    buttonLabel: LocalizedText;
    /** At most 128 characters (the unified manifest's `supertip.description`). */
    buttonTooltip: LocalizedText;
    /** The unified manifest's runtime action that the button runs. */
    actionId: string;
    pinnable: boolean;
  };
  /** The Entra app registration: the unified manifest lets the admin consent to it while deploying. */
  entraClientId: string;
}

/** Identity of the add-in across deployments: every deployment serves the same add-in, at its own URL. */
export const ADDIN_XML_ID = '3f6c9a2e-8b1d-4c7e-9a55-2d1e0f4b7c81';
export const ADDIN_UNIFIED_ID = '844edf88-e633-49a2-93e4-b3f794ee69af';
/**
 * 1.1.0: ReadItem instead of ReadWriteItem, SupportsSharedFolders (integrated apps asks the admin to accept).
 * 1.1.1: French typography in the description.
 * 1.2.0: ReadWriteItem again, for the merge-field picker's Body.setSelectedDataAsync (the admin accepts again).
 * 1.2.1: French typography in the description.
 */
export const ADDIN_VERSION = '1.2.1';
/** The development origin of the sideloading manifest in the repository (as the Office templates use). */
export const DEVELOPMENT_ADDIN_ORIGIN = 'https://localhost:3000';

function text(key: MessageKey): LocalizedText {
  return Object.fromEntries(SUPPORTED_LOCALES.map((locale) => [locale, translate(locale, key)])) as Record<
    Locale,
    string
  >;
}

/** The add-in as served from `publicUrl`, for the Entra app registration `entraClientId`. */
export function describeAddin(publicUrl: string, entraClientId: string): AddinDescription {
  const origin = new URL(publicUrl).origin;
  const at = (path: string) => `${origin}${path}`;
  return {
    xmlId: ADDIN_XML_ID,
    unifiedId: ADDIN_UNIFIED_ID,
    version: ADDIN_VERSION,
    provider: 'Outmerge',
    languageTags: { en: 'en-US', fr: 'fr-FR', de: 'de-DE' },
    displayName: text('app.name'),
    unifiedName: text('manifest.unifiedName'),
    unifiedFullName: text('manifest.unifiedFullName'),
    description: text('manifest.description'),
    shortDescription: text('manifest.shortDescription'),
    accentColor: '#0F6CBD',
    // Body.setSelectedDataAsync (the field picker) is "Minimum permission level: read/write item"; every other call needs read item.
    permission: 'ReadWriteItem',
    supportsSharedFolders: true,
    requirements: { install: '1.1', commands: '1.3' },
    origin,
    urls: {
      taskPane: at('/taskpane.html'),
      support: at('/portal.html#/it-help'),
      // The public page about Outmerge (the free tier's footer links to it too), not the development start page.
      website: at('/outmerge.html'),
      privacy: at('/privacy.html'),
      terms: at('/terms.html'),
      icon64: at('/assets/icon-64.png'),
      icon128: at('/assets/icon-128.png'),
      buttonIcons: ([16, 32, 80] as const).map((size) => ({ size, url: at(`/assets/icon-${size}.png`) })),
    },
    command: {
      groupId: 'msgComposeGroup',
      groupLabel: text('manifest.groupLabel'),
      buttonId: 'msgComposeOpenPaneButton',
      buttonLabel: text('manifest.buttonLabel'),
      buttonTooltip: text('manifest.buttonTooltip'),
      actionId: 'openMailMerge',
      pinnable: true,
    },
    entraClientId,
  };
}

/** Locales other than the default one, in catalog order: the manifests' overrides and language files. */
export function additionalLocales(): Locale[] {
  return SUPPORTED_LOCALES.filter((locale) => locale !== SUPPORTED_LOCALES[0]);
}
