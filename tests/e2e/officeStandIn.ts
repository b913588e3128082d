/**
 * Office.js for tests, in place of Microsoft's CDN script (routed; production pages keep the CDN
 * address). Two faces, as Office documents them:
 * - in the task pane, an Outlook compose item (subject, HTML body, From, Mailbox up to 1.7, the
 *   user's address and display language; `body.setSelectedDataAsync` puts data at the top of the body, where
 *   Office puts it when the cursor never was in the body, text escaped as text, reported to the
 *   test through `onBodyChanged`), NestedAppAuth as configured, and `displayDialogAsync` with the
 *   refusals of "Handle errors and events in the Office dialog box": HTTPS only (12005), the pane's
 *   own domain only (12004), one dialog at a time (12007); it appends `_host_info` to the dialog's
 *   first address, as Office does, and delivers the dialog's messages with their origin;
 * - in the dialog, only `messageParent` and `requirements.isSetSupported` ("Best practices and rules
 *   for the Office dialog API"); `_host_info` kept in the dialog's session storage across its
 *   redirects, as Office keeps it, and `messageParent` refused outside a dialog.
 * Messages travel on a BroadcastChannel of the add-in's origin (Office's own transport is internal).
 * Every message a dialog sends is also handed to the test.
 */
import type { BrowserContext } from 'playwright-core';

export interface DialogMessage {
  message: string;
  targetOrigin: string | null;
  page: string;
}

export interface OutlookItem {
  displayLanguage: string;
  email: string;
  subject: string;
  bodyHtml: string;
  nestedAppAuth: boolean;
}

const DIALOG_PATH = '/auth-dialog.html';

const DIALOG_SCRIPT = `(() => {
  const KEY = '_host_info';
  const fromUrl = new URLSearchParams(location.search).get(KEY);
  if (fromUrl) sessionStorage.setItem(KEY, fromUrl);
  const id = sessionStorage.getItem(KEY);
  const channel = new BroadcastChannel('office-dialog-stand-in');
  channel.onmessage = (event) => { if (event.data.id === id && event.data.kind === 'close') window.close(); };
  const messageParent = (message, options) => {
    if (!id) throw new Error('messageParent is only available in a dialog opened with displayDialogAsync.');
    if (typeof message !== 'string') throw new TypeError('messageParent takes a string.');
    const targetOrigin = options && options.targetOrigin ? options.targetOrigin : null;
    window.__officeDialogMessageParent(message, targetOrigin, location.pathname);
    // Delivered to the parent only on the target domain: the dialog's own unless targetOrigin says otherwise.
    channel.postMessage({ id, kind: 'message', message, origin: location.origin, targetOrigin: targetOrigin || location.origin });
  };
  window.Office = Object.freeze({
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    context: Object.freeze({ requirements: Object.freeze({ isSetSupported: () => true }), ui: Object.freeze({ messageParent }) }),
  });
})();`;

function hostScript(item: OutlookItem): string {
  return `(() => {
  const item = ${JSON.stringify(item)};
  const ok = (value) => ({ status: 'succeeded', value });
  const failed = (code, message) => ({ status: 'failed', error: { code, name: 'Error ' + code, message } });
  const channel = new BroadcastChannel('office-dialog-stand-in');
  let open = null;
  channel.onmessage = (event) => {
    const data = event.data;
    if (!open || data.id !== open.id || data.kind !== 'message' || data.targetOrigin !== location.origin) return;
    for (const handler of open.handlers.dialogMessageReceived || []) handler({ message: data.message, origin: data.origin });
  };
  function displayDialogAsync(url, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    const target = new URL(url, location.href);
    if (target.protocol !== 'https:') return callback(failed(12005, 'The URL passed to displayDialogAsync uses the HTTP protocol. HTTPS is required.'));
    if (target.origin !== location.origin) return callback(failed(12004, 'The domain of the URL passed to displayDialogAsync is not trusted.'));
    if (open) return callback(failed(12007, 'The operation failed because this add-in already has an active dialog.'));
    const id = crypto.randomUUID();
    target.searchParams.append('_host_info', id);
    const handlers = {};
    open = { id, handlers };
    window.open(target.href, '_blank', 'popup,width=' + Math.round(screen.width * (options.width || 80) / 100) + ',height=' + Math.round(screen.height * (options.height || 80) / 100));
    callback(ok({
      addEventHandler(type, handler) { (handlers[type] = handlers[type] || []).push(handler); },
      close() { channel.postMessage({ id, kind: 'close' }); if (open && open.id === id) open = null; },
    }));
  }
  const minor = (version) => Number(String(version).split('.')[1] || 0);
  window.Office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    HostType: { Outlook: 'Outlook' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    CoercionType: { Html: 'html', Text: 'text' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    MailboxEnums: { AttachmentContentFormat: { Base64: 'base64', Url: 'url', Eml: 'eml', ICalendar: 'iCalendar' } },
    context: {
      displayLanguage: item.displayLanguage,
      requirements: { isSetSupported: (name, version) => name === 'NestedAppAuth' ? item.nestedAppAuth : name === 'Mailbox' ? minor(version) <= 7 : false },
      mailbox: {
        userProfile: { emailAddress: item.email, displayName: item.email, accountType: 'office365' },
        item: {
          subject: { getAsync: (callback) => callback(ok(item.subject)) },
          // Mailbox 1.7, which isSetSupported reports: the compose From (the user's own mailbox here).
          from: { getAsync: (options, callback) => (typeof options === 'function' ? options : callback)(ok({ emailAddress: item.email, displayName: item.email, recipientType: 'user' })) },
          body: {
            getTypeAsync: (callback) => callback(ok('html')),
            getAsync: (type, options, callback) => (typeof options === 'function' ? options : callback)(ok(type === 'html' ? item.bodyHtml : item.bodyHtml.replace(/<[^>]+>/g, ''))),
            // Body.setSelectedDataAsync (Mailbox 1.1): at most 1,000,000 characters; text is text in an HTML body;
            // the cursor was never in this body, so the data goes at the top of the body's content.
            setSelectedDataAsync: (data, options, callback) => {
              if (typeof options === 'function') { callback = options; options = {}; }
              const done = callback || (() => {});
              if (typeof data !== 'string') return done({ status: 'failed', error: { name: 'InvalidDataFormat', message: 'The data must be a string.' } });
              if (data.length > 1000000) return done({ status: 'failed', error: { name: 'DataExceedsMaximumSize', message: 'The data parameter is longer than 1,000,000 characters.' } });
              const asText = !options || !options.coercionType || options.coercionType === 'text';
              const inserted = asText ? data.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') : data;
              const open = /<body[^>]*>/i.exec(item.bodyHtml);
              const at = open ? open.index + open[0].length : 0;
              item.bodyHtml = item.bodyHtml.slice(0, at) + inserted + item.bodyHtml.slice(at);
              window.__officeBodyChanged && window.__officeBodyChanged(item.bodyHtml);
              done(ok(undefined));
            },
          },
        },
      },
      ui: { displayDialogAsync },
    },
  };
})();`;
}

export async function installOffice(
  context: BrowserContext,
  item: OutlookItem,
  onBodyChanged?: (bodyHtml: string) => void,
): Promise<DialogMessage[]> {
  const messages: DialogMessage[] = [];
  if (onBodyChanged) await context.exposeFunction('__officeBodyChanged', onBodyChanged);
  await context.exposeFunction(
    '__officeDialogMessageParent',
    (message: string, targetOrigin: string | null, page: string) => {
      messages.push({ message, targetOrigin, page });
    },
  );
  await context.route('https://appsforoffice.microsoft.com/lib/1/hosted/office.js', (route) => {
    const page = new URL(route.request().frame().url()).pathname;
    return route.fulfill({
      status: 200,
      contentType: 'text/javascript',
      body: page === DIALOG_PATH ? DIALOG_SCRIPT : hostScript(item),
    });
  });
  return messages;
}
