/**
 * The Office host port implemented with Office.js: the only module in the code base that
 * touches `Office.*`. Office.js itself is loaded from Microsoft's CDN by taskpane.html.
 */
import { plainTextToHtml } from '#shared/html/escapeHtml.js';
import {
  AuthDialogError,
  authDialogFailure,
  NotInOutlookError,
  type AttachmentContent,
  type AuthBroker,
  type Draft,
  type DraftAttachment,
  type MailHost,
} from './mailHost.js';

function asPromise<T>(call: (callback: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    call((result) => {
      if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
      else reject(new Error(result.error?.message ?? 'Outlook did not answer.'));
    });
  });
}

export class OfficeMailHost implements MailHost {
  private constructor() {}

  /** Resolves once Office.js is ready inside Outlook; NotInOutlookError anywhere else. */
  static async initialize(): Promise<OfficeMailHost> {
    // Office.js is a script from Microsoft's CDN: a page opened offline or with it blocked has no `Office` at all.
    if (typeof Office === 'undefined') throw new NotInOutlookError();
    const info = await Office.onReady();
    if (info.host !== Office.HostType.Outlook) throw new NotInOutlookError();
    return new OfficeMailHost();
  }

  displayLanguage(): string {
    return Office.context.displayLanguage || 'en-US';
  }

  userEmail(): string | null {
    return Office.context.mailbox.userProfile?.emailAddress ?? null;
  }

  async readDraft(): Promise<Draft> {
    const item = Office.context.mailbox.item as Office.MessageCompose;
    const subject = await asPromise<string>((cb) => item.subject.getAsync(cb));
    const bodyType = await asPromise<Office.CoercionType>((cb) => item.body.getTypeAsync(cb));
    const bodyHtml =
      bodyType === Office.CoercionType.Html
        ? await asPromise<string>((cb) => item.body.getAsync(Office.CoercionType.Html, cb))
        : plainTextToHtml(await asPromise<string>((cb) => item.body.getAsync(Office.CoercionType.Text, cb)));
    let attachments: DraftAttachment[] = [];
    // Reading attachments of the item being composed needs Mailbox 1.8; an inline image's content id, 1.16.
    const attachmentsReadable = Office.context.requirements.isSetSupported('Mailbox', '1.8');
    if (attachmentsReadable) {
      const details = await asPromise<Office.AttachmentDetailsCompose[]>((cb) => item.getAttachmentsAsync(cb));
      const contentIds = Office.context.requirements.isSetSupported('Mailbox', '1.16');
      attachments = details.map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        contentType: contentTypeOf(a.name),
        isInline: a.isInline,
        contentId: contentIds && a.isInline && a.contentId ? a.contentId : null,
      }));
    }
    // The compose From (Mailbox 1.7): the user's own address, or the shared mailbox they picked.
    const from = Office.context.requirements.isSetSupported('Mailbox', '1.7')
      ? ((await asPromise<Office.EmailAddressDetails>((cb) => item.from.getAsync(cb))).emailAddress ?? null)
      : null;
    return { subject, bodyHtml, attachments, attachmentsReadable, from };
  }

  /**
   * Nested app authentication where Outlook supports it; elsewhere (Outlook.com mailboxes, builds
   * before NAA) the Office dialog API, as Microsoft's Outlook-Add-in-SSO-NAA sample falls back.
   */
  authBroker(): AuthBroker {
    if (Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')) return { kind: 'nested' };
    return { kind: 'dialog', open: (url) => openDialog(url) };
  }

  /**
   * Text coercion into an HTML or a plain-text body alike (office-js-docs-pr
   * `docs/outlook/insert-data-in-the-body.md`, the coercion table): a column's name goes in as
   * text, so it can never be read as markup, and a plain-text body never refuses it.
   */
  async insertText(text: string): Promise<void> {
    const item = Office.context.mailbox.item as Office.MessageCompose;
    await asPromise<void>((cb) => item.body.setSelectedDataAsync(text, { coercionType: Office.CoercionType.Text }, cb));
  }

  async readAttachment(id: string): Promise<AttachmentContent> {
    const item = Office.context.mailbox.item as Office.MessageCompose;
    const details = (await asPromise<Office.AttachmentDetailsCompose[]>((cb) => item.getAttachmentsAsync(cb))).find(
      (a) => a.id === id,
    );
    const content = await asPromise<Office.AttachmentContent>((cb) => item.getAttachmentContentAsync(id, cb));
    if (content.format !== Office.MailboxEnums.AttachmentContentFormat.Base64)
      throw new Error(`${details?.name ?? id} is not a file (cloud attachments and items cannot be sent per row).`);
    return {
      name: details?.name ?? id,
      contentType: contentTypeOf(details?.name ?? ''),
      contentBytes: content.content,
    };
  }
}

/**
 * Compose-mode attachment details carry no MIME type. Pictures get theirs from the name, so that
 * mail clients show an inline image (MS-OXCMAIL 2.2.3.4.1.4.1 lists the image types treated as
 * inline); anything else stays a plain file.
 */
function contentTypeOf(name: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return (
    (
      { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp' } as Record<
        string,
        string
      >
    )[extension] ?? 'application/octet-stream'
  );
}

/**
 * Opens one of our pages in the Office dialog and resolves with its first message. Only a message
 * from our own origin counts (Dialog Origin 1.1 reports it; older hosts deliver only same-domain
 * messages). The dialog is closed once it has answered.
 */
function openDialog(url: string): Promise<string> {
  const expectedOrigin = new URL(url).origin;
  return new Promise((resolve, reject) => {
    // 60 % × 30 % of the screen, as Microsoft's sample; the sign-in page itself comes from Entra.
    Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (result) => {
      if (result.status === Office.AsyncResultStatus.Failed) {
        reject(new AuthDialogError(authDialogFailure(result.error.code), result.error.code, result.error.message));
        return;
      }
      const dialog = result.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        if ('error' in arg)
          reject(
            new AuthDialogError(authDialogFailure(arg.error), arg.error, `The sign-in window reported ${arg.error}.`),
          );
        else if (arg.origin !== undefined && arg.origin !== expectedOrigin)
          reject(new AuthDialogError('wrong_origin', null, `The sign-in window answered from ${arg.origin}.`));
        else resolve(arg.message);
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        if ('error' in arg)
          reject(
            new AuthDialogError(authDialogFailure(arg.error), arg.error, `The sign-in window reported ${arg.error}.`),
          );
      });
    });
  });
}

/**
 * For the sign-in page inside the Office dialog: hands its result to the pane that opened it. The
 * target is our own origin (the pane's), never "*": the message carries an access token.
 */
export async function sendToDialogParent(message: string): Promise<void> {
  await Office.onReady();
  Office.context.ui.messageParent(message, { targetOrigin: window.location.origin });
}
