/**
 * The Office host port implemented with Office.js: the only module in the code base that
 * touches `Office.*`. Office.js itself is loaded from Microsoft's CDN by taskpane.html.
 */
import type { AttachmentContent, Draft, DraftAttachment, MailHost } from './mailHost.js';

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

  /** Resolves once Office.js is ready inside Outlook. */
  static async initialize(): Promise<OfficeMailHost> {
    const info = await Office.onReady();
    if (info.host !== Office.HostType.Outlook) throw new Error('Outmerge runs inside Outlook. Open it from a new message.');
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
    const bodyHtml = bodyType === Office.CoercionType.Html ? await asPromise<string>((cb) => item.body.getAsync(Office.CoercionType.Html, cb)) : escapeText(await asPromise<string>((cb) => item.body.getAsync(Office.CoercionType.Text, cb)));
    let attachments: DraftAttachment[] = [];
    // Reading attachments of the item being composed needs Mailbox 1.8.
    if (Office.context.requirements.isSetSupported('Mailbox', '1.8')) {
      const details = await asPromise<Office.AttachmentDetailsCompose[]>((cb) => item.getAttachmentsAsync(cb));
      // Compose-mode details carry no MIME type; it is read with the content when the message is sent.
      attachments = details.map((a) => ({ id: a.id, name: a.name, size: a.size, contentType: 'application/octet-stream', isInline: a.isInline }));
    }
    return { subject, bodyHtml, attachments };
  }

  async readAttachment(id: string): Promise<AttachmentContent> {
    const item = Office.context.mailbox.item as Office.MessageCompose;
    const details = (await asPromise<Office.AttachmentDetailsCompose[]>((cb) => item.getAttachmentsAsync(cb))).find((a) => a.id === id);
    const content = await asPromise<Office.AttachmentContent>((cb) => item.getAttachmentContentAsync(id, cb));
    if (content.format !== Office.MailboxEnums.AttachmentContentFormat.Base64) throw new Error(`${details?.name ?? id} is not a file (cloud attachments and items cannot be sent per row).`);
    return { name: details?.name ?? id, contentType: 'application/octet-stream', contentBytes: content.content };
  }
}

function escapeText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch] ?? ch))
    .join('<br>');
}
