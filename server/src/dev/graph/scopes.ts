/**
 * Which delegated permission each operation of the stand-in needs: the "Permissions" table of
 * each Graph API page (least privileged first, then the higher ones that also do). Under
 * /users/{another mailbox} the `.Shared` variant is needed instead. A token without any of them
 * is refused like Graph refuses it: 403 ErrorAccessDenied.
 */
import { GraphError } from './graphErrors.js';

export type Operation =
  /** user-post-messages, message-post-attachments, attachment-createuploadsession, message-delete. */
  | 'writeMail'
  /** mailfolder-list-messages with extended properties or bodies, which Mail.ReadBasic excludes. */
  | 'readMail'
  /** mailfolder-list-messages of basic properties. */
  | 'readBasicMail'
  /** message-send, user-sendmail. */
  | 'send'
  /** Sending with `from` set to another mailbox (concepts/outlook-send-mail-from-other-user.md). */
  | 'sendShared'
  /** user-list-contacts. */
  | 'readContacts';

const OWN: Record<Operation, string[]> = {
  writeMail: ['Mail.ReadWrite'],
  readMail: ['Mail.Read', 'Mail.ReadWrite'],
  readBasicMail: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
  send: ['Mail.Send'],
  sendShared: ['Mail.Send.Shared'],
  readContacts: ['Contacts.Read', 'Contacts.ReadWrite'],
};

const OTHER: Record<Operation, string[]> = {
  writeMail: ['Mail.ReadWrite.Shared'],
  readMail: ['Mail.Read.Shared', 'Mail.ReadWrite.Shared'],
  readBasicMail: ['Mail.ReadBasic.Shared', 'Mail.Read.Shared', 'Mail.ReadWrite.Shared'],
  send: ['Mail.Send.Shared'],
  sendShared: ['Mail.Send.Shared'],
  readContacts: ['Contacts.Read.Shared', 'Contacts.ReadWrite.Shared'],
};

export function requireScope(granted: ReadonlySet<string>, operation: Operation, otherMailbox: boolean): void {
  const acceptable = (otherMailbox ? OTHER : OWN)[operation];
  if (!acceptable.some((scope) => granted.has(scope)))
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
}
