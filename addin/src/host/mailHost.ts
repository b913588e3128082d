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

/**
 * How the host lets the pane sign in (Office's "Enable single sign-on with nested app authentication",
 * "Have a fallback when NAA isn't supported"):
 * - `nested`: Outlook brokers MSAL's requests (NestedAppAuth 1.1);
 * - `dialog`: an Outlook without it; sign-in runs in a page of ours opened with the Office dialog API;
 * - `browser`: a plain browser page (the playground), where MSAL's own popup works.
 */
export type AuthBroker =
  { kind: 'nested' } | { kind: 'dialog'; open(url: string): Promise<string> } | { kind: 'browser' };

/** Why the Office dialog did not answer (Office's "Handle errors and events in the Office dialog box"). */
export type AuthDialogFailure = 'closed' | 'blocked' | 'busy' | 'wrong_origin' | 'failed';

export class AuthDialogError extends Error {
  constructor(
    readonly reason: AuthDialogFailure,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'AuthDialogError';
  }
}

/**
 * 12006: the user closed the dialog (or it answered with COOP same-origin); 12009: the user chose
 * Ignore on Office on the web's prompt; 12011: the browser blocks pop-ups; 12007: a dialog is
 * already open from this pane.
 */
export function authDialogFailure(code: number): AuthDialogFailure {
  if (code === 12006) return 'closed';
  if (code === 12009 || code === 12011) return 'blocked';
  if (code === 12007) return 'busy';
  return 'failed';
}

export interface MailHost {
  /** Outlook's display language, a BCP 47 tag such as `fr-FR`. */
  displayLanguage(): string;
  /** The signed-in mailbox's address, used as a sign-in hint. */
  userEmail(): string | null;
  readDraft(): Promise<Draft>;
  /** The content of one of the draft's attachments (Outlook: Mailbox 1.8). */
  readAttachment(id: string): Promise<AttachmentContent>;
  /**
   * Puts text into the message body where the user's cursor is, replacing what is selected
   * (Outlook: `Body.setSelectedDataAsync`, Mailbox 1.1, read/write item). Where the cursor never
   * was in the body, Outlook puts it at the top of the body. The text is text, never markup.
   */
  insertText(text: string): Promise<void>;
  /** How sign-in works in this host. */
  authBroker(): AuthBroker;
}

/**
 * The pane's page was opened outside Outlook (a browser tab, an address typed by hand): Office.js
 * is missing (it loads from Microsoft's CDN) or says it runs in no Office application
 * (`Office.onReady()` resolves with `host: null` there, "Initialize your Office Add-in").
 */
export class NotInOutlookError extends Error {
  constructor() {
    super('Outmerge runs inside Outlook. Open it from a new message.');
    this.name = 'NotInOutlookError';
  }
}
