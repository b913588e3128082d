/** The Office host port for the playground: the "draft" is the simulated compose window on the same page. */
import type { Draft, MailHost } from './mailHost.js';

export class PlaygroundMailHost implements MailHost {
  constructor(
    private readonly compose: () => { subject: string; bodyHtml: string },
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
    const { subject, bodyHtml } = this.compose();
    return { subject, bodyHtml, attachments: [] };
  }
}
