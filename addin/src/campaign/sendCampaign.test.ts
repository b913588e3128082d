import { describe, expect, it } from 'vitest';
import { GraphRequestError, type GraphMessage } from '../graph/graphMailClient.js';
import { sendCampaign, type CampaignProgress } from './sendCampaign.js';

/** A virtual clock: sleeping advances time instantly, so pacing is asserted without real waits. */
function virtualTime() {
  let now = 0;
  const sleeps: number[] = [];
  return { now: () => now, sleep: async (ms: number) => void (ms > 0 && (sleeps.push(ms), (now += ms))), sleeps };
}

const messages = [1, 2, 3].map((i) => ({ row: i + 1, to: `u${i}@contoso.com`, subject: `S${i}`, html: `<p>${i}</p>` }));

describe('sendCampaign', () => {
  it('sends each message once, paced at the configured rate', async () => {
    const time = virtualTime();
    const sent: Array<{ at: number; message: GraphMessage }> = [];
    const result = await sendCampaign(messages, { client: { sendMail: async (message) => void sent.push({ at: time.now(), message }) }, ratePerMinute: 30, now: time.now, sleep: time.sleep });
    expect(sent.map((s) => s.at)).toEqual([0, 2000, 4000]);
    expect(sent.map((s) => s.message.toRecipients[0]?.emailAddress.address)).toEqual(['u1@contoso.com', 'u2@contoso.com', 'u3@contoso.com']);
    expect(result).toMatchObject({ sent: 3, failed: 0, remaining: 0 });
  });

  it('waits for Retry-After on 429 and retries the same message', async () => {
    const time = virtualTime();
    let calls = 0;
    const client = {
      sendMail: async () => {
        calls++;
        if (calls === 2) throw new GraphRequestError('throttled', 429, 'ApplicationThrottled', 'slow down', 7);
      },
    };
    const result = await sendCampaign(messages, { client, ratePerMinute: 600, now: time.now, sleep: time.sleep });
    expect(calls).toBe(4);
    expect(time.sleeps).toContain(7000);
    expect(result.sent).toBe(3);
  });

  it('never resends a message whose outcome is unknown, and reports it', async () => {
    const time = virtualTime();
    const attempts: string[] = [];
    const client = {
      sendMail: async (message: GraphMessage) => {
        const to = message.toRecipients[0]!.emailAddress.address;
        attempts.push(to);
        if (to === 'u2@contoso.com') throw new GraphRequestError('ambiguous', 504, 'GatewayTimeout', 'timeout');
      },
    };
    const result = await sendCampaign(messages, { client, ratePerMinute: 600, now: time.now, sleep: time.sleep });
    expect(attempts).toEqual(['u1@contoso.com', 'u2@contoso.com', 'u3@contoso.com']);
    expect(result.outcomes[1]).toMatchObject({ row: 3, status: 'failed', reason: 'unknown_outcome' });
  });

  it('retries transient errors with backoff, and stops at a failed sign-in', async () => {
    const time = virtualTime();
    let calls = 0;
    const client = {
      sendMail: async () => {
        calls++;
        if (calls === 1) throw new GraphRequestError('transient', 503, 'ServiceUnavailable', 'busy');
        if (calls === 3) throw new GraphRequestError('auth', 401, 'InvalidAuthenticationToken', 'expired');
      },
    };
    const result = await sendCampaign(messages, { client, ratePerMinute: 600, now: time.now, sleep: time.sleep });
    expect(result).toMatchObject({ sent: 1, failed: 1, remaining: 1 });
    expect(result.outcomes[1]).toMatchObject({ reason: 'auth' });
  });

  it('stops when cancelled and reports progress along the way', async () => {
    const time = virtualTime();
    const controller = new AbortController();
    const seen: CampaignProgress[] = [];
    const result = await sendCampaign(messages, {
      client: { sendMail: async () => controller.abort() },
      ratePerMinute: 600,
      signal: controller.signal,
      now: time.now,
      sleep: time.sleep,
      onProgress: (p) => seen.push(p),
    });
    expect(result).toMatchObject({ sent: 1, remaining: 2 });
    expect(seen.map((p) => p.sent)).toEqual([0, 1]);
  });
});
