/**
 * What Microsoft's XSDs cannot check in an add-in only manifest (the tests run both): every
 * `resid` names a resource of the right kind (the schema types it as a plain string), every URL is
 * https (Outlook loads add-ins over https only; the schema's URL type accepts any scheme), and
 * every URL is on the deployment's own origin (a manifest pointing elsewhere would load someone
 * else's page in the pane). Element order, required elements, lengths, GUID and version formats
 * and enumerations are the schema's job (schemas/README.md).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** Elements whose DefaultValue (or text) is a URL, and the resource kind a `resid` on each element must name. */
const URL_VALUE_ELEMENTS = new Set([
  'IconUrl',
  'HighResolutionIconUrl',
  'SupportUrl',
  'SourceLocation',
  'bt:Image',
  'bt:Url',
  'AppDomain',
]);
const RESID_KINDS: Record<string, string> = {
  'bt:Image': 'bt:Image',
  SourceLocation: 'bt:Url',
  Label: 'bt:String',
  Title: 'bt:String',
  Description: 'bt:String',
};

function toTree(ordered: unknown[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const entry of ordered as Array<Record<string, unknown>>) {
    const name = Object.keys(entry).find((key) => key !== ':@');
    if (!name || name === '#text' || name === '?xml' || name === '#comment') continue;
    const childEntries = (entry[name] ?? []) as unknown[];
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries((entry[':@'] ?? {}) as Record<string, unknown>))
      attributes[key.replace(/^@_/, '')] = String(value);
    const text = (childEntries as Array<Record<string, unknown>>)
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('')
      .trim();
    nodes.push({ name, attributes, children: toTree(childEntries), text });
  }
  return nodes;
}

function* walk(node: XmlNode): Generator<XmlNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

/** Problems found in `xml` for a deployment at `origin` (https://host[:port]); none is `[]`. */
export function checkManifest(xml: string, origin: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`Not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: false, commentPropName: '#comment' }).parse(
    xml,
  ) as unknown[];
  const root = toTree(parsed).find((n) => n.name === 'OfficeApp');
  if (!root) return ['The root element must be OfficeApp.'];
  const problems: string[] = [];

  const resources = new Map<string, string>();
  for (const node of walk(root)) {
    if (['bt:Image', 'bt:Url', 'bt:String'].includes(node.name) && node.attributes.id !== undefined)
      resources.set(node.attributes.id, node.name);
  }
  for (const node of walk(root)) {
    const resid = node.attributes.resid;
    if (resid !== undefined) {
      const kind = resources.get(resid);
      if (kind === undefined) problems.push(`resid "${resid}" on ${node.name} does not resolve to a resource.`);
      else if (RESID_KINDS[node.name] !== undefined && RESID_KINDS[node.name] !== kind)
        problems.push(`resid "${resid}" on ${node.name} names a ${kind}, not a ${RESID_KINDS[node.name]}.`);
    }
    if (!URL_VALUE_ELEMENTS.has(node.name)) continue;
    const url = node.name === 'AppDomain' ? node.text : node.attributes.DefaultValue;
    if (url === undefined) continue;
    const parsedUrl = URL.canParse(url) ? new URL(url) : null;
    if (!parsedUrl) {
      problems.push(`${node.name} is not a URL: ${url}`);
      continue;
    }
    if (parsedUrl.protocol !== 'https:') problems.push(`${node.name} must use https: ${url}`);
    else if (parsedUrl.origin !== origin) problems.push(`${node.name} points outside ${origin}: ${url}`);
  }
  return problems;
}
