/**
 * Reading what the Graph stand-in's Exchange delivered once transport is done. Exchange sends a
 * while after Graph's 202 (Graph, "Things to know about sending mail"), and so does the stand-in:
 * after a random delay (GRAPH_STANDIN_SEND_DELAY_MS, 0.5–3 s unless the server was told
 * otherwise), evaluated against its own clock. Moving that clock past every delay lets transport
 * deliver everything it accepted, so what the mailbox shows afterwards is final: a message that
 * never went, or went twice, shows without polling or sleeping. Only for a campaign that has
 * ended (done, stopped, blocked): a run still sending would see its upload sessions expire.
 */
import { expect } from 'vitest';

/** Longer than any transport delay the tests configure; far shorter than the 24-hour budget window. */
const PAST_EVERY_DELAY_MS = 10 * 60_000;

/** Everything transport accepted so far, delivered: the stand-in's clock moves past the longest delay. */
export async function settleTransport(baseUrl: string): Promise<void> {
  const response = await fetch(`${baseUrl}/dev/graph/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: PAST_EVERY_DELAY_MS }) });
  expect(response.status).toBe(200);
}

