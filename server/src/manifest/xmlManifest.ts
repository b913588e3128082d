/**
 * The add-in only manifest (XML, MailApp) written from the add-in's description. Element order and
 * nesting follow Microsoft's schemas (server/src/manifest/schemas, validated in the tests) and the
 * Outlook samples: V1_0 VersionOverrides wrapping V1_1, a compose command surface button that opens
 * the task pane. FormSettings and Rule are required by the schema although Outlook ignores them
 * when VersionOverrides is present.
 *
 * The tree is serialised by the small `render` below rather than an XML library: the document has
 * a fixed shape, only attribute values and text vary, and both are escaped here; a library would
 * add a production dependency for twenty lines, and the XSD test proves every output well-formed.
 */
import { additionalLocales, type AddinDescription, type LocalizedText } from './addinDescription.js';

interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  children?: XmlElement[];
  text?: string;
}

const NAMESPACES = {
  xmlns: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xmlns:bt': 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  'xmlns:mailappor': 'http://schemas.microsoft.com/office/mailappversionoverrides/1.0',
};

const el = (name: string, attributes?: Record<string, string>, children?: XmlElement[]): XmlElement => ({
  name,
  ...(attributes ? { attributes } : {}),
  ...(children ? { children } : {}),
});
const textEl = (name: string, text: string): XmlElement => ({ name, text });

function escapeXml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
  );
}

function render(element: XmlElement, depth: number): string {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(element.attributes ?? {})
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
  if (element.text !== undefined)
    return `${indent}<${element.name}${attributes}>${escapeXml(element.text)}</${element.name}>`;
  if (!element.children || element.children.length === 0) return `${indent}<${element.name}${attributes}/>`;
  return [
    `${indent}<${element.name}${attributes}>`,
    ...element.children.map((child) => render(child, depth + 1)),
    `${indent}</${element.name}>`,
  ].join('\n');
}

/** `<X DefaultValue="…"><Override Locale="fr-FR" Value="…"/>…</X>`, in the base or the `bt:` namespace. */
function localized(
  name: string,
  value: LocalizedText,
  addin: AddinDescription,
  extra: Record<string, string> = {},
  overrideName = 'Override',
): XmlElement {
  const overrides = additionalLocales().map((locale) =>
    el(overrideName, { Locale: addin.languageTags[locale], Value: value[locale] }),
  );
  return el(name, { ...extra, DefaultValue: value.en }, overrides);
}

function versionOverrides(addin: AddinDescription): XmlElement {
  const { command, urls } = addin;
  const desktop: XmlElement[] = [
    ...(addin.supportsSharedFolders ? [textEl('SupportsSharedFolders', 'true')] : []),
    el('ExtensionPoint', { 'xsi:type': 'MessageComposeCommandSurface' }, [
      el('OfficeTab', { id: 'TabDefault' }, [
        el('Group', { id: command.groupId }, [
          el('Label', { resid: 'GroupLabel' }),
          el('Control', { 'xsi:type': 'Button', id: command.buttonId }, [
            el('Label', { resid: 'TaskpaneButton.Label' }),
            el('Supertip', {}, [
              el('Title', { resid: 'TaskpaneButton.Label' }),
              el('Description', { resid: 'TaskpaneButton.Tooltip' }),
            ]),
            el(
              'Icon',
              {},
              urls.buttonIcons.map(({ size }) => el('bt:Image', { size: String(size), resid: `Icon.${size}x${size}` })),
            ),
            el('Action', { 'xsi:type': 'ShowTaskpane' }, [
              el('SourceLocation', { resid: 'Taskpane.Url' }),
              textEl('SupportsPinning', String(command.pinnable)),
            ]),
          ]),
        ]),
      ]),
    ]),
  ];
  const inner = el(
    'VersionOverrides',
    { xmlns: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1', 'xsi:type': 'VersionOverridesV1_1' },
    [
      el('Requirements', {}, [
        el('bt:Sets', { DefaultMinVersion: addin.requirements.commands }, [el('bt:Set', { Name: 'Mailbox' })]),
      ]),
      el('Hosts', {}, [el('Host', { 'xsi:type': 'MailHost' }, [el('DesktopFormFactor', {}, desktop)])]),
      el('Resources', {}, [
        el(
          'bt:Images',
          {},
          urls.buttonIcons.map(({ size, url }) => el('bt:Image', { id: `Icon.${size}x${size}`, DefaultValue: url })),
        ),
        el('bt:Urls', {}, [el('bt:Url', { id: 'Taskpane.Url', DefaultValue: urls.taskPane })]),
        el('bt:ShortStrings', {}, [
          localized('bt:String', command.groupLabel, addin, { id: 'GroupLabel' }, 'bt:Override'),
          localized('bt:String', command.buttonLabel, addin, { id: 'TaskpaneButton.Label' }, 'bt:Override'),
        ]),
        el('bt:LongStrings', {}, [
          localized('bt:String', command.buttonTooltip, addin, { id: 'TaskpaneButton.Tooltip' }, 'bt:Override'),
        ]),
      ]),
    ],
  );
  // V1_1 must be the last child of V1_0 (docs/develop/xml-manifest-overview.md); V1_0 itself needs nothing else here.
  return el(
    'VersionOverrides',
    { xmlns: 'http://schemas.microsoft.com/office/mailappversionoverrides', 'xsi:type': 'VersionOverridesV1_0' },
    [inner],
  );
}

/** Four-part version of the XML manifest from the description's three parts. */
export function xmlVersion(version: string): string {
  return `${version}.0`;
}

export function xmlManifest(addin: AddinDescription): string {
  const root = el('OfficeApp', { ...NAMESPACES, 'xsi:type': 'MailApp' }, [
    textEl('Id', addin.xmlId),
    textEl('Version', xmlVersion(addin.version)),
    textEl('ProviderName', addin.provider),
    textEl('DefaultLocale', addin.languageTags.en),
    localized('DisplayName', addin.displayName, addin),
    localized('Description', addin.description, addin),
    el('IconUrl', { DefaultValue: addin.urls.icon64 }),
    el('HighResolutionIconUrl', { DefaultValue: addin.urls.icon128 }),
    el('SupportUrl', { DefaultValue: addin.urls.support }),
    el('AppDomains', {}, [textEl('AppDomain', addin.origin)]),
    el('Hosts', {}, [el('Host', { Name: 'Mailbox' })]),
    el('Requirements', {}, [el('Sets', {}, [el('Set', { Name: 'Mailbox', MinVersion: addin.requirements.install })])]),
    el('FormSettings', {}, [
      el('Form', { 'xsi:type': 'ItemEdit' }, [
        el('DesktopSettings', {}, [el('SourceLocation', { DefaultValue: addin.urls.taskPane })]),
      ]),
    ]),
    textEl('Permissions', addin.permission),
    el('Rule', { 'xsi:type': 'RuleCollection', Mode: 'Or' }, [
      el('Rule', { 'xsi:type': 'ItemIs', ItemType: 'Message', FormType: 'Edit' }),
    ]),
    textEl('DisableEntityHighlighting', 'false'),
    versionOverrides(addin),
  ]);
  const header = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- Outmerge add-in only manifest for ${addin.origin}, written by server/src/manifest/xmlManifest.ts from addinDescription.ts:`,
    '     change the add-in there and raise its version (Outlook and Integrated apps cache manifests by version). -->',
  ];
  return `${[...header, render(root, 0)].join('\n')}\n`;
}
