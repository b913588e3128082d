/** The Office host port for the playground: the "draft" is the simulated compose window on the same page. */
import type { AttachmentContent, AuthBroker, Draft, DraftAttachment, MailHost } from './mailHost.js';

export interface PlaygroundAttachment extends DraftAttachment {
  contentBytes: string;
}

export class PlaygroundMailHost implements MailHost {
  constructor(
    private readonly compose: () => { subject: string; bodyHtml: string; attachments: PlaygroundAttachment[] },
    private readonly language: () => string,
    private readonly mailbox: () => string | null,
  ) {}

  displayLanguage(): string {
    return this.language();
  }

  userEmail(): string | null {
    return this.mailbox();
  }

  async readDraft(): Promise<Draft> {
    const { subject, bodyHtml, attachments } = this.compose();
    return { subject, bodyHtml, attachments: attachments.map(({ contentBytes: _content, ...metadata }) => metadata) };
  }

  /** A plain browser page: no Office broker and no Office dialog are needed here; MSAL's own popup works. */
  authBroker(): AuthBroker {
    return { kind: 'browser' };
  }

  async readAttachment(id: string): Promise<AttachmentContent> {
    const attachment = this.compose().attachments.find((a) => a.id === id);
    if (!attachment) throw new Error('This attachment is no longer in the message.');
    return { name: attachment.name, contentType: attachment.contentType, contentBytes: attachment.contentBytes };
  }
}
