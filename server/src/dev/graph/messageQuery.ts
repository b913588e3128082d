/**
 * The OData query options of `GET …/mailFolders/{id}/messages` the stand-in understands, refused
 * like Graph refuses what it cannot do (learn.microsoft.com/graph/query-parameters,
 * api/mailfolder-list-messages, api/message-list):
 *
 * - `$filter`: the row marker on a named extended property, or date comparisons
 *   (`sentDateTime ge 2026-01-01T00:00:00Z`) joined by `and`;
 * - `$select`: message properties; an unknown one is 400 `RequestBroker--ParseUri`;
 * - `$orderby`: with `$filter`, the sorted property must come first in the filter, else
 *   400 `InefficientFilter` "The restriction or sort order is too complex for this operation.";
 * - `$top` (1–1000, 10 by default) and `$skip`, with `@odata.nextLink` while more remain;
 * - `$expand=singleValueExtendedProperties($filter=id eq '…')`: the value of one extended property
 *   on each message (singlevaluelegacyextendedproperty-get, "Get a message with its extended
 *   property"): the row marker, or PidTagMessageClass (`String 0x001A`, what tells a report from a
 *   note); an extended property needs more than Mail.ReadBasic;
 * - any other `$` option is 400.
 */
import { MESSAGE_CLASS_PROPERTY_ID, ROW_MARKER_PROPERTY_ID } from '../../../../shared/src/api/graphMarker.js';
import { GraphError } from './graphErrors.js';
import type { StoredMessage } from './mailboxStore.js';

export const SELECTABLE = [
  'id',
  'subject',
  'isDraft',
  'createdDateTime',
  'sentDateTime',
  'receivedDateTime',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'from',
  'sender',
  'body',
  'bodyPreview',
  'hasAttachments',
  'internetMessageId',
  'conversationId',
] as const;
const EXPAND = /^singleValueExtendedProperties\(\$filter=id eq '([^']+)'\)$/;
type Property = (typeof SELECTABLE)[number];
type DateProperty = 'sentDateTime' | 'receivedDateTime' | 'createdDateTime';
const OPTIONS = new Set(['$filter', '$select', '$orderby', '$top', '$skip', '$expand']);
const MARKER_FILTER = /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'\)$/;
const DATE_CLAUSE = /^(sentDateTime|receivedDateTime|createdDateTime) (ge|gt|le|lt) (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z)$/;

export interface MessageQuery {
  marker: string | null;
  dates: Array<{ property: DateProperty; op: 'ge' | 'gt' | 'le' | 'lt'; at: number }>;
  select: Property[] | null;
  orderBy: { property: DateProperty | 'subject'; descending: boolean } | null;
  top: number;
  skip: number;
  /** The extended property `$expand` asks for on each message. */
  expand: string | null;
  /** Whether it reads what Mail.ReadBasic excludes (extended properties, bodies). */
  readsBeyondBasic: boolean;
}

const invalidFilter = () => new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');

export function parseMessageQuery(query: Record<string, unknown>): MessageQuery {
  for (const name of Object.keys(query)) {
    if (name.startsWith('$') && !OPTIONS.has(name)) throw new GraphError(400, 'BadRequest', `Query option '${name}' is not supported for this request.`);
    if (OPTIONS.has(name) && typeof query[name] !== 'string') throw new GraphError(400, 'BadRequest', `Query option '${name}' was specified more than once.`);
  }
  const text = (name: string) => query[name] as string | undefined;
  const parsed: MessageQuery = { marker: null, dates: [], select: null, orderBy: null, top: 10, skip: 0, expand: null, readsBeyondBasic: false };

  const filter = text('$filter')?.trim();
  if (filter !== undefined) {
    const marker = MARKER_FILTER.exec(filter);
    if (marker) {
      if (marker[1] !== ROW_MARKER_PROPERTY_ID) throw invalidFilter();
      parsed.marker = (marker[2] ?? '').replace(/''/g, "'");
      parsed.readsBeyondBasic = true;
    } else {
      for (const clause of filter.split(/\s+and\s+/)) {
        const match = DATE_CLAUSE.exec(clause.trim());
        if (!match) throw invalidFilter();
        parsed.dates.push({ property: match[1] as DateProperty, op: match[2] as 'ge', at: Date.parse(match[3] ?? '') });
      }
    }
  }

  const select = text('$select');
  if (select !== undefined) {
    const names = select.split(',').map((s) => s.trim());
    for (const name of names) if (!(SELECTABLE as readonly string[]).includes(name)) throw new GraphError(400, 'RequestBroker--ParseUri', `Could not find a property named '${name}' on type 'microsoft.graph.message'.`);
    parsed.select = names as Property[];
    if (names.some((n) => n === 'body' || n === 'bodyPreview')) parsed.readsBeyondBasic = true;
  }

  const expand = text('$expand');
  if (expand !== undefined) {
    const match = EXPAND.exec(expand.trim());
    if (!match) throw new GraphError(400, 'BadRequest', `Parsing OData Select and Expand failed: '${expand}' is not supported.`);
    const id = match[1] ?? '';
    if (id !== ROW_MARKER_PROPERTY_ID && id.toLowerCase() !== MESSAGE_CLASS_PROPERTY_ID.toLowerCase()) throw new GraphError(400, 'ErrorInvalidProperty', `The extended property '${id}' is not one the stand-in knows.`);
    parsed.expand = id;
    parsed.readsBeyondBasic = true;
  }

  const orderBy = text('$orderby');
  if (orderBy !== undefined) {
    const match = /^(sentDateTime|receivedDateTime|createdDateTime|subject)(?: (asc|desc))?$/.exec(orderBy.trim());
    if (!match) throw new GraphError(400, 'BadRequest', `Invalid $orderby '${orderBy}'.`);
    parsed.orderBy = { property: match[1] as DateProperty, descending: match[2] === 'desc' };
    const first = parsed.marker !== null ? 'singleValueExtendedProperties' : parsed.dates[0]?.property;
    if (filter !== undefined && first !== parsed.orderBy.property) throw new GraphError(400, 'InefficientFilter', 'The restriction or sort order is too complex for this operation.');
  }

  const top = text('$top');
  if (top !== undefined) {
    if (!/^\d{1,4}$/.test(top) || Number(top) < 1 || Number(top) > 1000) throw new GraphError(400, 'BadRequest', `Invalid $top value '${top}': it must be from 1 to 1000.`);
    parsed.top = Number(top);
  }
  const skip = text('$skip');
  if (skip !== undefined) {
    if (!/^\d{1,7}$/.test(skip)) throw new GraphError(400, 'BadRequest', `Invalid $skip value '${skip}'.`);
    parsed.skip = Number(skip);
  }
  return parsed;
}

function dateOf(message: StoredMessage, property: DateProperty): number | null {
  return property === 'sentDateTime' ? message.sentAt : property === 'receivedDateTime' ? (message.receivedAt ?? message.sentAt ?? message.createdAt) : message.createdAt;
}

/** The page of messages the query selects, and whether more follow. */
export function applyMessageQuery(messages: StoredMessage[], query: MessageQuery): { page: StoredMessage[]; more: boolean } {
  const matching = messages.filter((m) => {
    if (query.marker !== null && m.marker !== query.marker) return false;
    return query.dates.every(({ property, op, at }) => {
      const value = dateOf(m, property);
      if (value === null) return false;
      return op === 'ge' ? value >= at : op === 'gt' ? value > at : op === 'le' ? value <= at : value < at;
    });
  });
  if (query.orderBy) {
    const { property, descending } = query.orderBy;
    const key = (m: StoredMessage) => (property === 'subject' ? m.subject : String(dateOf(m, property) ?? 0).padStart(16, '0'));
    matching.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1));
  }
  return { page: matching.slice(query.skip, query.skip + query.top), more: query.skip + query.top < matching.length };
}

const address = (value: string | null, name?: string) => (value === null ? null : { emailAddress: { address: value, ...(name ? { name } : {}) } });

/** A message as Graph returns it, limited to `$select` when given (id always comes). */
export function messageJson(message: StoredMessage, select: readonly string[] | null, expand: string | null = null) {
  const full: Record<Property, unknown> = {
    id: message.id,
    subject: message.subject,
    isDraft: message.folder === 'drafts',
    createdDateTime: iso(message.createdAt),
    sentDateTime: iso(message.sentAt),
    receivedDateTime: iso(message.receivedAt ?? message.sentAt),
    toRecipients: message.to.map((a) => address(a)),
    ccRecipients: message.cc.map((a) => address(a)),
    bccRecipients: message.bcc.map((a) => address(a)),
    from: address(message.from ?? message.mailbox, message.fromName),
    sender: address(message.sender ?? message.from ?? message.mailbox, message.fromName),
    body: { contentType: message.contentType, content: message.html },
    bodyPreview: message.html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 255),
    hasAttachments: message.attachments.some((a) => !a.isInline),
    internetMessageId: message.internetMessageId,
    conversationId: message.conversationId,
  };
  const chosen = select === null ? full : Object.fromEntries(['id', ...select].map((name) => [name, full[name as Property]]));
  if (expand === null) return chosen;
  // Graph leaves the collection out of a message that lacks the property.
  const value = expand === ROW_MARKER_PROPERTY_ID ? message.marker : message.messageClass;
  return value === null ? chosen : { ...chosen, singleValueExtendedProperties: [{ id: expand, value }] };
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
