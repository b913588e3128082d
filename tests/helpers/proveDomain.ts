/**
 * Proves a domain for an organisation the way a customer does: add it, publish the TXT record the
 * portal shows in the development DNS stand-in, press "Check now". The production resolver code
 * asks the stand-in over UDP.
 */
import type { DomainVerificationRecord, DomainView } from '#shared/api/views.js';
import type { TestServer } from './testServer.js';

export async function publishTxt(server: TestServer, name: string, txt: string[]): Promise<void> {
  const response = await server.call('PUT', '/dev/dns/records', { body: { name, txt } });
  if (response.statusCode !== 200) throw new Error(`dns: ${response.statusCode} ${response.body}`);
}

/** Adds and proves `domain` through subscription `subscriptionId` as `token` (an organisation administrator). */
export async function proveDomain(
  server: TestServer,
  token: string,
  subscriptionId: string,
  domain: string,
): Promise<DomainView> {
  const base = `/api/v1/subscriptions/${subscriptionId}/domains`;
  const added = await server.call('POST', base, { token, body: { domain } });
  if (added.statusCode >= 300) throw new Error(`add domain: ${added.statusCode} ${added.body}`);
  const { record } = (await server.call('GET', base, { token })).json<{ record: DomainVerificationRecord }>();
  await publishTxt(server, domain, [record.value]);
  const checked = await server.call('POST', `${base}/${encodeURIComponent(domain)}/check`, { token });
  const view = checked.json<DomainView>();
  if (view.status !== 'proven') throw new Error(`domain not proven: ${checked.body}`);
  return view;
}
