/**
 * A local check of the add-in-only manifest, because `office-addin-manifest validate` sends the
 * file to an online Microsoft service. It checks what that service would reject and what it does
 * not check at all (../shared/reference/addin-tech.md §1.2): well-formed XML, MailApp, GUID id,
 * four-part version, element order, https URLs, every `resid` resolving to a resource, string
 * lengths, V1_1 nested last in V1_0, a compose rule and a compose command surface.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** MailApp child order from the manifest element-ordering documentation. */
const MAILAPP_ORDER = ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'FormSettings', 'Permissions', 'Rule', 'DisableEntityHighlighting', 'VersionOverrides'];
const REQUIRED = ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'Requirements', 'FormSettings', 'Permissions', 'Rule'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_ELEMENTS = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation', 'bt:Image', 'bt:Url']);

function toTree(ordered: unknown[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const entry of ordered as Array<Record<string, unknown>>) {
    const name = Object.keys(entry).find((key) => key !== ':@');
    if (!name || name === '#text' || name === '?xml' || name === '#comment') continue;
    const childEntries = (entry[name] ?? []) as unknown[];
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries((entry[':@'] ?? {}) as Record<string, unknown>)) attributes[key.replace(/^@_/, '')] = String(value);
    const text = (childEntries as Array<Record<string, unknown>>).filter((c) => '#text' in c).map((c) => String(c['#text'])).join('').trim();
    nodes.push({ name, attributes, children: toTree(childEntries), text });
  }
  return nodes;
}

function* walk(node: XmlNode): Generator<XmlNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

export function checkManifest(xml: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: false, commentPropName: '#comment' }).parse(xml) as unknown[];
  const root = toTree(parsed).find((n) => n.name === 'OfficeApp');
  if (!root) return ['The root element must be OfficeApp.'];
  const problems: string[] = [];
  if (root.attributes['xsi:type'] !== 'MailApp') problems.push('OfficeApp must have xsi:type="MailApp".');

  const names = root.children.map((c) => c.name);
  for (const required of REQUIRED) if (!names.includes(required)) problems.push(`Missing required element ${required}.`);
  const unknown = names.filter((n) => !MAILAPP_ORDER.includes(n));
  if (unknown.length > 0) problems.push(`Elements not allowed in a MailApp: ${unknown.join(', ')}.`);
  const positions = names.filter((n) => MAILAPP_ORDER.includes(n)).map((n) => MAILAPP_ORDER.indexOf(n));
  positions.forEach((position, i) => {
    if (i > 0 && position < (positions[i - 1] ?? 0)) problems.push(`Element ${MAILAPP_ORDER[position]} is out of order (it must come before ${MAILAPP_ORDER[positions[i - 1] ?? 0]}).`);
  });

  const child = (name: string) => root.children.find((c) => c.name === name);
  if (!GUID.test(child('Id')?.text ?? '')) problems.push('Id must be a GUID.');
  if (!/^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/.test(child('Version')?.text ?? '')) problems.push('Version must have four parts, such as 1.0.0.0.');
  if ((child('DisplayName')?.attributes.DefaultValue ?? '').length > 125) problems.push('DisplayName is longer than 125 characters.');
  if ((child('Description')?.attributes.DefaultValue ?? '').length > 250) problems.push('Description is longer than 250 characters.');

  const resourceIds = new Map<string, string>();
  for (const node of walk(root)) {
    if (URL_ELEMENTS.has(node.name) && node.attributes.DefaultValue !== undefined && !node.attributes.DefaultValue.startsWith('https://')) {
      problems.push(`${node.name} must use https: ${node.attributes.DefaultValue}`);
    }
    if (node.name === 'AppDomain' && !node.text.startsWith('https://')) problems.push(`AppDomain must use https: ${node.text}`);
    if (['bt:Image', 'bt:Url', 'bt:String'].includes(node.name) && node.attributes.id) resourceIds.set(node.attributes.id, node.name);
  }
  for (const node of walk(root)) {
    const resid = node.attributes.resid;
    if (resid !== undefined && !resourceIds.has(resid)) problems.push(`resid "${resid}" on ${node.name} does not resolve to a resource.`);
  }
  for (const node of walk(root)) {
    if (node.name !== 'bt:ShortStrings' && node.name !== 'bt:LongStrings') continue;
    const limit = node.name === 'bt:ShortStrings' ? 125 : 250;
    for (const string of node.children) {
      for (const value of [string.attributes.DefaultValue ?? '', ...string.children.map((o) => o.attributes.Value ?? '')]) {
        if (value.length > limit) problems.push(`${node.name} "${string.attributes.id}" is longer than ${limit} characters.`);
      }
    }
  }

  const outer = child('VersionOverrides');
  if (outer) {
    if (outer.attributes['xsi:type'] !== 'VersionOverridesV1_0') problems.push('The outer VersionOverrides must be VersionOverridesV1_0.');
    const inner = outer.children.filter((c) => c.name === 'VersionOverrides');
    if (inner.length > 0 && outer.children[outer.children.length - 1] !== inner[0]) problems.push('VersionOverridesV1_1 must be the last child of VersionOverridesV1_0.');
  }
  const all = [...walk(root)];
  if (!all.some((n) => n.name === 'Rule' && n.attributes.ItemType === 'Message' && n.attributes.FormType === 'Edit')) problems.push('A Rule for messages in compose (FormType="Edit") is needed.');
  if (!all.some((n) => n.name === 'ExtensionPoint' && n.attributes['xsi:type'] === 'MessageComposeCommandSurface')) problems.push('A MessageComposeCommandSurface extension point is needed for the compose button.');
  return problems;
}
