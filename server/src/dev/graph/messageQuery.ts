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
 * - `$expand=singleValueExtendedProperties($filter=id eq '…')`: one extended property per message
 *   (api/singlevaluelegacyextendedproperty-get, "Get a message with its extended property"): the row
 *   and campaign markers, PidTagDeferredSendTime, and PidTagMessageClass (`String 0x001A`, what
 *   tells a report from a note); an extended property needs more than Mail.ReadBasic; another form is 400;
 * - any other `$` option is 400.
 */
import {
  CAMPAIGN_MARKER_PROPERTY_ID,
  DEFERRED_SEND_TIME_PROPERTY_ID,
  MESSAGE_CLASS_PROPERTY_ID,
  ROW_MARKER_PROPERTY_ID,
} from '#shared/api/graphMarker.js';
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
const EXPANDABLE = [
  ROW_MARKER_PROPERTY_ID,
  CAMPAIGN_MARKER_PROPERTY_ID,
  DEFERRED_SEND_TIME_PROPERTY_ID,
  MESSAGE_CLASS_PROPERTY_ID,
] as const;
const MARKER_FILTER =
  /^singleValueExtendedProperties\/Any\(ep: ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'\)$/;
const DATE_CLAUSE =
  /^(sentDateTime|receivedDateTime|createdDateTime) (ge|gt|le|lt) (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z)$/;

export interface MessageQuery {
  marker: string | null;
  /** The campaign marker's value to match, or null. */
  campaign: string | null;
  /** The extended property to return with each message, or null. */
  expand: (typeof EXPANDABLE)[number] | null;
  dates: Array<{ property: DateProperty; op: 'ge' | 'gt' | 'le' | 'lt'; at: number }>;
  select: Property[] | null;
  orderBy: { property: DateProperty | 'subject'; descending: boolean } | null;
  top: number;
  skip: number;
  /** Whether it reads what Mail.ReadBasic excludes (extended properties, bodies). */
  readsBeyondBasic: boolean;
}

const invalidFilter = () =>
  new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');

export function parseMessageQuery(query: Record<string, unknown>): MessageQuery {
  for (const name of Object.keys(query)) {
    if (name.startsWith('$') && !OPTIONS.has(name))
      throw new GraphError(400, 'BadRequest', `Query option '${name}' is not supported for this request.`);
    if (OPTIONS.has(name) && typeof query[name] !== 'string')
      throw new GraphError(400, 'BadRequest', `Query option '${name}' was specified more than once.`);
  }
  const text = (name: string) => query[name] as string | undefined;
  const parsed: MessageQuery = {
    marker: null,
    campaign: null,
    expand: null,
    dates: [],
    select: null,
    orderBy: null,
    top: 10,
    skip: 0,
    readsBeyondBasic: false,
  };

  const filter = text('$filter')?.trim();
  if (filter !== undefined) {
    const marker = MARKER_FILTER.exec(filter);
    if (marker) {
      const value = (marker[2] ?? '').replace(/''/g, "'");
      if (marker[1] === ROW_MARKER_PROPERTY_ID) parsed.marker = value;
      else if (marker[1] === CAMPAIGN_MARKER_PROPERTY_ID) parsed.campaign = value;
      else throw invalidFilter();
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
    for (const name of names)
      if (!(SELECTABLE as readonly string[]).includes(name))
        throw new GraphError(
          400,
          'RequestBroker--ParseUri',
          `Could not find a property named '${name}' on type 'microsoft.graph.message'.`,
        );
    parsed.select = names as Property[];
    if (names.some((n) => n === 'body' || n === 'bodyPreview')) parsed.readsBeyondBasic = true;
  }

  const orderBy = text('$orderby');
  if (orderBy !== undefined) {
    const match = /^(sentDateTime|receivedDateTime|createdDateTime|subject)(?: (asc|desc))?$/.exec(orderBy.trim());
    if (!match) throw new GraphError(400, 'BadRequest', `Invalid $orderby '${orderBy}'.`);
    parsed.orderBy = { property: match[1] as DateProperty, descending: match[2] === 'desc' };
    const first = parsed.marker !== null ? 'singleValueExtendedProperties' : parsed.dates[0]?.property;
    if (filter !== undefined && first !== parsed.orderBy.property)
      throw new GraphError(
        400,
        'InefficientFilter',
        'The restriction or sort order is too complex for this operation.',
      );
  }

  const expand = text('$expand');
  if (expand !== undefined) {
    const id = EXPAND.exec(expand.trim())?.[1];
    const known = EXPANDABLE.find((candidate) => candidate.toLowerCase() === id?.toLowerCase());
    if (known === undefined)
      throw new GraphError(
        400,
        'ErrorInvalidExtendedProperty',
        'The extended property attribute combination is invalid.',
      );
    parsed.expand = known;
    parsed.readsBeyondBasic = true;
  }

  const top = text('$top');
  if (top !== undefined) {
    if (!/^\d{1,4}$/.test(top) || Number(top) < 1 || Number(top) > 1000)
      throw new GraphError(400, 'BadRequest', `Invalid $top value '${top}': it must be from 1 to 1000.`);
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
  return property === 'sentDateTime'
    ? message.sentAt
    : property === 'receivedDateTime'
      ? (message.receivedAt ?? message.sentAt ?? message.createdAt)
      : message.createdAt;
}

/** The page of messages the query selects, and whether more follow. */
export function applyMessageQuery(
  messages: StoredMessage[],
  query: MessageQuery,
): { page: StoredMessage[]; more: boolean } {
  const matching = messages.filter((m) => {
    if (query.marker !== null && m.marker !== query.marker) return false;
    if (query.campaign !== null && m.campaign !== query.campaign) return false;
    return query.dates.every(({ property, op, at }) => {
      const value = dateOf(m, property);
      if (value === null) return false;
      return op === 'ge' ? value >= at : op === 'gt' ? value > at : op === 'le' ? value <= at : value < at;
    });
  });
  if (query.orderBy) {
    const { property, descending } = query.orderBy;
    const key = (m: StoredMessage) =>
      property === 'subject' ? m.subject : String(dateOf(m, property) ?? 0).padStart(16, '0');
    matching.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0) * (descending ? -1 : 1));
  }
  return { page: matching.slice(query.skip, query.skip + query.top), more: query.skip + query.top < matching.length };
}

const address = (value: string | null, name?: string) =>
  value === null ? null : { emailAddress: { address: value, ...(name ? { name } : {}) } };

/** A message as Graph returns it, limited to `$select` when given (id always comes). */
export function messageJson(
  message: StoredMessage,
  select: readonly string[] | null,
  expand: MessageQuery['expand'] = null,
) {
  const json: Record<string, unknown> = messageFields(message, select);
  if (expand === null) return json;
  // Graph returns the property only on messages that have it.
  const value = expandedValue(message, expand);
  return value === null ? json : { ...json, singleValueExtendedProperties: [{ id: expand, value }] };
}

function messageFields(message: StoredMessage, select: readonly string[] | null) {
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
    bodyPreview: message.html
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 255),
    hasAttachments: message.attachments.some((a) => !a.isInline),
    internetMessageId: message.internetMessageId,
    conversationId: message.conversationId,
  };
  return select === null ? full : Object.fromEntries(['id', ...select].map((name) => [name, full[name as Property]]));
}

function expandedValue(message: StoredMessage, expand: NonNullable<MessageQuery['expand']>): string | null {
  switch (expand) {
    case ROW_MARKER_PROPERTY_ID:
      return message.marker;
    case CAMPAIGN_MARKER_PROPERTY_ID:
      return message.campaign;
    case DEFERRED_SEND_TIME_PROPERTY_ID:
      return message.deferredUntil === null ? null : iso(message.deferredUntil);
    case MESSAGE_CLASS_PROPERTY_ID:
      return message.messageClass;
  }
}

function iso(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
