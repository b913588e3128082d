/**
 * Development DNS stand-in: a small authoritative DNS server on a local UDP port, so that the
 * production TXT look-up (`server/src/dns/txtLookup.ts`, Node's resolver with `setServers`) proves
 * domains on one machine. It speaks the real wire format (dns-packet: RFC 1035 messages) and is as
 * strict as a real zone: a name it does not hold is NXDOMAIN, another record type of a held name
 * answers no data, and only what was published is answered. Records are published through
 * `PUT /dev/dns/records` (development only; refuses to run in production).
 */
import dgram from 'node:dgram';
import dnsPacket from 'dns-packet';
import type { FastifyInstance } from 'fastify';
import { domainToAscii } from '#shared/email/normalizeEmail.js';
import { ApiError } from '../http/apiError.js';
import { assertDevelopment } from './assertDevelopment.js';

const NXDOMAIN = 3;
const FORMERR = 1;

export interface DnsStandIn {
  /** `127.0.0.1:<port>`, for `Resolver.setServers`. */
  address: string;
  setTxt(name: string, values: readonly string[]): void;
  records(): Record<string, string[]>;
  close(): Promise<void>;
}

export async function startDnsStandIn(port = 0): Promise<DnsStandIn> {
  assertDevelopment('The DNS stand-in');
  const zone = new Map<string, string[]>();
  const socket = dgram.createSocket('udp4');

  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return; // Not DNS: a real server drops it too.
    }
    const question = query.questions?.[0];
    const name = question?.name.toLowerCase().replace(/\.$/, '');
    const values = name === undefined ? undefined : zone.get(name);
    const answers: dnsPacket.Answer[] =
      question && values && question.type === 'TXT'
        ? values.map((value) => ({ type: 'TXT', name: question.name, ttl: 60, class: 'IN', data: value }))
        : [];
    const rcode = !question ? FORMERR : values === undefined ? NXDOMAIN : 0;
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id ?? 0,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | ((query.flags ?? 0) & dnsPacket.RECURSION_DESIRED) | rcode,
      questions: query.questions ?? [],
      answers,
    });
    socket.send(response, remote.port, remote.address);
  });

  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  const address = `127.0.0.1:${socket.address().port}`;

  return {
    address,
    setTxt(name, values) {
      if (values.length === 0) zone.delete(name);
      else zone.set(name, [...values]);
    },
    records: () => Object.fromEntries(zone),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

export function registerDnsStandInRoutes(app: FastifyInstance, dns: DnsStandIn): void {
  app.get('/dev/dns/records', { schema: { hide: true } }, async () => ({
    server: dns.address,
    records: dns.records(),
  }));
  app.put<{ Body: { name: string; txt: string[] } }>(
    '/dev/dns/records',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          required: ['name', 'txt'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 253 },
            txt: { type: 'array', maxItems: 20, items: { type: 'string', minLength: 1, maxLength: 255 } },
          },
        },
      },
    },
    async (request) => {
      const name = domainToAscii(request.body.name.trim().replace(/\.$/, ''));
      if (!name) throw new ApiError(400, 'VALIDATION_FAILED', `"${request.body.name}" is not a domain name.`);
      dns.setTxt(name, request.body.txt);
      return { name, txt: request.body.txt };
    },
  );
}
