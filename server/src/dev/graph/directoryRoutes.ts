/**
 * The Graph stand-in's directory routes (issue 17), for app-only tokens, each traced in
 * docs/microsoft-behaviour.md:
 *
 *   GET /groups?$search="displayName:…"&$select&$top          ConsistencyLevel: eventual required for $search
 *   GET /groups/{id}?$select                                  404 Request_ResourceNotFound for a group of another tenant
 *   GET /groups/{id}/members?$select&$top                     paged (@odata.nextLink); users with id only without User.Read.All
 *   GET /groups/{id}/members/microsoft.graph.user              OData cast: an advanced query (ConsistencyLevel and $count)
 *   GET /users/{id}?$select                                   User.Read.All
 *   GET /groups/delta?$filter=id eq '…'&$select=…,members     rounds of pages, @odata.deltaLink, members@delta, @removed
 *
 * Application permissions per operation (each page's Permissions table), 403
 * Authorization_RequestDenied "Insufficient privileges to complete the operation." without them;
 * the identity service's throttling: resource units per app and tenant in 10 seconds, each request
 * costing what Microsoft's table says, 429 TooManyRequests with Retry-After beyond. Controls (not
 * Graph): create groups, add and remove members per tenant, delete a group, change the limits.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JWK } from 'jose';
import { assertDevelopment } from '../assertDevelopment.js';
import {
  DirectoryStore,
  type DeltaEntry,
  type DirectoryGroup,
  type DirectoryUser,
  type GroupKind,
  type UserSpec,
} from './directoryStore.js';
import { correlate, GraphError, sendGraphError } from './graphErrors.js';
import { graphAppTokenReader, type GraphAppCaller } from './graphToken.js';

/** Application permissions that read groups and their membership (group-delta, group-list-members, group-get, group-list). */
const GROUP_READ = [
  'GroupMember.Read.All',
  'GroupMember.ReadWrite.All',
  'Group.Read.All',
  'Group.ReadWrite.All',
  'Directory.Read.All',
  'Directory.ReadWrite.All',
];
/** Application permissions that read users' properties (user-get; members' properties). */
const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

const USER_PROPERTIES = ['id', 'displayName', 'userPrincipalName', 'mail', 'userType', 'preferredLanguage'];
const GROUP_PROPERTIES = ['id', 'displayName', 'description', 'groupTypes', 'mail', 'mailEnabled', 'securityEnabled'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const denied = () =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
const notFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );
const unsupported = () => new GraphError(400, 'Request_UnsupportedQuery', 'Unsupported Query.');

/**
 * The identity service's limit per application and tenant: resource units in 10 seconds (S: 3,500
 * under 50 users), a token bucket approximated by a sliding window.
 */
class ResourceUnits {
  private readonly spent = new Map<string, Array<{ at: number; units: number }>>();
  constructor(
    public unitsPer10Seconds: number,
    private readonly clock: () => number,
  ) {}

  take(caller: GraphAppCaller, units: number): void {
    const key = `${caller.app}|${caller.tenantId}`;
    const now = this.clock();
    const window = (this.spent.get(key) ?? []).filter((s) => s.at > now - 10_000);
    const used = window.reduce((sum, s) => sum + s.units, 0);
    if (used + units > this.unitsPer10Seconds) {
      this.spent.set(key, window);
      const retryAfter = Math.max(1, Math.ceil(((window[0]?.at ?? now) + 10_000 - now) / 1000));
      throw Object.assign(new GraphError(429, 'TooManyRequests', 'Please retry again later.', retryAfter), {
        scope: `Tenant_Application/ReadWrite/${caller.app}/${caller.tenantId}`,
      });
    }
    window.push({ at: now, units });
    this.spent.set(key, window);
  }

  clear(): void {
    this.spent.clear();
  }
}

/** A request's cost in resource units (Microsoft's table: members 3, others 1; $select −1, $top under 20 −1; never below 1). */
function costOf(base: number, query: Record<string, unknown>): number {
  const top = Number(query.$top);
  return Math.max(1, base - (query.$select !== undefined ? 1 : 0) - (Number.isInteger(top) && top < 20 ? 1 : 0));
}

function selectOf(raw: unknown, allowed: readonly string[], type: string): string[] | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || raw.trim() === '') throw new GraphError(400, 'Request_BadRequest', 'Invalid $select.');
  const properties = raw.split(',').map((p) => p.trim());
  const unknown = properties.find((p) => !allowed.includes(p));
  if (unknown !== undefined)
    throw new GraphError(
      400,
      'Request_BadRequest',
      `Could not find a property named '${unknown}' on type 'microsoft.graph.${type}'.`,
    );
  return properties;
}

function topOf(raw: unknown, fallback: number): number {
  if (raw === undefined) return fallback;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > 999)
    throw new GraphError(
      400,
      'Request_BadRequest',
      `Invalid page size specified: '${String(raw)}'. Must be between 1 and 999 inclusive.`,
    );
  return top;
}

function skipOf(raw: unknown): number {
  if (raw === undefined) return 0;
  const decoded =
    typeof raw === 'string'
      ? Number(
          Buffer.from(raw, 'base64url')
            .toString('utf8')
            .replace(/^offset:/, ''),
        )
      : NaN;
  if (!Number.isInteger(decoded) || decoded < 0)
    throw new GraphError(
      400,
      'Request_BadRequest',
      'The specified page token value has expired and can no longer be included in your request.',
    );
  return decoded;
}

function userJson(user: DirectoryUser, select: string[] | null, readable: boolean): Record<string, unknown> {
  const properties = select ?? USER_PROPERTIES;
  const json: Record<string, unknown> = { '@odata.type': '#microsoft.graph.user', id: user.id };
  // Without a permission to read users, Graph returns the object's type and id, every other property null.
  for (const p of properties) if (p !== 'id') json[p] = readable ? user[p as keyof DirectoryUser] : null;
  return json;
}

function groupJson(group: DirectoryGroup, select: string[] | null): Record<string, unknown> {
  const json: Record<string, unknown> = { id: group.id };
  for (const p of select ?? GROUP_PROPERTIES) if (p !== 'id') json[p] = group[p as keyof DirectoryGroup];
  return json;
}

const hasAny = (caller: GraphAppCaller, roles: readonly string[]) => roles.some((r) => caller.roles.has(r));

export interface DirectoryStandIn {
  store: DirectoryStore;
}

export function registerDirectoryRoutes(
  app: FastifyInstance,
  options: {
    identityJwks: { keys: JWK[] };
    issuerTemplate: string;
    clock: () => number;
    latencyMs: number;
    unitsPer10Seconds: number;
  },
): DirectoryStandIn {
  assertDevelopment('The Graph stand-in');
  const store = new DirectoryStore(options.clock);
  const readToken = graphAppTokenReader(options.identityJwks, options.issuerTemplate);
  const units = new ResourceUnits(options.unitsPer10Seconds, options.clock);
  const counters: Record<string, number> = { search: 0, group: 0, members: 0, user: 0, delta: 0, throttled: 0 };

  const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}/dev/graph/v1.0`;
  const handle = async (
    request: FastifyRequest,
    reply: FastifyReply,
    operation: string,
    base: number,
    work: (caller: GraphAppCaller) => unknown,
  ) => {
    const ids = correlate(request, reply);
    try {
      const caller = await readToken(request.headers.authorization);
      const cost = costOf(base, request.query as Record<string, unknown>);
      units.take(caller, cost);
      counters[operation] = (counters[operation] ?? 0) + 1;
      if (options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      const body = work(caller);
      return reply.header('x-ms-resource-unit', String(cost)).send(body);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      if (error.statusCode === 429) {
        counters.throttled = (counters.throttled ?? 0) + 1;
        void reply
          .header('x-ms-throttle-scope', (error as GraphError & { scope?: string }).scope ?? '')
          .header('x-ms-throttle-information', 'ResourceUnitLimitExceeded');
      }
      return sendGraphError(reply, error, ids, options.clock());
    }
  };
  const hide = { schema: { hide: true } };
  type Query = Record<string, unknown>;

  app.get<{ Querystring: Query }>('/dev/graph/v1.0/groups', hide, (request, reply) =>
    handle(request, reply, 'search', 1, (caller) => {
      if (!hasAny(caller, GROUP_READ)) throw denied();
      const q = request.query;
      let groups = store.liveGroups(caller.tenantId);
      if (q.$search !== undefined) {
        // $search on directory objects is an advanced query: Graph refuses it without the header.
        if (request.headers.consistencylevel !== 'eventual')
          throw new GraphError(
            400,
            'Request_UnsupportedQuery',
            "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
          );
        const match = typeof q.$search === 'string' ? /^"(displayName|description):([^"]*)"$/.exec(q.$search) : null;
        if (!match) throw unsupported();
        const property = match[1] as 'displayName' | 'description';
        const term = (match[2] ?? '').toLowerCase();
        // Tokenised search: a word of the property starts with the term.
        groups = groups.filter((g) =>
          (g[property] ?? '')
            .toLowerCase()
            .split(/[^\p{L}\p{N}]+/u)
            .some((word) => word.startsWith(term)),
        );
      }
      const select = selectOf(q.$select, GROUP_PROPERTIES, 'group');
      const top = topOf(q.$top, 100);
      const skip = skipOf(q.$skiptoken);
      const page = groups.slice(skip, skip + top);
      const next = skip + top < groups.length ? nextLink(request, skip + top) : null;
      return {
        '@odata.context': `${baseUrl(request)}/$metadata#groups`,
        value: page.map((g) => groupJson(g, select)),
        ...(next ? { '@odata.nextLink': next } : {}),
      };
    }),
  );

  app.get<{ Querystring: Query }>('/dev/graph/v1.0/groups/delta', hide, (request, reply) =>
    handle(request, reply, 'delta', 1, (caller) => {
      if (!hasAny(caller, GROUP_READ)) throw denied();
      const q = request.query;
      const who = { tenantId: caller.tenantId, app: caller.app };
      let skipToken: string;
      if (typeof q.$skiptoken === 'string') skipToken = q.$skiptoken;
      else if (typeof q.$deltatoken === 'string') skipToken = store.resumeRound(q.$deltatoken, who);
      else skipToken = store.startRound({ ...who, ids: deltaFilter(q.$filter), select: deltaSelect(q.$select) });
      const { entries, next } = store.page(skipToken, who);
      const link = `${baseUrl(request)}/groups/delta?${'skipToken' in next ? `$skiptoken=${next.skipToken}` : `$deltatoken=${next.deltaToken}`}`;
      return {
        '@odata.context': `${baseUrl(request)}/$metadata#groups`,
        ...('skipToken' in next ? { '@odata.nextLink': link } : { '@odata.deltaLink': link }),
        value: entries.map(deltaJson),
      };
    }),
  );

  app.get<{ Params: { id: string }; Querystring: Query }>('/dev/graph/v1.0/groups/:id', hide, (request, reply) =>
    handle(request, reply, 'group', 1, (caller) => {
      if (!hasAny(caller, GROUP_READ)) throw denied();
      const group = store.group(caller.tenantId, validId(request.params.id));
      if (!group) throw notFound(request.params.id);
      return {
        '@odata.context': `${baseUrl(request)}/$metadata#groups/$entity`,
        ...groupJson(group, selectOf(request.query.$select, GROUP_PROPERTIES, 'group')),
      };
    }),
  );

  const listMembers =
    (cast: boolean) => (request: FastifyRequest<{ Params: { id: string }; Querystring: Query }>, reply: FastifyReply) =>
      handle(request, reply, 'members', 3, (caller) => {
        if (!hasAny(caller, GROUP_READ)) throw denied();
        const q = request.query;
        // An OData cast on a directory relationship is an advanced query: the header and $count (advanced queries page).
        if (cast && (request.headers.consistencylevel !== 'eventual' || q.$count !== 'true')) throw unsupported();
        const group = store.group(caller.tenantId, validId(request.params.id));
        if (!group) throw notFound(request.params.id);
        const select = selectOf(q.$select, USER_PROPERTIES, 'user');
        const top = topOf(q.$top, 100);
        const skip = skipOf(q.$skiptoken);
        const members = group.members
          .map((id) => store.user(caller.tenantId, id))
          .filter((u): u is DirectoryUser => u !== undefined);
        const page = members.slice(skip, skip + top);
        const next = skip + top < members.length ? nextLink(request, skip + top) : null;
        const readable = hasAny(caller, USER_READ);
        return {
          '@odata.context': `${baseUrl(request)}/$metadata#directoryObjects`,
          ...(cast ? { '@odata.count': members.length } : {}),
          value: page.map((u) => userJson(u, select, readable)),
          ...(next ? { '@odata.nextLink': next } : {}),
        };
      });
  app.get('/dev/graph/v1.0/groups/:id/members', hide, listMembers(false));
  app.get('/dev/graph/v1.0/groups/:id/members/microsoft.graph.user', hide, listMembers(true));

  app.get<{ Params: { id: string }; Querystring: Query }>('/dev/graph/v1.0/users/:id', hide, (request, reply) =>
    handle(request, reply, 'user', 1, (caller) => {
      if (!hasAny(caller, USER_READ)) throw denied();
      const user = store.user(caller.tenantId, validId(request.params.id));
      if (!user) throw notFound(request.params.id);
      const json = userJson(user, selectOf(request.query.$select, USER_PROPERTIES, 'user'), true);
      delete json['@odata.type'];
      return { '@odata.context': `${baseUrl(request)}/$metadata#users/$entity`, ...json };
    }),
  );

  registerDirectoryControls(app, store, units, counters);
  return { store };
}

function validId(id: string): string {
  if (!GUID.test(id)) throw new GraphError(400, 'Request_BadRequest', `Invalid object identifier '${id}'.`);
  return id.toLowerCase();
}

function nextLink(request: FastifyRequest, offset: number): string {
  const url = new URL(request.url, 'http://stand-in');
  url.searchParams.set('$skiptoken', Buffer.from(`offset:${offset}`).toString('base64url'));
  // Graph writes its query options unencoded ($skiptoken, $select=a,b), as in its examples.
  return `${request.protocol}://${request.host}${url.pathname}${url.search.replace(/%24/g, '$').replace(/%2C/g, ',')}`;
}

/** `$filter=id eq '…' or id eq '…'`: the only filter group delta supports, at most 50 objects. */
function deltaFilter(raw: unknown): string[] | null {
  if (raw === undefined) return null;
  if (typeof raw !== 'string') throw unsupported();
  const clauses = raw
    .split(/\s+or\s+/i)
    .map((c) => /^\s*id\s+eq\s+'([0-9a-fA-F-]{36})'\s*$/.exec(c)?.[1]?.toLowerCase());
  if (clauses.length === 0 || clauses.length > 50 || clauses.some((c) => c === undefined)) throw unsupported();
  return clauses as string[];
}

function deltaSelect(raw: unknown): string[] | null {
  return selectOf(raw, [...GROUP_PROPERTIES, 'members'], 'group');
}

function deltaJson(entry: DeltaEntry): Record<string, unknown> {
  return entry.members.length > 0 ? { ...entry.group, 'members@delta': entry.members } : entry.group;
}

/** Development controls of the directory (not Graph): groups and members per tenant, limits, what was asked. */
function registerDirectoryControls(
  app: FastifyInstance,
  store: DirectoryStore,
  units: ResourceUnits,
  counters: Record<string, number>,
) {
  const tenantId = { type: 'string', pattern: '^[0-9a-fA-F-]{36}$' };
  const userSpec = {
    type: 'object',
    required: ['email'],
    additionalProperties: false,
    properties: {
      email: { type: 'string', maxLength: 254 },
      mail: { type: 'string', maxLength: 254 },
      name: { type: 'string', maxLength: 200 },
      guest: { type: 'boolean' },
      preferredLanguage: { type: 'string', maxLength: 35 },
    },
  };
  const fail = (reply: FastifyReply, error: unknown) => {
    if (error instanceof GraphError)
      return reply.code(error.statusCode).send({ error: { code: error.code, message: error.message } });
    throw error;
  };
  app.post<{
    Params: { tenantId: string };
    Body: { displayName: string; description?: string; kind: GroupKind; members?: UserSpec[] };
  }>(
    '/dev/graph/tenants/:tenantId/groups',
    {
      schema: {
        hide: true,
        params: { type: 'object', properties: { tenantId } },
        body: {
          type: 'object',
          required: ['displayName', 'kind'],
          additionalProperties: false,
          properties: {
            displayName: { type: 'string', minLength: 1, maxLength: 256 },
            description: { type: 'string', maxLength: 1024 },
            kind: { type: 'string', enum: ['security', 'microsoft365', 'distribution'] },
            members: { type: 'array', maxItems: 5000, items: userSpec },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        const group = store.createGroup(request.params.tenantId.toLowerCase(), request.body);
        return reply.code(201).send({ ...groupJson(group, null), members: group.members });
      } catch (error) {
        return fail(reply, error);
      }
    },
  );
  app.post<{ Params: { tenantId: string; groupId: string }; Body: { add?: UserSpec[]; remove?: string[] } }>(
    '/dev/graph/tenants/:tenantId/groups/:groupId/members',
    {
      schema: {
        hide: true,
        params: { type: 'object', properties: { tenantId, groupId: tenantId } },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            add: { type: 'array', maxItems: 5000, items: userSpec },
            remove: { type: 'array', maxItems: 5000, items: { type: 'string', maxLength: 254 } },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        const group = store.changeMembers(
          request.params.tenantId.toLowerCase(),
          request.params.groupId.toLowerCase(),
          request.body.add ?? [],
          request.body.remove ?? [],
        );
        return { ...groupJson(group, null), members: group.members };
      } catch (error) {
        return fail(reply, error);
      }
    },
  );
  app.delete<{ Params: { tenantId: string; groupId: string } }>(
    '/dev/graph/tenants/:tenantId/groups/:groupId',
    { schema: { hide: true, params: { type: 'object', properties: { tenantId, groupId: tenantId } } } },
    async (request, reply) => {
      store.deleteGroup(request.params.tenantId.toLowerCase(), request.params.groupId.toLowerCase());
      return reply.code(204).send();
    },
  );
  app.get<{ Params: { tenantId: string } }>(
    '/dev/graph/tenants/:tenantId/groups',
    { schema: { hide: true, params: { type: 'object', properties: { tenantId } } } },
    async (request) =>
      store.liveGroups(request.params.tenantId.toLowerCase()).map((g) => ({
        ...groupJson(g, null),
        members: g.members.map((id) => store.user(request.params.tenantId.toLowerCase(), id)),
      })),
  );
  app.put<{ Body: { unitsPer10Seconds?: number; deltaPageSize?: number } }>(
    '/dev/graph/directory/limits',
    {
      schema: {
        hide: true,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            unitsPer10Seconds: { type: 'integer', minimum: 1, maximum: 1_000_000 },
            deltaPageSize: { type: 'integer', minimum: 1, maximum: 10_000 },
          },
        },
      },
    },
    async (request) => {
      if (request.body.unitsPer10Seconds !== undefined) units.unitsPer10Seconds = request.body.unitsPer10Seconds;
      if (request.body.deltaPageSize !== undefined) store.deltaPageSize = request.body.deltaPageSize;
      units.clear();
      return { unitsPer10Seconds: units.unitsPer10Seconds, deltaPageSize: store.deltaPageSize };
    },
  );
  // Which directory requests were made since the last reset: proves a sync reads only changes.
  app.get('/dev/graph/directory/requests', { schema: { hide: true } }, async () => ({ ...counters }));
  app.delete('/dev/graph/directory/requests', { schema: { hide: true } }, async (_request, reply) => {
    for (const key of Object.keys(counters)) counters[key] = 0;
    return reply.code(204).send();
  });
}
