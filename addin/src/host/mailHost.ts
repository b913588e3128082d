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
  /** A picture shown in the body (a signature logo, a pasted image) rather than a file. */
  isInline: boolean;
  /** The content id the body's `<img src="cid:…">` refers to (Mailbox 1.16); null where the host does not give it. */
  contentId: string | null;
}

export interface Draft {
  subject: string;
  bodyHtml: string;
  attachments: DraftAttachment[];
  /** False where the host cannot read the draft's attachments (Outlook below Mailbox 1.8): messages go without them. */
  attachmentsReadable: boolean;
  /** The address in the message's From (Mailbox 1.7: the user's own, or a shared mailbox); null where the host cannot tell. */
  from: string | null;
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
