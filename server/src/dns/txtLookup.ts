/**
 * TXT look-ups for domain proofs, through Node's own DNS client (`dns.promises.Resolver`, c-ares):
 * the system's resolvers, or the servers configured in `DNS_RESOLVERS` (`setServers`, host or
 * host:port). The development default points it at the embedded DNS stand-in, so this same code
 * runs unchanged on one machine.
 */
import { Resolver } from 'node:dns/promises';

export type TxtAnswer =
  { kind: 'records'; records: string[] } | { kind: 'not_found' } | { kind: 'failed'; reason: string };

export type TxtLookup = (domain: string) => Promise<TxtAnswer>;

export function createTxtLookup(options: { servers: readonly string[] | null; timeoutMs?: number }): TxtLookup {
  const resolver = new Resolver({ timeout: options.timeoutMs ?? 3000, tries: 2 });
  if (options.servers) resolver.setServers([...options.servers]);
  return async (domain) => {
    try {
      // A TXT record may be split into several strings of up to 255 bytes: they form one value.
      return { kind: 'records', records: (await resolver.resolveTxt(domain)).map((chunks) => chunks.join('')) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND') return { kind: 'not_found' };
      if (code === 'ENODATA') return { kind: 'records', records: [] };
      return { kind: 'failed', reason: code ?? 'unknown' };
    }
  };
}
