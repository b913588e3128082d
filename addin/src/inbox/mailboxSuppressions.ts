/**
 * The suppression list in the sender's mailbox (I/O). Kept there, not on the Outmerge server
 * (no recipient data reaches it) and not in the browser (another device or a colleague's Outlook on
 * the same shared mailbox would not see it): a hidden folder of the user's own mailbox
 * (user-post-mailfolders, `isHidden` set at creation; hidden from Outlook's folder list), one item
 * per entry. Mail.ReadWrite, which campaigns hold already, covers it; a mailbox setting or an open
 * extension on the user would need User.ReadWrite and holds at most 2 KB.
 */
import type { GraphMailClient, ReceivedMessage } from '../graph/graphMailClient.js';
import {
  entrySubject,
  newEntries,
  parseEntry,
  SUPPRESSION_FOLDER,
  suppressionMap,
  type Suppression,
  type SuppressionReason,
} from './suppressionList.js';
import { unsubscribeRequest } from './unsubscribe.js';

type Graph = Pick<GraphMailClient, 'hiddenFolder' | 'folderSubjects' | 'addToFolder' | 'receivedMessagesSince'>;

export type SuppressionList = ReadonlyMap<string, SuppressionReason>;

export class MailboxSuppressions {
  private folderId: string | null = null;

  constructor(private readonly graph: Graph) {}

  private async folder(): Promise<string> {
    this.folderId ??= await this.graph.hiddenFolder(SUPPRESSION_FOLDER);
    return this.folderId;
  }

  async read(): Promise<SuppressionList> {
    const subjects = await this.graph.folderSubjects(await this.folder());
    return suppressionMap(subjects.map(parseEntry).filter((e): e is Suppression => e !== null));
  }

  /** Adds the entries not on `list` yet; returns the list with them and how many were new. */
  async add(list: SuppressionList, wanted: Iterable<Suppression>): Promise<{ list: SuppressionList; added: number }> {
    const entries = newEntries(list, wanted);
    const folder = await this.folder();
    // One at a time: Exchange allows 4 concurrent requests per mailbox, and a campaign may be running.
    for (const entry of entries) await this.graph.addToFolder(folder, entrySubject(entry));
    return {
      list: suppressionMap([...[...list].map(([address, reason]) => ({ address, reason })), ...entries]),
      added: entries.length,
    };
  }

  /** Unsubscribe requests received since `since`, added to the list. */
  async gather(list: SuppressionList, since: number): Promise<{ list: SuppressionList; added: number }> {
    const received: ReceivedMessage[] = await this.graph.receivedMessagesSince(since);
    const wanted = received.flatMap((message) => {
      const address = unsubscribeRequest(message);
      return address ? [{ address, reason: 'unsubscribed' as const }] : [];
    });
    return this.add(list, wanted);
  }
}
