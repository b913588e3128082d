import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proveDomain } from '../helpers/proveDomain.js';
import { buySubscription, startTestServer, startWithSubscription, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let owner: string;
let subscriptionId: string;
beforeAll(async () => {
  ({ server, owner, subscriptionId } = await startWithSubscription(10));
});
afterAll(() => server.close());

const url = (suffix = '') => `/api/v1/subscriptions/${subscriptionId}${suffix}`;

describe('domains (A6)', () => {
  it("starts with the buyer's tenant domain; the organisation administrator proves more, and assignment follows", async () => {
    expect((await server.call('GET', url('/domains'), { token: owner })).json()).toMatchObject({
      domains: [expect.objectContaining({ domain: 'contoso.com', status: 'proven', method: 'tenant' })],
    });
    expect(
      (
        await server.call('POST', url('/assignments'), { token: owner, body: { emails: ['ann@partner.example'] } })
      ).json(),
    ).toEqual({ results: [{ email: 'ann@partner.example', result: 'domain_not_approved' }] });
    expect((await proveDomain(server, owner, subscriptionId, 'Partner.Example')).domain).toBe('partner.example');
    expect((await proveDomain(server, owner, subscriptionId, 'bücher.example')).domain).toBe('xn--bcher-kva.example');
    expect(
      (
        await server.call('POST', url('/assignments'), {
          token: owner,
          body: { emails: ['ann@partner.example', 'leser@BÜCHER.example'] },
        })
      ).json(),
    ).toEqual({
      results: [
        { email: 'ann@partner.example', result: 'assigned' },
        { email: 'leser@BÜCHER.example', result: 'assigned' },
      ],
    });
    expect((await server.call('DELETE', url('/domains/partner.example'), { token: owner })).statusCode).toBe(204);
    expect((await server.call('DELETE', url('/domains/partner.example'), { token: owner })).json()).toMatchObject({
      error: { code: 'DOMAIN_NOT_FOUND' },
    });
    expect(
      (await server.call('POST', url('/domains'), { token: owner, body: { domain: 'not a domain' } })).json(),
    ).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('activity journal (A7)', () => {
  it('records every change with actor, role, target, time and client IP, and filters', async () => {
    await server.call('POST', url('/assignments'), { token: owner, body: { emails: ['jo@contoso.com'] } });
    await server.call('PATCH', url('/assignments/jo%40contoso.com'), { token: owner, body: { suspended: true } });
    await server.call('POST', url('/assignments/transfer'), {
      token: owner,
      body: { from: 'jo@contoso.com', to: 'kim@contoso.com' },
    });
    const all = (await server.call('GET', url('/journal'), { token: owner })).json<{
      entries: Array<{
        action: string;
        actor: string;
        actorRole: string;
        target: string;
        ip: string;
        at: string;
        detail: unknown;
      }>;
    }>().entries;
    expect(all.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'subscription.purchased',
        'domain.added',
        'domain.proven',
        'domain.removed',
        'seat.assigned',
        'seat.suspended',
        'seat.transferred',
      ]),
    );
    const transfer = all.find((e) => e.action === 'seat.transferred')!;
    expect(transfer).toMatchObject({
      actor: 'olivia@contoso.com',
      actorRole: 'owner',
      target: 'kim@contoso.com',
      ip: '127.0.0.1',
      detail: { from: 'jo@contoso.com' },
    });
    expect(Date.parse(transfer.at)).toBeGreaterThan(Date.now() - 60_000);

    const filtered = (await server.call('GET', url('/journal?action=seat.suspended'), { token: owner })).json<{
      entries: unknown[];
    }>().entries;
    expect(filtered).toHaveLength(1);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(
      (await server.call('GET', url(`/journal?from=${encodeURIComponent(future)}`), { token: owner })).json(),
    ).toEqual({ entries: [] });
    expect((await server.call('GET', url('/journal?actor=nobody'), { token: owner })).json()).toEqual({ entries: [] });
    expect((await server.call('GET', url('/journal?from=yesterday'), { token: owner })).statusCode).toBe(400);
  });

  it('takes the client IP from X-Forwarded-For only behind the configured trusted proxy', async () => {
    await server.app.inject({
      method: 'POST',
      url: url('/assignments'),
      headers: { authorization: `Bearer ${owner}`, 'x-forwarded-for': '203.0.113.9' },
      payload: { emails: ['spoof@contoso.com'] },
    });
    const untrusted = (await server.call('GET', url('/journal?action=seat.assigned'), { token: owner }))
      .json<{ entries: Array<{ target: string; ip: string }> }>()
      .entries.find((e) => e.target === 'spoof@contoso.com');
    expect(untrusted?.ip).toBe('127.0.0.1');

    const proxied = await startTestServer({ TRUSTED_PROXY: '127.0.0.1' });
    try {
      const token = await proxied.token('olivia@contoso.com');
      const id = await buySubscription(proxied, token, 2);
      await proxied.app.inject({
        method: 'POST',
        url: `/api/v1/subscriptions/${id}/assignments`,
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' },
        payload: { emails: ['real@contoso.com'] },
      });
      const entry = (
        await proxied.call('GET', `/api/v1/subscriptions/${id}/journal?action=seat.assigned`, { token })
      ).json<{ entries: Array<{ ip: string }> }>().entries[0];
      expect(entry?.ip).toBe('203.0.113.9');
    } finally {
      await proxied.close();
    }
  });

  it('exports the journal and the seats as CSV with formula cells neutralised', async () => {
    await server.call('POST', url('/assignments'), {
      token: owner,
      body: { emails: ['=1+2@contoso.com', '-3+4@contoso.com'] },
    });
    const journal = await server.call('GET', url('/journal/export'), { token: owner });
    expect(journal.headers['content-type']).toContain('text/csv');
    expect(journal.body.startsWith('\ufeffTime,Who,Role,On behalf of,What,Concerning,Details,IP address\r\n')).toBe(
      true,
    );
    expect(journal.body).toContain(',"\'=1+2@contoso.com",');
    expect(journal.body).toContain(',"\'-3+4@contoso.com",');
    expect(journal.body).not.toMatch(/,=1\+2@/);
    const seats = (await server.call('GET', url('/seats/export'), { token: owner })).body;
    expect(seats).toContain('"\'=1+2@contoso.com",Pending');
  });

  it('exports in the language asked for, by lang or by Accept-Language', async () => {
    const journal = (await server.call('GET', url('/journal/export?lang=fr'), { token: owner })).body;
    expect(journal.split('\r\n')[0]).toBe('\ufeffDate,Qui,Rôle,Pour le compte de,Quoi,Concerne,Détails,Adresse IP');
    expect(journal).toContain(',Licence attribuée,');
    const seats = await server.call('GET', url('/seats/export'), {
      token: owner,
      headers: { 'accept-language': 'de-CH,de;q=0.9' },
    });
    expect(seats.body.split('\r\n')[0]).toBe('\ufeffBenutzer,Status,Zugewiesen am,Zuletzt geprüft');
    expect(seats.body).toContain(',Ausstehend,');
    expect((await server.call('GET', url('/seats/export?lang=fr&extra=1'), { token: owner })).statusCode).toBe(400);
  });
});

describe('seat list (A4)', () => {
  it('searches, sorts by status and last check-in, and pages', async () => {
    const page = (query: string) =>
      server
        .call('GET', url(`/seats?${query}`), { token: owner })
        .then((r) => r.json<{ total: number; items: Array<{ email: string; status: string }> }>());
    const kimToken = await server.token('kim@contoso.com');
    await server.call('POST', '/api/v1/license/check', { token: kimToken, body: { nonce: 'nonce-0123456789abcdef' } });
    expect((await page('search=KIM')).items.map((s) => [s.email, s.status])).toEqual([['kim@contoso.com', 'active']]);
    expect((await page('search=%25')).total).toBe(0);
    const byStatus = await page('sort=status&order=desc&limit=2');
    expect(byStatus.total).toBeGreaterThan(2);
    expect(byStatus.items).toHaveLength(2);
    expect(byStatus.items[0]!.status).toBe('active');
    const byCheckIn = await page('sort=lastCheckIn&order=desc&limit=1');
    expect(byCheckIn.items[0]!.email).toBe('kim@contoso.com');
    expect((await server.call('GET', url('/seats?limit=-1'), { token: owner })).statusCode).toBe(400);
    expect((await server.call('GET', url('/seats?sort=password'), { token: owner })).statusCode).toBe(400);
  });
});
