/** One message of a campaign as planned and sent: what the planner produces and the runner sends. */
export interface OutgoingMessage {
  row: number;
  to: string;
  cc: string[];
  bcc: string[];
  /** Names of the draft's attachments this message carries. */
  attachments: string[];
  /** Content ids of the draft's inline images this message's body shows (`<img src="cid:…">`). */
  inline?: string[];
  subject: string;
  html: string;
}

/** The recipients a message counts against the mailbox's daily limit: To, CC and BCC. */
export function recipientsOf(message: Pick<OutgoingMessage, 'cc' | 'bcc'>): number {
  return 1 + message.cc.length + message.bcc.length;
}

/** A message's recipients and files, known from the row's check alone, without rendering it. */
export type Envelope = Pick<OutgoingMessage, 'row' | 'to' | 'cc' | 'bcc' | 'attachments'>;

/**
 * Where a run takes each row's message from. A campaign's messages are rendered one at a time, as
 * each row is sent (rendering them all up front blocks the pane for seconds at 100,000 rows and
 * holds every body in memory); a Map of rendered messages will do too.
 */
export interface MessageSource {
  get(row: number): OutgoingMessage | undefined;
  /** The row's envelope without rendering its body; without it, `get` is asked. */
  envelope?(row: number): Envelope | undefined;
}
