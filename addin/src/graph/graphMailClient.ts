/**
 * The production Microsoft Graph mail client (M6). Its base URL is configuration: Microsoft
 * Graph in production, the server's stand-in in the embedded default; the code is the same.
 * Sending from a shared mailbox uses `/users/{id}/sendMail`: `/me/sendMail` would silently send
 * as the user.
 *
 * Failures are classified for the campaign runner, because a send is not idempotent:
 * - throttled (429): not processed, retry after Retry-After;
 * - transient (503, 408): not processed, retry with backoff;
 * - ambiguous (network drop, timeout, 500/502/504): Graph may have delivered it, never resend blindly;
 * - rejected (other 4xx), auth (401), forbidden (403): will not succeed as is.
 */
import { markerFilter } from '../../../shared/src/api/graphMarker.js';
import { graphScopesFor, type GraphScope } from '../../../shared/src/api/graphScopes.js';

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
  attachments?: GraphFileAttachment[];
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

  /** Sends one message; resolves on 202 Accepted. `mailbox` is a shared mailbox's address, or omitted for the user's own. */
  async sendMail(message: GraphMessage, options: { mailbox?: string | null } = {}): Promise<void> {
    await this.request('POST', `${this.root(options.mailbox)}/sendMail`, { message, saveToSentItems: true }, 202, graphScopesFor('send', options.mailbox));
  }

  /** Creates the message as a draft in the mailbox's Drafts; returns its id. */
  async createDraft(message: GraphMessage, options: { mailbox?: string | null } = {}): Promise<string> {
    const created = (await this.request('POST', `${this.root(options.mailbox)}/messages`, message, 201, graphScopesFor('mailbox', options.mailbox))) as { id?: unknown } | null;
    if (typeof created?.id !== 'string') throw new GraphRequestError('ambiguous', 201, 'MalformedResponse', 'Microsoft Graph created the draft but sent no id.');
    return created.id;
  }

  /** Sends a draft; it moves to Sent Items. */
  async sendDraft(id: string, options: { mailbox?: string | null } = {}): Promise<void> {
    await this.request('POST', `${this.root(options.mailbox)}/messages/${encodeURIComponent(id)}/send`, undefined, 202, graphScopesFor('send', options.mailbox));
  }

  /** Adds one file to a draft (files under 3 MB that do not fit in the draft's own 4 MB request). */
  async addAttachment(messageId: string, attachment: GraphFileAttachment, options: { mailbox?: string | null } = {}): Promise<void> {
    await this.request('POST', `${this.root(options.mailbox)}/messages/${encodeURIComponent(messageId)}/attachments`, attachment, 201, graphScopesFor('mailbox', options.mailbox));
  }

  /**
   * Adds a file of 3 to 150 MB to a draft through an upload session: the session's URL is
   * pre-authenticated (no Authorization header goes there) and takes byte ranges in order. A
   * failed upload attaches nothing; starting again means a new session.
   */
  async uploadAttachment(messageId: string, file: { name: string; contentType: string; bytes: Uint8Array }, options: { mailbox?: string | null } = {}): Promise<void> {
    const size = file.bytes.length;
    const session = (await this.request('POST', `${this.root(options.mailbox)}/messages/${encodeURIComponent(messageId)}/attachments/createUploadSession`, { AttachmentItem: { attachmentType: 'file', name: file.name, size, contentType: file.contentType } }, 201, graphScopesFor('mailbox', options.mailbox))) as {
      uploadUrl?: unknown;
    } | null;
    if (typeof session?.uploadUrl !== 'string') throw new GraphRequestError('ambiguous', 201, 'MalformedResponse', 'Microsoft Graph opened an upload session but sent no upload URL.');
    const uploadUrl = new URL(session.uploadUrl);
    // The file goes only to an HTTPS address (Exchange's), or to the stand-in's own origin in development.
    if (uploadUrl.protocol !== 'https:' && uploadUrl.origin !== new URL(this.baseUrl).origin) throw new GraphRequestError('rejected', 201, 'UntrustedUploadUrl', 'Microsoft Graph returned an upload address that is not HTTPS.');
    for (let start = 0; start < size; start += UPLOAD_RANGE_BYTES) {
      const end = Math.min(size, start + UPLOAD_RANGE_BYTES) - 1;
      let response: Response;
      try {
        response = await this.fetchImpl(uploadUrl, { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream', 'Content-Range': `bytes ${start}-${end}/${size}` }, body: file.bytes.slice(start, end + 1) });
      } catch (error) {
        throw new GraphRequestError('ambiguous', 0, 'NetworkError', error instanceof Error ? error.message : 'The connection was lost.');
      }
      const expected = end === size - 1 ? 201 : 200;
      if (response.status !== expected) throw await failureOf(response);
      await response.body?.cancel();
    }
  }

  async deleteMessage(id: string, options: { mailbox?: string | null } = {}): Promise<void> {
    await this.request('DELETE', `${this.root(options.mailbox)}/messages/${encodeURIComponent(id)}`, undefined, 204, graphScopesFor('mailbox', options.mailbox));
  }

  /** Messages of Drafts or Sent Items carrying a row marker (see shared/src/api/graphMarker.ts). */
  async findByMarker(folder: 'drafts' | 'sentitems', marker: string, options: { mailbox?: string | null } = {}): Promise<string[]> {
    const query = `$filter=${encodeURIComponent(markerFilter(marker))}&$select=id`;
    const found = (await this.request('GET', `${this.root(options.mailbox)}/mailFolders/${folder}/messages?${query}`, undefined, 200, graphScopesFor('mailbox', options.mailbox))) as { value?: Array<{ id: string }> } | null;
    return (found?.value ?? []).map((m) => m.id);
  }

  /**
   * Contacts of the user's or a shared mailbox, optionally of one category, all pages. Paging
   * links are followed only on Graph's own origin: the access token never goes anywhere else.
   */
  async listContacts(options: { mailbox?: string | null; category?: string | null; limit?: number } = {}): Promise<GraphContact[]> {
    const limit = options.limit ?? 10_000;
    const filter = options.category ? `&$filter=${encodeURIComponent(`categories/any(c:c eq '${options.category.replace(/'/g, "''")}')`)}` : '';
    let path: string | null = `${this.root(options.mailbox)}/contacts?$top=200&$select=displayName,givenName,surname,companyName,emailAddresses,categories${filter}`;
    const contacts: GraphContact[] = [];
    while (path !== null && contacts.length < limit) {
      const page = (await this.request('GET', path, undefined, 200, graphScopesFor('contacts', options.mailbox))) as { value?: GraphContact[]; '@odata.nextLink'?: string } | null;
      contacts.push(...(page?.value ?? []));
      const next = page?.['@odata.nextLink'];
      path = null;
      if (next) {
        const url = new URL(next);
        if (url.origin !== new URL(this.baseUrl).origin) throw new GraphRequestError('rejected', 200, 'UntrustedNextLink', 'Microsoft Graph returned a paging link to another site.');
        path = `${url.pathname.slice(new URL(this.baseUrl).pathname.replace(/\/$/, '').length)}${url.search}`;
      }
    }
    return contacts.slice(0, limit);
  }

  private root(mailbox: string | null | undefined): string {
    return mailbox ? `/v1.0/users/${encodeURIComponent(mailbox)}` : '/v1.0/me';
  }

  private async request(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, expected: number, scopes: readonly GraphScope[]): Promise<unknown> {
    const token = await this.accessToken(scopes);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new GraphRequestError('ambiguous', 0, 'NetworkError', error instanceof Error ? error.message : 'The connection was lost.');
    }
    if (response.status === expected) return expected === 200 || expected === 201 ? response.json().catch(() => null) : null;
    throw await failureOf(response);
  }
}

/** Byte ranges of an upload session: under Graph's 4 MB, a multiple of 320 KiB as Microsoft recommends. */
const UPLOAD_RANGE_BYTES = 320 * 1024 * 12;

async function failureOf(response: Response): Promise<GraphRequestError> {
  const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  const code = payload?.error?.code ?? `HTTP${response.status}`;
  const text = payload?.error?.message ?? `Microsoft Graph answered ${response.status}.`;
  return new GraphRequestError(classify(response.status), response.status, code, text, retryAfter(response.headers.get('Retry-After')));
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
