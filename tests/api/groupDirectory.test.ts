/**
 * The group sync's production Graph client against the development identity provider and the
 * Graph stand-in, over real HTTP (issue 17). Each test proves a row of docs/microsoft-behaviour.md:
 * Entra's client-credentials token endpoint and its refusals, application permissions per tenant,
 * group search, members with paging, delta rounds, throttling and tenant isolation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRAPH_APPLICATION_PERMISSIONS } from '#shared/api/applicationConsent.js';
import { GraphGroupsClient, GraphGroupsError } from '../../server/src/groups/graphGroupsClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const CONTOSO = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const FABRIKAM = 'c0ffee00-4b1d-4e5a-9f3c-1a2b3c4d5e6f';

let server: TestServer;
let waits: number[];

function client(options: { secret?: string; maxAttempts?: number } = {}): GraphGroupsClient {
  const { config } = server.services;
  return new GraphGroupsClient({
    clientId: config.identity.clientId,
    clientSecret: options.secret ?? (config.groups.clientSecret as string),
    tokenAuthority: config.groups.tokenAuthority,
    graphBaseUrl: config.groups.graphBaseUrl,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    // Waiting for Retry-After moves the stand-in's clock instead of the test's.
    sleep: async (ms) => {
      waits.push(ms);
      await server.call('POST', '/dev/graph/clock', { body: { advanceMs: ms } });
    },
  });
}

async function tokenRequest(tenant: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.services.config.groups.tokenAuthority}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      access_token?: string;
      error?: string;
      error_description?: string;
      error_codes?: number[];
    },
  };
}

const grant = (tenant: string, roles: readonly string[] = GRAPH_APPLICATION_PERMISSIONS) =>
  server.call('PUT', `/dev/idp/tenants/${tenant}/application`, { body: { roles } });
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;

async function createGroup(tenant: string, displayName: string, members: string[], kind = 'security'): Promise<string> {
  const response = await server.call('POST', `/dev/graph/tenants/${tenant}/groups`, {
    body: { displayName, kind, members: members.map((email) => ({ email })) },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}
const changeMembers = (tenant: string, group: string, add: string[], remove: string[] = []) =>
  server.call('POST', `/dev/graph/tenants/${tenant}/groups/${group}/members`, {
    body: { add: add.map((email) => ({ email })), remove },
  });

async function failure(promise: Promise<unknown>): Promise<GraphGroupsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphGroupsError)) throw new Error(`expected a GraphGroupsError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  server = await startTestServer({ GRAPH_STANDIN_LATENCY_MS: '0' });
  // Starting a server takes seconds on a busy machine.
}, 60_000);
beforeEach(async () => {
  waits = [];
  await grant(CONTOSO);
  await server.call('DELETE', `/dev/idp/tenants/${FABRIKAM}/application`);
  await server.call('PUT', '/dev/graph/directory/limits', { body: { unitsPer10Seconds: 3500, deltaPageSize: 100 } });
});
afterAll(() => server.close());

describe("Entra's client-credentials token endpoint (development identity provider)", () => {
  const good = () => ({
    client_id: server.services.config.identity.clientId,
    client_secret: server.services.config.groups.clientSecret as string,
    scope: 'https://graph.microsoft.com/.default',
    grant_type: 'client_credentials',
  });

  it('issues an app-only Graph token with the tenant, the app and the granted application permissions (roles)', async () => {
    const { status, body } = await tokenRequest(CONTOSO, good());
    expect(status).toBe(200);
    expect(claims(body.access_token as string)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      tid: CONTOSO,
      appid: server.services.config.identity.clientId,
      idtyp: 'app',
      roles: [...GRAPH_APPLICATION_PERMISSIONS],
    });
    // HTTP Basic client authentication works too (RFC 6749 2.3.1).
    const { client_id: id, client_secret: secret, ...rest } = good();
    const basic = await tokenRequest(CONTOSO, rest, {
      authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
    });
    expect(basic.status).toBe(200);
  });

  it("answers Entra's refusals: wrong secret AADSTS7000215, not installed AADSTS700016, scope without /.default AADSTS1002012, unknown tenant AADSTS90002", async () => {
    expect(await tokenRequest(CONTOSO, { ...good(), client_secret: 'wrong' })).toMatchObject({
      status: 401,
      body: { error: 'invalid_client', error_codes: [7000215] },
    });
    expect(await tokenRequest(FABRIKAM, good())).toMatchObject({
      status: 400,
      body: { error: 'unauthorized_client', error_codes: [700016] },
    });
    expect((await tokenRequest(FABRIKAM, good())).body.error_description).toMatch(
      /^AADSTS700016: Application with identifier '.*' was not found in the directory/,
    );
    expect(
      await tokenRequest(CONTOSO, { ...good(), scope: 'https://graph.microsoft.com/Group.Read.All' }),
    ).toMatchObject({ status: 400, body: { error: 'invalid_scope', error_codes: [1002012] } });
    expect(await tokenRequest('not a tenant', good())).toMatchObject({ status: 400, body: { error_codes: [90002] } });
    expect(await tokenRequest(CONTOSO, { ...good(), grant_type: 'password' })).toMatchObject({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
    const { client_secret: _secret, ...noSecret } = good();
    expect(await tokenRequest(CONTOSO, noSecret)).toMatchObject({ status: 401, body: { error_codes: [7000216] } });
  });

  it('still issues a token when the permissions were withdrawn, without roles: Graph refuses it with 403 Authorization_RequestDenied', async () => {
    await grant(CONTOSO, []);
    const { body } = await tokenRequest(CONTOSO, good());
    expect(claims(body.access_token as string).roles).toBeUndefined();
    const response = await fetch(`${server.services.config.groups.graphBaseUrl}/v1.0/groups/delta`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(response.status).toBe(403);
    expect((await response.json()) as unknown).toMatchObject({
      error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
    });
  });

  it('grants the application permissions in one tenant through the admin-consent page, and returns to the registered redirect', async () => {
    const { config } = server.services;
    const query = new URLSearchParams({
      client_id: config.identity.clientId,
      redirect_uri: `${config.publicUrl}/portal.html`,
      state: 'x',
    });
    expect((await fetch(`${config.groups.consentAuthority}/${FABRIKAM}/adminconsent?${query.toString()}`)).status).toBe(
      200,
    );
    const wrongRedirect = new URLSearchParams({
      client_id: config.identity.clientId,
      redirect_uri: 'https://evil.example/portal.html',
    });
    expect(
      await (
        await fetch(`${config.groups.consentAuthority}/${FABRIKAM}/adminconsent?${wrongRedirect.toString()}`)
      ).text(),
    ).toContain('AADSTS50011');
    const accepted = await fetch(`${config.groups.consentAuthority}/${FABRIKAM}/adminconsent`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: query,
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get('location')).toBe(
      `${config.publicUrl}/portal.html?tenant=${FABRIKAM}&state=x&admin_consent=True`,
    );
    expect((await server.call('GET', `/dev/idp/tenants/${FABRIKAM}/application`)).json()).toMatchObject({
      installed: true,
      roles: [...GRAPH_APPLICATION_PERMISSIONS],
    });
  });
});

describe('the production groups client against the Graph stand-in', () => {
  it('asks Entra once per tenant and keeps the token until it expires', async () => {
    const before = (await server.call('GET', `/dev/idp/tenants/${CONTOSO}/application`)).json<{
      tokensIssued: number;
    }>().tokensIssued;
    const groups = client();
    await groups.searchGroups(CONTOSO, 'Sales');
    await groups.searchGroups(CONTOSO, 'Marketing');
    await Promise.all([groups.searchGroups(CONTOSO, ''), groups.searchGroups(CONTOSO, 'x')]);
    expect(
      (await server.call('GET', `/dev/idp/tenants/${CONTOSO}/application`)).json<{ tokensIssued: number }>()
        .tokensIssued,
    ).toBe(before + 1);
  });

  it('searches groups by the start of a word of their name; $search needs ConsistencyLevel: eventual', async () => {
    await createGroup(CONTOSO, 'Outmerge pilot users', ['erin@contoso.com'], 'microsoft365');
    expect(await client().searchGroups(CONTOSO, 'pilot')).toEqual([
      expect.objectContaining({ displayName: 'Outmerge pilot users', kind: 'microsoft365' }),
    ]);
    expect(await client().searchGroups(CONTOSO, 'ilot')).toEqual([]);
    const token = (
      await tokenRequest(CONTOSO, {
        client_id: server.services.config.identity.clientId,
        client_secret: server.services.config.groups.clientSecret as string,
        scope: 'https://graph.microsoft.com/.default',
        grant_type: 'client_credentials',
      })
    ).body.access_token;
    const withoutHeader = await fetch(
      `${server.services.config.groups.graphBaseUrl}/v1.0/groups?$search="displayName:pilot"`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(withoutHeader.status).toBe(400);
    expect((await withoutHeader.json()) as unknown).toMatchObject({
      error: {
        code: 'Request_UnsupportedQuery',
        message:
          "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
      },
    });
  });

  it("never reaches another tenant's group: 404 Request_ResourceNotFound, group_not_found", async () => {
    await grant(FABRIKAM);
    const fabrikamGroup = await createGroup(FABRIKAM, 'Fabrikam finance', ['fiona@fabrikam.com']);
    expect((await client().getGroup(FABRIKAM, fabrikamGroup)).displayName).toBe('Fabrikam finance');
    expect(await failure(client().getGroup(CONTOSO, fabrikamGroup))).toMatchObject({ reason: 'group_not_found' });
    expect(await failure(client().listUserMembers(CONTOSO, fabrikamGroup))).toMatchObject({
      reason: 'group_not_found',
    });
    // Its delta, asked for with Contoso's token, holds nothing of it.
    expect(await client().readMembership(CONTOSO, fabrikamGroup, null)).toMatchObject({ kind: 'full', memberIds: [] });
  });

  it("lists a group's user members over pages with their properties, and only ids without User.Read.All (consent_missing)", async () => {
    const emails = Array.from({ length: 5 }, (_, i) => `member${i}@contoso.com`);
    const group = await createGroup(CONTOSO, 'Paged group', emails);
    const members = await client().listUserMembers(CONTOSO, group);
    expect(members.map((m) => m.userPrincipalName)).toEqual(emails);
    // The token's oid and Graph's id are the same object id.
    const anna = claims(await server.token('member0@contoso.com'));
    expect(members[0]?.id).toBe(anna.oid);
    const token = (
      await tokenRequest(CONTOSO, {
        client_id: server.services.config.identity.clientId,
        client_secret: server.services.config.groups.clientSecret as string,
        scope: 'https://graph.microsoft.com/.default',
        grant_type: 'client_credentials',
      })
    ).body.access_token;
    const first = (await (
      await fetch(
        `${server.services.config.groups.graphBaseUrl}/v1.0/groups/${group}/members?$top=2&$select=id,userPrincipalName`,
        { headers: { authorization: `Bearer ${token}` } },
      )
    ).json()) as { value: unknown[]; '@odata.nextLink': string };
    expect(first.value).toHaveLength(2);
    expect(first['@odata.nextLink']).toContain('$skiptoken=');
    // An OData cast is an advanced query: without ConsistencyLevel and $count it is refused.
    expect(
      (
        await fetch(`${server.services.config.groups.graphBaseUrl}/v1.0/groups/${group}/members/microsoft.graph.user`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(400);

    await grant(CONTOSO, ['GroupMember.Read.All']);
    const limited = (await (
      await fetch(
        `${server.services.config.groups.graphBaseUrl}/v1.0/groups/${group}/members?$select=id,userPrincipalName`,
        {
          headers: {
            authorization: `Bearer ${(await tokenRequest(CONTOSO, { client_id: server.services.config.identity.clientId, client_secret: server.services.config.groups.clientSecret as string, scope: 'https://graph.microsoft.com/.default', grant_type: 'client_credentials' })).body.access_token}`,
          },
        },
      )
    ).json()) as { value: Array<Record<string, unknown>> };
    expect(limited.value[0]).toEqual({
      '@odata.type': '#microsoft.graph.user',
      id: members[0]?.id,
      userPrincipalName: null,
    });
    expect(await failure(client().listUserMembers(CONTOSO, group))).toMatchObject({ reason: 'consent_missing' });
  });

  it('reads membership by delta: the full state over several pages, then only the changes, and from the start again once a link expired (7 days)', async () => {
    await server.call('PUT', '/dev/graph/directory/limits', { body: { deltaPageSize: 2 } });
    const emails = Array.from({ length: 5 }, (_, i) => `delta${i}@contoso.com`);
    const group = await createGroup(CONTOSO, 'Delta group', emails);
    const groups = client();
    const full = await groups.readMembership(CONTOSO, group, null);
    if (full.kind !== 'full') throw new Error('expected a full round');
    expect(full.memberIds).toHaveLength(5);

    const unchanged = await groups.readMembership(CONTOSO, group, full.deltaLink);
    expect(unchanged).toMatchObject({ kind: 'changes', added: [], removed: [] });

    await changeMembers(CONTOSO, group, ['delta9@contoso.com'], ['delta0@contoso.com']);
    const changes = await groups.readMembership(
      CONTOSO,
      group,
      unchanged.kind === 'changes' ? unchanged.deltaLink : '',
    );
    const [added] = (await groups.listUserMembers(CONTOSO, group)).filter(
      (m) => m.userPrincipalName === 'delta9@contoso.com',
    );
    expect(changes).toMatchObject({ kind: 'changes', added: [added?.id], removed: [full.memberIds[0]] });

    await server.call('POST', '/dev/graph/clock', { body: { advanceMs: 8 * 24 * 3600_000 } });
    const resynced = await groups.readMembership(CONTOSO, group, changes.kind === 'changes' ? changes.deltaLink : '');
    expect(resynced.kind).toBe('full');
    expect(resynced.kind === 'full' && resynced.memberIds.sort()).toEqual(
      [...full.memberIds.slice(1), added?.id].sort(),
    );
  });

  it('says when a group was deleted', async () => {
    const group = await createGroup(CONTOSO, 'Short-lived', ['gone@contoso.com']);
    const full = await client().readMembership(CONTOSO, group, null);
    await server.call('DELETE', `/dev/graph/tenants/${CONTOSO}/groups/${group}`);
    expect(await client().readMembership(CONTOSO, group, full.kind === 'full' ? full.deltaLink : '')).toEqual({
      kind: 'group_removed',
    });
    expect(await failure(client().getGroup(CONTOSO, group))).toMatchObject({ reason: 'group_not_found' });
  });

  it('waits for Retry-After when the directory throttles (429 TooManyRequests), and gives up as throttled after its attempts', async () => {
    const group = await createGroup(CONTOSO, 'Busy group', ['busy@contoso.com']);
    // Three resource units per 10 seconds: the members call costs 2 ($select), a delta 1.
    await server.call('PUT', '/dev/graph/directory/limits', { body: { unitsPer10Seconds: 3 } });
    const groups = client();
    await groups.listUserMembers(CONTOSO, group);
    await groups.readMembership(CONTOSO, group, null);
    await groups.listUserMembers(CONTOSO, group);
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms >= 1000 && ms <= 10_000)).toBe(true);
    expect(
      (await server.call('GET', '/dev/graph/directory/requests')).json<{ throttled: number }>().throttled,
    ).toBeGreaterThan(0);

    await server.call('PUT', '/dev/graph/directory/limits', { body: { unitsPer10Seconds: 1 } });
    const error = await failure(client({ maxAttempts: 2 }).listUserMembers(CONTOSO, group));
    expect(error).toMatchObject({ reason: 'throttled' });
  });

  it('maps a tenant without the application to consent_missing and a wrong secret to credentials_invalid', async () => {
    expect(await failure(client().searchGroups(FABRIKAM, ''))).toMatchObject({ reason: 'consent_missing' });
    expect(await failure(client({ secret: 'wrong' }).searchGroups(CONTOSO, ''))).toMatchObject({
      reason: 'credentials_invalid',
    });
  });

  it('follows links only on the Graph origin it was configured with', async () => {
    const error = await failure(
      client().readMembership(
        CONTOSO,
        '00000000-0000-4000-8000-000000000000',
        'https://graph.attacker.example/v1.0/groups/delta?$deltatoken=x',
      ),
    );
    expect(error.reason).toBe('unavailable');
  });
});
