/**
 * The production TXT look-up (Node's resolver with setServers) against the development DNS
 * stand-in over real UDP: what a zone holds, a name it does not hold (NXDOMAIN), and a resolver
 * that does not answer.
 */
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsStandIn, type DnsStandIn } from '../../server/src/dev/dnsStandIn.js';
import { createTxtLookup } from '../../server/src/dns/txtLookup.js';

let dns: DnsStandIn;
beforeAll(async () => {
  dns = await startDnsStandIn();
});
afterAll(() => dns.close());

describe('TXT look-ups through the configured resolver', () => {
  it('reads every TXT record of a name, case-insensitively, and tells a missing name apart', async () => {
    const lookup = createTxtLookup({ servers: [dns.address] });
    dns.setTxt('contoso.example', ['v=spf1 -all', 'outmerge-verification=abc']);
    expect(await lookup('contoso.example')).toEqual({
      kind: 'records',
      records: ['v=spf1 -all', 'outmerge-verification=abc'],
    });
    expect(await lookup('Contoso.Example')).toEqual({
      kind: 'records',
      records: ['v=spf1 -all', 'outmerge-verification=abc'],
    });
    expect(await lookup('nowhere.example')).toEqual({ kind: 'not_found' });
    dns.setTxt('contoso.example', []);
    expect(await lookup('contoso.example')).toEqual({ kind: 'not_found' });
  });

  it('reports a resolver that does not answer as a failed look-up, not as a missing record', async () => {
    // A bound UDP socket that never answers: the resolver times out.
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
    try {
      const lookup = createTxtLookup({ servers: [`127.0.0.1:${silent.address().port}`], timeoutMs: 100 });
      expect(await lookup('contoso.example')).toMatchObject({ kind: 'failed' });
    } finally {
      silent.close();
    }
  });
});
