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
