/**
 * The stand-in's side of Graph upload sessions (attachment: createUploadSession), used for
 * attachments of 3 to 150 MB: the client asks for a session on a draft, then PUTs the file in
 * byte ranges of at most 4 MiB, in order, to the pre-authenticated upload URL — without an
 * Authorization header, which Graph refuses there. The last range attaches the file to the draft.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { GraphError, type MailboxStore } from './mailboxStore.js';

export const MIN_UPLOAD_BYTES = 3 * 1024 * 1024;
export const MAX_UPLOAD_BYTES = 150 * 1024 * 1024;
export const MAX_RANGE_BYTES = 4 * 1024 * 1024;
const SESSION_LIFETIME_MS = 15 * 60_000;

export interface UploadSession {
  id: string;
  token: string;
  /** The app (token `azp`) whose Outlook service limits the bytes count against. */
  app: string;
  mailbox: string;
  messageId: string;
  name: string;
  contentType: string;
  size: number;
  received: number;
  expiresAt: number;
}

export class UploadSessions {
  private readonly sessions = new Map<string, UploadSession>();

  constructor(
    private readonly store: MailboxStore,
    private readonly clock: () => number,
  ) {}

  /** Opens a session for `{ AttachmentItem: { attachmentType: 'file', name, size, contentType? } }` on a draft. */
  create(app: string, mailbox: string, messageId: string, body: unknown): UploadSession {
    const item = (
      body as {
        AttachmentItem?: { attachmentType?: unknown; name?: unknown; size?: unknown; contentType?: unknown };
      } | null
    )?.AttachmentItem;
    if (
      !item ||
      item.attachmentType !== 'file' ||
      typeof item.name !== 'string' ||
      item.name === '' ||
      !Number.isSafeInteger(item.size)
    ) {
      throw new GraphError(
        400,
        'ErrorInvalidRequest',
        'AttachmentItem needs attachmentType "file", a name and a size.',
      );
    }
    const size = item.size as number;
    if (size < MIN_UPLOAD_BYTES)
      throw new GraphError(
        400,
        'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize',
        'Attachment size must be at least 3 MB; send smaller files inline.',
      );
    if (size > MAX_UPLOAD_BYTES)
      throw new GraphError(413, 'ErrorAttachmentSizeTooLarge', 'The attachment exceeds the maximum size of 150 MB.');
    this.store.draft(mailbox, messageId);
    this.expire();
    const session: UploadSession = {
      id: randomUUID(),
      token: randomBytes(24).toString('base64url'),
      app,
      mailbox,
      messageId,
      name: item.name,
      contentType: typeof item.contentType === 'string' ? item.contentType : 'application/octet-stream',
      size,
      received: 0,
      expiresAt: this.clock() + SESSION_LIFETIME_MS,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session an upload URL names, if its token is right and it has not expired. */
  find(id: string, token: unknown): UploadSession {
    const session = this.sessions.get(id);
    if (
      !session ||
      session.expiresAt < this.clock() ||
      typeof token !== 'string' ||
      !sameSecret(token, session.token)
    ) {
      throw new GraphError(404, 'ErrorItemNotFound', 'The upload session was not found or has expired.');
    }
    return session;
  }

  /** Takes one byte range; the last one attaches the file. Ranges must arrive in order. */
  put(
    id: string,
    token: unknown,
    authorization: unknown,
    contentRange: unknown,
    chunk: Buffer,
  ): { complete: boolean; session: UploadSession } {
    const session = this.find(id, token);
    // The URL is pre-authenticated; Microsoft: "Do not specify an Authorization request header".
    if (authorization !== undefined)
      throw new GraphError(
        401,
        'InvalidAuthenticationToken',
        'Do not send an Authorization header to a pre-authenticated upload URL.',
      );
    const range = typeof contentRange === 'string' ? /^bytes (\d+)-(\d+)\/(\d+)$/.exec(contentRange) : null;
    if (!range) throw new GraphError(400, 'ErrorInvalidRequest', 'Content-Range "bytes start-end/size" is required.');
    const [start, end, total] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (
      total !== session.size ||
      start !== session.received ||
      end < start ||
      end >= total ||
      end - start + 1 !== chunk.length
    ) {
      throw new GraphError(416, 'ErrorInvalidRange', `The next expected range is ${session.received}-.`);
    }
    if (chunk.length > MAX_RANGE_BYTES)
      throw new GraphError(413, 'ErrorRequestEntityTooLarge', 'Each byte range must be at most 4 MB.');
    session.received = end + 1;
    if (session.received < session.size) return { complete: false, session };
    this.store.attach(session.mailbox, session.messageId, {
      name: session.name,
      contentType: session.contentType,
      size: session.size,
    });
    this.sessions.delete(id);
    return { complete: true, session };
  }

  private expire(): void {
    const now = this.clock();
    for (const [id, session] of this.sessions) if (session.expiresAt < now) this.sessions.delete(id);
  }
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
