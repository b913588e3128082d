/**
 * The production Microsoft Graph mail client (M6). Its base URL is configuration: Microsoft
 * Graph in production, the server's stand-in in the embedded default; the code is the same.
 * Sending as a shared mailbox follows Microsoft's recipe (concepts/outlook-send-mail-from-other-user.md):
 * the draft lives in the signed-in user's own mailbox with `from` set to the shared address, and
 * is sent with Mail.Send.Shared; that needs Send As or Send on Behalf, not Full Access, and the
 * copy lands in the user's own Sent Items. `mailbox` (/users/{id}) is only for reading another
 * mailbox's contacts.
 *
 * Failures are classified for the campaign runner, because a send is not idempotent:
 * - throttled (429): not processed, retry after Retry-After;
 * - transient (503, 408): not processed, retry with backoff;
 * - ambiguous (network drop, timeout, 500/502/504): Graph may have delivered it, never resend blindly;
 * - rejected (other 4xx), auth (401), forbidden (403): will not succeed as is.
 */
import {
  campaignFilter,
  DEFERRED_SEND_TIME_PROPERTY_ID,
  MESSAGE_CLASS_PROPERTY_ID,
  markerFilter,
  ROW_MARKER_PROPERTY_ID,
} from '#shared/api/graphMarker.js';
import { GRAPH_SCOPES_FOR, type GraphScope } from '#shared/api/graphScopes.js';

export interface GraphRecipient {
  emailAddress: { address: string; name?: string };
}

export interface GraphFileAttachment {
  '@odata.type': '#microsoft.graph.fileAttachment';
  name: string;
  contentType: string;
  contentBytes: string;
  isInline?: boolean;
  contentId?: string;
}

export interface GraphMessage {
  subject: string;
  singleValueExtendedProperties?: Array<{ id: string; value: string }>;
  body: { contentType: 'HTML' | 'Text'; content: string };
  toRecipients: GraphRecipient[];
  ccRecipients?: GraphRecipient[];
  bccRecipients?: GraphRecipient[];
  /** Another mailbox to send as (Send As) or for (Send on Behalf). */
  from?: GraphRecipient;
  attachments?: GraphFileAttachment[];
}

/** A message of Sent Items, reduced to what the 24-hour recipient count needs. */
export interface SentItem {
  sentAt: number;
  recipients: number;
}

/** A message of the Inbox, as the delivery-report check reads it. */
export interface InboxItem {
  id: string;
  subject: string;
  from: string;
  receivedAt: number;
  body: string;
}

/** A message of Sent Items as the bounce and reply checks read it (inbox/). */
export interface SentMessage {
  internetMessageId: string;
  conversationId: string;
  sentAt: number;
  to: string[];
  /** The row marker (shared/src/api/graphMarker.ts), or null for a message not sent by a campaign. */
  marker: string | null;
}

/** A message of the Inbox with what tells a report, a reply and an unsubscribe apart (inbox/). */
export interface ReceivedMessage {
  id: string;
  from: string;
  subject: string;
  receivedAt: number;
  conversationId: string;
  /** PidTagMessageClass: `IPM.Note` for mail, `REPORT.IPM.Note.NDR` for a non-delivery report. */
  messageClass: string;
  body: string;
}

export interface GraphContact {
  displayName?: string;
  givenName?: string | null;
  surname?: string | null;
  companyName?: string | null;
  emailAddresses?: Array<{ name?: string; address?: string }>;
  categories?: string[];
}

export type GraphFailureKind = 'throttled' | 'transient' | 'ambiguous' | 'rejected' | 'auth' | 'forbidden';

export class GraphRequestError extends Error {
  constructor(
    readonly kind: GraphFailureKind,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number | null = null,
    /** Graph's request-id, for Microsoft support. */
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'GraphRequestError';
  }
}

export class GraphMailClient {
  constructor(
    private readonly baseUrl: string,
    /** A Graph token carrying at least the scopes the operation needs. */
    private readonly accessToken: (scopes: readonly GraphScope[]) => Promise<string>,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  /** Sends one message from the user's mailbox; resolves on 202 Accepted. With `from` set to another address it needs Mail.Send.Shared. */
  async sendMail(message: GraphMessage): Promise<void> {
    await this.request('POST', '/v1.0/me/sendMail', { message, saveToSentItems: true }, 202, sendScopes(message.from));
  }

  /** Creates the message as a draft in the user's Drafts (also one `from` a shared mailbox); returns its id. */
  async createDraft(message: GraphMessage): Promise<string> {
    const created = (await this.request('POST', '/v1.0/me/messages', message, 201, GRAPH_SCOPES_FOR.mailbox)) as {
      id?: unknown;
    } | null;
    if (typeof created?.id !== 'string')
      throw new GraphRequestError(
        'ambiguous',
        201,
        'MalformedResponse',
        'Microsoft Graph created the draft but sent no id.',
      );
    return created.id;
  }

  /**
   * Submits a draft: 202 means Exchange took it, not that it left. Transport moves it from Drafts
   * to Sent Items later (concepts/outlook-things-to-know-about-send-mail.md). `sendAs`: the draft's
   * `from` is that other mailbox (Mail.Send.Shared).
   */
  async sendDraft(id: string, options: { sendAs?: string | null } = {}): Promise<void> {
    await this.request(
      'POST',
      `/v1.0/me/messages/${encodeURIComponent(id)}/send`,
      undefined,
      202,
      sendScopes(options.sendAs ? { emailAddress: { address: options.sendAs } } : undefined),
    );
  }

  /** Adds one file to a draft (files under 3 MB that do not fit in the draft's own 4 MB request). */
  async addAttachment(messageId: string, attachment: GraphFileAttachment): Promise<void> {
    await this.request(
      'POST',
      `/v1.0/me/messages/${encodeURIComponent(messageId)}/attachments`,
      attachment,
      201,
      GRAPH_SCOPES_FOR.mailbox,
    );
  }

  /**
   * Adds a file of 3 to 150 MB to a draft through an upload session: the session's URL is
   * pre-authenticated (no Authorization header goes there) and takes byte ranges in order. A
   * failed upload attaches nothing; starting again means a new session.
   */
  async uploadAttachment(
    messageId: string,
    file: { name: string; contentType: string; bytes: Uint8Array },
  ): Promise<void> {
    const size = file.bytes.length;
    // Only in the user's own mailbox: Graph refuses delegated upload sessions on shared mailboxes (known issue).
    const session = (await this.request(
      'POST',
      `/v1.0/me/messages/${encodeURIComponent(messageId)}/attachments/createUploadSession`,
      { AttachmentItem: { attachmentType: 'file', name: file.name, size, contentType: file.contentType } },
      201,
      GRAPH_SCOPES_FOR.mailbox,
    )) as {
      uploadUrl?: unknown;
    } | null;
    if (typeof session?.uploadUrl !== 'string')
      throw new GraphRequestError(
        'ambiguous',
        201,
        'MalformedResponse',
        'Microsoft Graph opened an upload session but sent no upload URL.',
      );
    const uploadUrl = new URL(session.uploadUrl);
    // The file goes only to an HTTPS address (Exchange's), or over HTTP to the development stand-in's own host.
    if (uploadUrl.protocol !== 'https:' && uploadUrl.hostname !== new URL(this.baseUrl).hostname)
      throw new GraphRequestError(
        'rejected',
        201,
        'UntrustedUploadUrl',
        'Microsoft Graph returned an upload address that is not HTTPS.',
      );
    for (let start = 0; start < size; start += UPLOAD_RANGE_BYTES) {
      const end = Math.min(size, start + UPLOAD_RANGE_BYTES) - 1;
      let response: Response;
      try {
        response = await this.fetchImpl(uploadUrl, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${start}-${end}/${size}` },
          body: file.bytes.slice(start, end + 1),
        });
      } catch (error) {
        throw new GraphRequestError(
          'ambiguous',
          0,
          'NetworkError',
          error instanceof Error ? error.message : 'The connection was lost.',
        );
      }
      const expected = end === size - 1 ? 201 : 200;
      if (response.status !== expected) throw await failureOf(response);
      await response.body?.cancel();
    }
  }

  async deleteMessage(id: string): Promise<void> {
    await this.request(
      'DELETE',
      `/v1.0/me/messages/${encodeURIComponent(id)}`,
      undefined,
      204,
      GRAPH_SCOPES_FOR.mailbox,
    );
  }

  /** Messages of the user's Drafts or Sent Items carrying a row marker (see shared/src/api/graphMarker.ts). */
  async findByMarker(folder: 'drafts' | 'sentitems', marker: string): Promise<string[]> {
    const query = `$filter=${encodeURIComponent(markerFilter(marker))}&$select=id`;
    const found = (await this.request(
      'GET',
      `/v1.0/me/mailFolders/${folder}/messages?${query}`,
      undefined,
      200,
      GRAPH_SCOPES_FOR.mailbox,
    )) as { value?: Array<{ id: string }> } | null;
    return (found?.value ?? []).map((m) => m.id);
  }

  /**
   * A campaign's messages still in the user's Drafts, all pages, with their deferred send time
   * (PidTagDeferredSendTime) where they carry one: the held messages of a scheduled campaign.
   * Exchange keeps a held message in Drafts under the same id until its time.
   */
  async campaignDrafts(campaignId: string): Promise<Array<{ id: string; deferredUntil: number | null }>> {
    const query = `$filter=${encodeURIComponent(campaignFilter(campaignId))}&$select=id&$expand=${encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${DEFERRED_SEND_TIME_PROPERTY_ID}')`)}&$top=200`;
    const items = await this.pages<{
      id: string;
      singleValueExtendedProperties?: Array<{ id?: string; value?: string }>;
    }>(`/v1.0/me/mailFolders/drafts/messages?${query}`, GRAPH_SCOPES_FOR.mailbox, 100_000);
    return items.map((m) => {
      const value = m.singleValueExtendedProperties?.find((p) => p.id === DEFERRED_SEND_TIME_PROPERTY_ID)?.value;
      const at = value === undefined ? Number.NaN : Date.parse(value);
      return { id: m.id, deferredUntil: Number.isFinite(at) ? at : null };
    });
  }

  /**
   * What the user's mailbox sent since `since`, all pages: Exchange counts the 24-hour recipient
   * limit per sender, also for what went out from other devices or as a shared mailbox.
   */
  async sentSince(since: number): Promise<SentItem[]> {
    // Graph's dates have whole seconds: isoSeconds rounds down, so nothing at the boundary is missed.
    const filter = encodeURIComponent(`sentDateTime ge ${isoSeconds(since)}`);
    const items = await this.pages<{
      sentDateTime?: string;
      toRecipients?: unknown[];
      ccRecipients?: unknown[];
      bccRecipients?: unknown[];
    }>(
      `/v1.0/me/mailFolders/sentitems/messages?$filter=${filter}&$orderby=sentDateTime desc&$select=sentDateTime,toRecipients,ccRecipients,bccRecipients&$top=200`,
      GRAPH_SCOPES_FOR.mailbox,
    );
    return items.map((m) => ({
      sentAt: Date.parse(m.sentDateTime ?? '') || since,
      recipients: (m.toRecipients?.length ?? 0) + (m.ccRecipients?.length ?? 0) + (m.bccRecipients?.length ?? 0),
    }));
  }

  /** Messages received in the user's Inbox since `since` (where Exchange puts non-delivery reports). */
  async inboxSince(since: number, limit = 200): Promise<InboxItem[]> {
    const filter = encodeURIComponent(`receivedDateTime ge ${isoSeconds(since)}`);
    const items = await this.pages<{
      id?: string;
      subject?: string;
      from?: { emailAddress?: { address?: string } };
      receivedDateTime?: string;
      body?: { content?: string };
    }>(
      `/v1.0/me/mailFolders/inbox/messages?$filter=${filter}&$orderby=receivedDateTime desc&$select=subject,from,receivedDateTime,body&$top=50`,
      GRAPH_SCOPES_FOR.mailbox,
      limit,
    );
    return items.map((m) => ({
      id: m.id ?? '',
      subject: m.subject ?? '',
      from: m.from?.emailAddress?.address ?? '',
      receivedAt: Date.parse(m.receivedDateTime ?? '') || since,
      body: m.body?.content ?? '',
    }));
  }

  /** Sent Items since `since` with each message's ids and row marker, all pages (up to `limit`). */
  async sentMessagesSince(since: number, limit = 100_000): Promise<SentMessage[]> {
    const filter = encodeURIComponent(`sentDateTime ge ${isoSeconds(since)}`);
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${ROW_MARKER_PROPERTY_ID}')`);
    const items = await this.pages<{
      sentDateTime?: string;
      toRecipients?: GraphRecipient[];
      internetMessageId?: string;
      conversationId?: string;
      singleValueExtendedProperties?: Array<{ id: string; value: string }>;
    }>(
      `/v1.0/me/mailFolders/sentitems/messages?$filter=${filter}&$orderby=sentDateTime desc&$select=sentDateTime,toRecipients,internetMessageId,conversationId&$expand=${expand}&$top=200`,
      GRAPH_SCOPES_FOR.inbox,
      limit,
    );
    return items.map((m) => ({
      internetMessageId: m.internetMessageId ?? '',
      conversationId: m.conversationId ?? '',
      sentAt: Date.parse(m.sentDateTime ?? '') || since,
      to: (m.toRecipients ?? []).map((r) => r.emailAddress?.address ?? ''),
      marker: m.singleValueExtendedProperties?.find((p) => p.id === ROW_MARKER_PROPERTY_ID)?.value ?? null,
    }));
  }

  /** Inbox messages received since `since`, with their message class and conversation, all pages (up to `limit`). */
  async receivedMessagesSince(since: number, limit = 20_000): Promise<ReceivedMessage[]> {
    const filter = encodeURIComponent(`receivedDateTime ge ${isoSeconds(since)}`);
    const expand = encodeURIComponent(`singleValueExtendedProperties($filter=id eq '${MESSAGE_CLASS_PROPERTY_ID}')`);
    const items = await this.pages<{
      id?: string;
      subject?: string;
      from?: GraphRecipient;
      receivedDateTime?: string;
      conversationId?: string;
      body?: { content?: string };
      singleValueExtendedProperties?: Array<{ id: string; value: string }>;
    }>(
      `/v1.0/me/mailFolders/inbox/messages?$filter=${filter}&$orderby=receivedDateTime desc&$select=subject,from,receivedDateTime,conversationId,body&$expand=${expand}&$top=50`,
      GRAPH_SCOPES_FOR.inbox,
      limit,
    );
    return items.map((m) => ({
      id: m.id ?? '',
      from: m.from?.emailAddress?.address ?? '',
      subject: m.subject ?? '',
      receivedAt: Date.parse(m.receivedDateTime ?? '') || since,
      conversationId: m.conversationId ?? '',
      messageClass:
        m.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === MESSAGE_CLASS_PROPERTY_ID.toLowerCase())
          ?.value ?? 'IPM.Note',
      body: m.body?.content ?? '',
    }));
  }

  /**
   * The id of the user's hidden folder of that name, made on first use (user-post-mailfolders:
   * `isHidden` can be set only when the folder is created; user-list-mailfolders leaves hidden
   * folders out unless `includeHiddenFolders=true`). Two panes making it at once: the second is
   * refused (409) and finds the first's.
   */
  async hiddenFolder(displayName: string): Promise<string> {
    const find = async () => {
      const folders = await this.pages<{ id?: string; displayName?: string }>(
        '/v1.0/me/mailFolders?includeHiddenFolders=true&$top=100',
        GRAPH_SCOPES_FOR.inbox,
        1000,
      );
      return folders.find((f) => f.displayName?.toLowerCase() === displayName.toLowerCase())?.id ?? null;
    };
    const found = await find();
    if (found) return found;
    try {
      const created = (await this.request(
        'POST',
        '/v1.0/me/mailFolders',
        { displayName, isHidden: true },
        201,
        GRAPH_SCOPES_FOR.inbox,
      )) as { id?: unknown } | null;
      if (typeof created?.id === 'string') return created.id;
    } catch (error) {
      if (!(error instanceof GraphRequestError && error.status === 409)) throw error;
    }
    const again = await find();
    if (!again)
      throw new GraphRequestError(
        'ambiguous',
        201,
        'MalformedResponse',
        'Microsoft Graph did not return the folder it made.',
      );
    return again;
  }

  /** The subjects of a folder's items, oldest first. */
  async folderSubjects(folderId: string): Promise<string[]> {
    const items = await this.pages<{ subject?: string }>(
      `/v1.0/me/mailFolders/${encodeURIComponent(folderId)}/messages?$select=subject,createdDateTime&$orderby=createdDateTime&$top=500`,
      GRAPH_SCOPES_FOR.inbox,
      100_000,
    );
    return items.map((m) => m.subject ?? '');
  }

  /** Adds an item to one of the user's folders; its subject is its content. */
  async addToFolder(folderId: string, subject: string): Promise<void> {
    await this.request(
      'POST',
      `/v1.0/me/mailFolders/${encodeURIComponent(folderId)}/messages`,
      { subject, body: { contentType: 'Text', content: '' } },
      201,
      GRAPH_SCOPES_FOR.inbox,
    );
  }

  /**
   * Contacts of the user's or a shared mailbox, optionally of one category, all pages. Paging
   * links are followed only on Graph's own origin: the access token never goes anywhere else.
   */
  async listContacts(
    options: { mailbox?: string | null; category?: string | null; limit?: number } = {},
  ): Promise<GraphContact[]> {
    const limit = options.limit ?? 10_000;
    const filter = options.category
      ? `&$filter=${encodeURIComponent(`categories/any(c:c eq '${options.category.replace(/'/g, "''")}')`)}`
      : '';
    const path = `${this.root(options.mailbox)}/contacts?$top=200&$select=displayName,givenName,surname,companyName,emailAddresses,categories${filter}`;
    return this.pages<GraphContact>(
      path,
      options.mailbox ? GRAPH_SCOPES_FOR.contactsShared : GRAPH_SCOPES_FOR.contacts,
      limit,
    );
  }

  /** Every page of a collection, following `@odata.nextLink` on Graph's own origin only. */
  private async pages<T>(first: string, scopes: readonly GraphScope[], limit = 10_000): Promise<T[]> {
    const items: T[] = [];
    let path: string | null = first;
    while (path !== null && items.length < limit) {
      const page = (await this.request('GET', path, undefined, 200, scopes)) as {
        value?: T[];
        '@odata.nextLink'?: string;
      } | null;
      items.push(...(page?.value ?? []));
      const next = page?.['@odata.nextLink'];
      path = null;
      if (next) {
        const url = new URL(next);
        if (url.origin !== new URL(this.baseUrl).origin)
          throw new GraphRequestError(
            'rejected',
            200,
            'UntrustedNextLink',
            'Microsoft Graph returned a paging link to another site.',
          );
        path = `${url.pathname.slice(new URL(this.baseUrl).pathname.replace(/\/$/, '').length)}${url.search}`;
      }
    }
    return items.slice(0, limit);
  }

  private root(mailbox: string | null | undefined): string {
    return mailbox ? `/v1.0/users/${encodeURIComponent(mailbox)}` : '/v1.0/me';
  }

  private async request(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body: unknown,
    expected: number,
    scopes: readonly GraphScope[],
  ): Promise<unknown> {
    const token = await this.accessToken(scopes);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        // client-request-id: Graph echoes it and logs it, so a failure can be traced with Microsoft support.
        headers: {
          Authorization: `Bearer ${token}`,
          'client-request-id': crypto.randomUUID(),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new GraphRequestError(
        'ambiguous',
        0,
        'NetworkError',
        error instanceof Error ? error.message : 'The connection was lost.',
      );
    }
    if (response.status === expected)
      return expected === 200 || expected === 201 ? response.json().catch(() => null) : null;
    throw await failureOf(response);
  }
}

/** Sending as oneself needs Mail.Send; with `from` another mailbox, Mail.Send.Shared as well. */
function sendScopes(from: GraphRecipient | undefined): readonly GraphScope[] {
  return from ? [...GRAPH_SCOPES_FOR.send, ...GRAPH_SCOPES_FOR.sendShared] : GRAPH_SCOPES_FOR.send;
}

/** The OData date literal Graph's $filter takes. */
function isoSeconds(at: number): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Byte ranges of an upload session: under Graph's 4 MB, a multiple of 320 KiB as Microsoft recommends. */
const UPLOAD_RANGE_BYTES = 320 * 1024 * 12;

async function failureOf(response: Response): Promise<GraphRequestError> {
  const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = payload?.error?.code ?? `HTTP${response.status}`;
  const text = payload?.error?.message ?? `Microsoft Graph answered ${response.status}.`;
  return new GraphRequestError(
    classify(response.status),
    response.status,
    code,
    text,
    retryAfter(response.headers.get('Retry-After')),
    response.headers.get('request-id'),
  );
}

function classify(status: number): GraphFailureKind {
  if (status === 429) return 'throttled';
  if (status === 503 || status === 408) return 'transient';
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status >= 500) return 'ambiguous';
  return 'rejected';
}

function retryAfter(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
