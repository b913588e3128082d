import { apiFetch } from '../api/apiClient.js';
import { renderPage } from '../components/AppShell.js';
import { MessageListPage, type ListedMessage } from '../devpages/MessageListPage.js';

interface OutboxMessage {
  id: number;
  to: string;
  subject: string;
  html: string;
  createdAt: number;
}

async function load(): Promise<ListedMessage[]> {
  const messages = await apiFetch<OutboxMessage[]>('/dev/outbox/messages');
  return messages.map((m) => ({
    id: String(m.id),
    subject: m.subject,
    html: m.html,
    at: new Date(m.createdAt).toISOString(),
    header: [{ label: 'mailbox.to', value: m.to }],
  }));
}

renderPage(<MessageListPage title="outbox.title" explain="outbox.explain" empty="outbox.empty" load={load} />);
