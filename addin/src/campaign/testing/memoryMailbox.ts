/**
 * For unit tests only: one Exchange mailbox in memory behind the runner's Graph operations, with
 * what matters for exactly-once sending — drafts carry the row marker, a send is accepted (202)
 * and the message moves from Drafts to Sent Items only after `moveDelayMs` (Graph: "the message is
 * saved in Drafts, then moved"), and each operation can be made to fail. Several panes share one
 * mailbox through `client()`, each with its own call count.
 */
import { GraphRequestError, type GraphFileAttachment, type GraphMessage } from '../../graph/graphMailClient.js';
import { decodedSize } from '../attachmentDelivery.js';
import type { GraphOperations } from '../campaignRunner.js';

export interface StoredMail {
  id: string;
  marker: string;
  to: string[];
  subject: string;
  files: Array<{ name: string; size: number; isInline: boolean; contentId: string | null }>;
  folder: 'drafts' | 'transit' | 'sentitems';
  sends: number;
}

type Operation = 'createDraft' | 'sendDraft' | 'findByMarker' | 'deleteMessage' | 'addAttachment' | 'uploadAttachment';

/** A failure for the next call of an operation: `after` means the call took effect before it failed. */
export interface Fault {
  operation: Operation;
  error: GraphRequestError;
  after?: boolean;
}

export class MemoryMailbox {
  readonly messages = new Map<string, StoredMail>();
  private next = 1;
  private readonly faults: Fault[] = [];
  /** Sent messages in the order Exchange accepted them (a message sent twice shows twice). */
  readonly accepted: StoredMail[] = [];

  constructor(
    private readonly options: {
      moveDelayMs?: number;
      refuseSend?: (mail: StoredMail) => GraphRequestError | null;
    } = {},
  ) {}

  fail(fault: Fault): void {
    this.faults.push(fault);
  }

  sentItems(): StoredMail[] {
    return [...this.messages.values()].filter((m) => m.folder === 'sentitems');
  }

  drafts(): StoredMail[] {
    return [...this.messages.values()].filter((m) => m.folder === 'drafts');
  }

  /** The Graph operations one pane uses; `calls` counts what this pane asked. */
  client(): GraphOperations & { calls: Record<Operation, number> } {
    const calls: Record<Operation, number> = {
      createDraft: 0,
      sendDraft: 0,
      findByMarker: 0,
      deleteMessage: 0,
      addAttachment: 0,
      uploadAttachment: 0,
    };
    const run = async <T>(operation: Operation, work: () => T): Promise<T> => {
      calls[operation]++;
      await Promise.resolve();
      const index = this.faults.findIndex((f) => f.operation === operation);
      const fault = index >= 0 ? this.faults.splice(index, 1)[0] : undefined;
      if (fault && !fault.after) throw fault.error;
      const result = work();
      if (fault) throw fault.error;
      return result;
    };
    const file = (a: GraphFileAttachment) => ({
      name: a.name,
      size: decodedSize(a.contentBytes),
      isInline: a.isInline === true,
      contentId: a.contentId ?? null,
    });
    return {
      calls,
      createDraft: (message: GraphMessage) =>
        run('createDraft', () => {
          const id = `m${this.next++}`;
          const marker = message.singleValueExtendedProperties?.[0]?.value ?? '';
          this.messages.set(id, {
            id,
            marker,
            to: message.toRecipients.map((r) => r.emailAddress.address),
            subject: message.subject,
            files: (message.attachments ?? []).map(file),
            folder: 'drafts',
            sends: 0,
          });
          return id;
        }),
      addAttachment: (id, attachment) => run('addAttachment', () => void this.draft(id).files.push(file(attachment))),
      uploadAttachment: (id, upload) =>
        run(
          'uploadAttachment',
          () =>
            void this.draft(id).files.push({
              name: upload.name,
              size: upload.bytes.length,
              isInline: false,
              contentId: null,
            }),
        ),
      sendDraft: (id) =>
        run('sendDraft', () => {
          const mail = this.draft(id);
          const refused = this.options.refuseSend?.(mail);
          if (refused) throw refused;
          mail.sends++;
          this.accepted.push(mail);
          // Accepted: Exchange moves it to Sent Items afterwards.
          mail.folder = 'transit';
          const move = () => void (mail.folder = 'sentitems');
          if ((this.options.moveDelayMs ?? 0) > 0) setTimeout(move, this.options.moveDelayMs);
          else move();
        }),
      findByMarker: (folder, marker) =>
        run('findByMarker', () =>
          [...this.messages.values()]
            // In transit, a message is still in Drafts (Graph), until it shows in Sent Items.
            .filter(
              (m) =>
                m.marker === marker &&
                (folder === 'sentitems' ? m.folder === 'sentitems' : m.folder === 'drafts' || m.folder === 'transit'),
            )
            .map((m) => m.id),
        ),
      deleteMessage: (id) =>
        run('deleteMessage', () => {
          if (!this.messages.has(id))
            throw new GraphRequestError(
              'rejected',
              404,
              'ErrorItemNotFound',
              'The specified object was not found in the store.',
            );
          this.messages.delete(id);
        }),
    };
  }

  private draft(id: string): StoredMail {
    const mail = this.messages.get(id);
    if (!mail || mail.folder !== 'drafts')
      throw new GraphRequestError(
        'rejected',
        404,
        'ErrorItemNotFound',
        'The specified object was not found in the store.',
      );
    return mail;
  }
}
