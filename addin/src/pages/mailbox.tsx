import { apiFetch } from '../api/apiClient.js';
import { renderPage } from '../components/AppShell.js';
import { MessageListPage, type ListedMessage } from '../devpages/MessageListPage.js';

interface RecordedMessage {
  id: string;
  mailbox: string;
  /** The address recipients see; `sender` differs from it when sent on behalf of a shared mailbox. */
  from: string;
  sender: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  sentAt: string;
}

async function load(): Promise<ListedMessage[]> {
  const messages = await apiFetch<RecordedMessage[]>('/dev/mailbox/messages');
  return [...messages].reverse().map((m) => ({
    id: m.id,
    subject: m.subject,
    html: m.html,
    at: m.sentAt,
    header: [
      { label: 'mailbox.from', value: m.sender === m.from ? m.from : `${m.from} (${m.sender})` },
      { label: 'mailbox.to', value: m.to.join(', ') },
      ...(m.cc.length ? [{ label: 'mailbox.cc' as const, value: m.cc.join(', ') }] : []),
      ...(m.bcc.length ? [{ label: 'mailbox.bcc' as const, value: m.bcc.join(', ') }] : []),
    ],
  }));
}

renderPage(<MessageListPage title="mailbox.title" explain="mailbox.explain" empty="mailbox.empty" load={load} />);
