/**
 * The Office host port for the playground: the "draft" is the simulated compose window on the
 * same page. The window can play an older Outlook (a lower Mailbox requirement set), and the port
 * then gives exactly what officeMailHost.ts gives on such a host: no From below 1.7, no
 * attachments below 1.8, no inline image content ids below 1.16.
 */
import type { AttachmentContent, AuthBroker, Draft, DraftAttachment, MailHost } from './mailHost.js';

export interface PlaygroundAttachment extends DraftAttachment {
  contentBytes: string;
}

/** Mailbox requirement sets the playground can play: the current one, one without content ids, one without From and attachments. */
export const SIMULATED_REQUIREMENT_SETS = ['1.16', '1.15', '1.6'] as const;
export type SimulatedRequirementSet = (typeof SIMULATED_REQUIREMENT_SETS)[number];

export interface PlaygroundCompose {
  subject: string;
  bodyHtml: string;
  attachments: PlaygroundAttachment[];
  /** The From picked in the compose window; null for the user's own mailbox. */
  from: string | null;
}

/** Body.setSelectedDataAsync's limit (office-js-docs-reference, `office.body.yml`). */
const MAX_INSERTED_CHARACTERS = 1_000_000;

function atLeast(version: SimulatedRequirementSet, wanted: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [wantedMajor = 0, wantedMinor = 0] = wanted.split('.').map(Number);
  return major > wantedMajor || (major === wantedMajor && minor >= wantedMinor);
}

export class PlaygroundMailHost implements MailHost {
  constructor(
    private readonly compose: () => PlaygroundCompose,
    private readonly language: () => string,
    /** The mailbox the simulated Outlook is signed in to. */
    private readonly mailbox: () => string | null,
    private readonly requirementSet: () => SimulatedRequirementSet = () => '1.16',
    /** The compose window puts text at its remembered cursor (see Playground.tsx). */
    private readonly insertAtCursor: (text: string) => void = () => {
      throw new Error('This compose window cannot take text from the pane.');
    },
  ) {}

  displayLanguage(): string {
    return this.language();
  }

  userEmail(): string | null {
    return this.mailbox();
  }

  async readDraft(): Promise<Draft> {
    const { subject, bodyHtml, attachments, from } = this.compose();
    const version = this.requirementSet();
    const attachmentsReadable = atLeast(version, '1.8');
    const contentIds = atLeast(version, '1.16');
    return {
      subject,
      bodyHtml,
      attachmentsReadable,
      attachments: attachmentsReadable
        ? attachments.map(({ contentBytes: _content, ...metadata }) => ({
            ...metadata,
            contentId: contentIds && metadata.isInline ? metadata.contentId : null,
          }))
        : [],
      from: atLeast(version, '1.7') ? (from ?? this.mailbox()) : null,
    };
  }

  /** A plain browser page: no Office broker and no Office dialog are needed here; MSAL's own popup works. */
  authBroker(): AuthBroker {
    return { kind: 'browser' };
  }

  /** As Outlook's `Body.setSelectedDataAsync`: at most 1,000,000 characters (`DataExceedsMaximumSize`). */
  async insertText(text: string): Promise<void> {
    if (text.length > MAX_INSERTED_CHARACTERS)
      throw new Error('DataExceedsMaximumSize: The data parameter is longer than 1,000,000 characters.');
    this.insertAtCursor(text);
  }

  async readAttachment(id: string): Promise<AttachmentContent> {
    const attachment = this.compose().attachments.find((a) => a.id === id);
    if (!attachment) throw new Error('This attachment is no longer in the message.');
    return { name: attachment.name, contentType: attachment.contentType, contentBytes: attachment.contentBytes };
  }
}
