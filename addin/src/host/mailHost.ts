/**
 * The Office host port: everything the pane needs from the Outlook item it is opened on. The
 * pane talks only to this interface; `officeMailHost.ts` implements it with Office.js (the one
 * module that touches `Office.*`), `playgroundMailHost.ts` with the simulated compose window.
 */
export interface DraftAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  isInline: boolean;
}

export interface Draft {
  subject: string;
  bodyHtml: string;
  attachments: DraftAttachment[];
}

export interface AttachmentContent {
  name: string;
  contentType: string;
  /** The file's bytes, base64-encoded, as Graph's fileAttachment wants them. */
  contentBytes: string;
}

export interface MailHost {
  /** Outlook's display language, a BCP 47 tag such as `fr-FR`. */
  displayLanguage(): string;
  /** The signed-in mailbox's address, used as a sign-in hint. */
  userEmail(): string | null;
  readDraft(): Promise<Draft>;
  /** The content of one of the draft's attachments (Outlook: Mailbox 1.8). */
  readAttachment(id: string): Promise<AttachmentContent>;
}
