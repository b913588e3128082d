/**
 * The unified manifest for Microsoft 365 (JSON) written from the add-in's description, with its
 * language files. Shape from office-js-docs-pr `docs/develop/unified-manifest-overview.md` and
 * `docs/develop/create-addin-commands-unified-manifest.md` (an Outlook task pane command: a runtime
 * whose action opens the page, a ribbon button in the compose context that runs the action);
 * schema version 1.30, the released version `docs/develop/convert-xml-to-json-manifest.md` names.
 * Tests validate it against that schema as shipped in `@microsoft/app-manifest`.
 */
import {
  additionalLocales,
  ITEM_PERMISSIONS,
  SHARED_FOLDERS_PERMISSION,
  type AddinDescription,
} from './addinDescription.js';

export const UNIFIED_MANIFEST_VERSION = '1.30';
export const UNIFIED_MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
export const UNIFIED_LOCALIZATION_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.Localization.schema.json`;

/** File names inside the app package (icons as the schema describes them: color 192×192, outline 32×32 white on transparent). */
export const APP_PACKAGE_ICONS = { color: 'color.png', outline: 'outline.png' } as const;

const RUNTIME_ID = 'TaskPaneRuntime';

function languageFile(tag: string): string {
  return `${tag.toLowerCase()}.json`;
}

export function unifiedManifest(addin: AddinDescription): Record<string, unknown> {
  const { command, urls } = addin;
  const mailbox = (minVersion: string) => ({ capabilities: [{ name: 'Mailbox', minVersion }] });
  const icons = urls.buttonIcons.map(({ size, url }) => ({ size, url }));
  return {
    $schema: UNIFIED_MANIFEST_SCHEMA,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    id: addin.unifiedId,
    version: addin.version,
    name: { short: addin.unifiedName.en, full: addin.unifiedFullName.en },
    description: { short: addin.shortDescription.en, full: addin.description.en },
    developer: { name: addin.provider, websiteUrl: urls.website, privacyUrl: urls.privacy, termsOfUseUrl: urls.terms },
    icons: { color: APP_PACKAGE_ICONS.color, outline: APP_PACKAGE_ICONS.outline },
    accentColor: addin.accentColor,
    localizationInfo: {
      defaultLanguageTag: addin.languageTags.en.toLowerCase(),
      additionalLanguages: additionalLocales().map((locale) => ({
        languageTag: addin.languageTags[locale].toLowerCase(),
        file: languageFile(addin.languageTags[locale]),
      })),
    },
    // The domains the pane may navigate to, like the XML manifest's AppDomains (host names, no scheme).
    validDomains: [new URL(addin.origin).host],
    // With it, deploying the app package asks the admin to consent to the app registration's
    // permissions (docs/publish/publish-nested-app-auth-add-in.md, "Get admin consent via the unified manifest").
    webApplicationInfo: { id: addin.entraClientId, resource: addin.origin },
    authorization: {
      permissions: {
        resourceSpecific: [
          { name: ITEM_PERMISSIONS[addin.permission], type: 'Delegated' },
          ...(addin.supportsSharedFolders ? [{ name: SHARED_FOLDERS_PERMISSION, type: 'Delegated' }] : []),
        ],
      },
    },
    extensions: [
      {
        requirements: { scopes: ['mail'], ...mailbox(addin.requirements.install) },
        runtimes: [
          {
            requirements: mailbox(addin.requirements.commands),
            id: RUNTIME_ID,
            type: 'general',
            code: { page: urls.taskPane },
            lifetime: 'short',
            actions: [{ id: command.actionId, type: 'openPage', view: 'mailMerge', pinnable: command.pinnable }],
          },
        ],
        ribbons: [
          {
            contexts: ['mailCompose'],
            tabs: [
              {
                builtInTabId: 'TabDefault',
                groups: [
                  {
                    id: command.groupId,
                    label: command.groupLabel.en,
                    icons,
                    controls: [
                      {
                        id: command.buttonId,
                        type: 'button',
                        label: command.buttonLabel.en,
                        icons,
                        supertip: { title: command.buttonLabel.en, description: command.buttonTooltip.en },
                        actionId: command.actionId,
                      },
                    ],
                  },
                ],
              },
            ],
          },
        ],
        // Where both manifests are deployed, Outlook shows this add-in and hides the XML one
        // (docs/concepts/duplicate-legacy-metaos-add-ins.md; up to 24 hours after installation).
        alternates: [{ hide: { customOfficeAddin: { officeAddinId: addin.xmlId } } }],
      },
    ],
  };
}

/** The language files the manifest's `localizationInfo` names, by file name (keys as docs/develop/localization.md shows). */
export function unifiedLanguageFiles(addin: AddinDescription): Record<string, Record<string, string>> {
  const { command } = addin;
  const prefix = 'extensions[0].ribbons[0].tabs[0].groups[0]';
  return Object.fromEntries(
    additionalLocales().map((locale) => [
      languageFile(addin.languageTags[locale]),
      {
        $schema: UNIFIED_LOCALIZATION_SCHEMA,
        'name.short': addin.unifiedName[locale],
        'name.full': addin.unifiedFullName[locale],
        'description.short': addin.shortDescription[locale],
        'description.full': addin.description[locale],
        [`${prefix}.label`]: command.groupLabel[locale],
        [`${prefix}.controls[0].label`]: command.buttonLabel[locale],
        [`${prefix}.controls[0].supertip.title`]: command.buttonLabel[locale],
        [`${prefix}.controls[0].supertip.description`]: command.buttonTooltip[locale],
      },
    ]),
  );
}
