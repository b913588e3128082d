import type { SentEmailRow } from '../../server/src/storage/unitOfWork.js';
import type { TestServer } from './testServer.js';

/** What the local outbox page lists. */
export type OutboxMessage = SentEmailRow;

export async function outbox(server: TestServer): Promise<OutboxMessage[]> {
  return (await server.call('GET', '/dev/outbox/messages')).json<OutboxMessage[]>();
}

/** The invitation token from the newest invitation email to `to`. */
export async function invitationToken(server: TestServer, to: string): Promise<string> {
  const mail = (await outbox(server)).find((m) => m.kind === 'invitation' && m.to === to);
  const match = mail && /#\/accept\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match?.[1]) throw new Error(`no invitation email to ${to}`);
  return match[1];
}
