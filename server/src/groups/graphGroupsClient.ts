/**
 * The production Microsoft Graph client of the group sync (issue 17): app-only tokens per tenant
 * and the directory calls the sync makes, with Graph's paging, throttling and errors.
 *
 * Tokens: Entra's client-credentials grant ("OAuth 2.0 client credentials flow": `POST
 * {authority}/{tenant}/oauth2/v2.0/token`, `scope=https://graph.microsoft.com/.default`, the
 * client secret), one token per tenant, kept until shortly before `expires_in` runs out. MSAL Node
 * would do the same; it is not a dependency, and this one form POST is all the flow is.
 *
 * Calls: group search (`$search` with `ConsistencyLevel: eventual`, "Advanced query capabilities"),
 * one group, a group's direct members (paged by `@odata.nextLink`), one user, and the group's
 * delta ("Get incremental changes for groups": `$filter=id eq '…'`, `$select=displayName,members`,
 * pages up to an `@odata.deltaLink`, `members@delta` with `@removed`; an expired delta link is 400
 * `syncStateNotFound`, after which a full round starts again). Only direct user members count:
 * Microsoft's group-based licensing does not reach into nested groups either.
 *
 * Errors become stable reasons: `consent_missing` (the application is not installed in the tenant —
 * AADSTS700016 — or lacks a permission: 403 Authorization_RequestDenied, or users without their
 * properties), `group_not_found` (404 Request_ResourceNotFound: also a group of another tenant),
 * `throttled` (429 after the retries, each waiting Retry-After as "Microsoft Graph throttling
 * guidance" says), `unavailable` (5xx, network), `credentials_invalid` (AADSTS7000215/7000216/7000222:
 * this deployment's secret), `tenant_not_found`. Links from answers are followed only on the
 * configured Graph origin, so a token never goes anywhere else.
 */

export type GroupsFailureReason =
  'consent_missing' | 'group_not_found' | 'throttled' | 'unavailable' | 'credentials_invalid' | 'tenant_not_found';

export class GraphGroupsError extends Error {
  constructor(
    readonly reason: GroupsFailureReason,
    message: string,
    /** Seconds Graph asked to wait (throttled). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'GraphGroupsError';
  }
}

export type GroupKind = 'security' | 'microsoft365' | 'distribution';

export interface DirectoryGroupInfo {
  id: string;
  displayName: string;
  description: string | null;
  kind: GroupKind;
}

export interface DirectoryUserInfo {
  id: string;
  displayName: string | null;
  userPrincipalName: string;
  mail: string | null;
  userType: 'Member' | 'Guest';
  preferredLanguage: string | null;
}

/** What a delta round says about one group's direct user members. */
export type MembershipRead =
  | { kind: 'full'; memberIds: string[]; deltaLink: string }
  | { kind: 'changes'; added: string[]; removed: string[]; deltaLink: string }
  /** The group was deleted (Graph's `@removed` on the group itself). */
  | { kind: 'group_removed' };

export interface GraphGroupsClientOptions {
  clientId: string;
  clientSecret: string;
  /** `https://login.microsoftonline.com` (or a national cloud's, or the development identity provider). */
  tokenAuthority: string;
  /** `https://graph.microsoft.com` (or the stand-in). */
  graphBaseUrl: string;
  fetch?: typeof fetch;
  clock?: () => number;
  /** How a wait for Retry-After is spent (tests move a clock instead). */
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per request when Graph throttles or fails (the first one included). */
  maxAttempts?: number;
  /** A request that has not answered in this long is given up (and retried): a sync never hangs on one. */
  timeoutMs?: number;
}

/** A token is renewed this long before it expires, so a request never leaves with one about to lapse. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GROUP_SELECT = 'id,displayName,description,groupTypes,securityEnabled,mailEnabled';
const USER_SELECT = 'id,displayName,userPrincipalName,mail,userType,preferredLanguage';

interface GraphPage {
  value?: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

export class GraphGroupsClient {
  private readonly tokens = new Map<string, Promise<{ token: string; expiresAt: number }>>();
  private readonly fetch: typeof fetch;
  private readonly clock: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly graphRoot: string;

  constructor(private readonly options: GraphGroupsClientOptions) {
    this.fetch = options.fetch ?? fetch;
    this.clock = options.clock ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxAttempts = options.maxAttempts ?? 4;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.graphRoot = `${options.graphBaseUrl.replace(/\/+$/, '')}/v1.0/`;
  }

  /** Groups of the tenant whose display name has a word starting with `text` (every group for an empty text), at most 25. */
  async searchGroups(tenantId: string, text: string): Promise<DirectoryGroupInfo[]> {
    // $search takes a quoted "property:value"; a quote or backslash in the text would end it.
    const term = text.replace(/["\\]/g, ' ').trim();
    const query = new URLSearchParams({ $select: GROUP_SELECT, $top: '25' });
    if (term !== '') query.set('$search', `"displayName:${term}"`);
    const page = await this.get<GraphPage>(tenantId, `${this.graphRoot}groups?${query.toString()}`, {
      ConsistencyLevel: 'eventual',
    });
    return (page.value ?? []).map(groupInfo).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }

  async getGroup(tenantId: string, groupId: string): Promise<DirectoryGroupInfo> {
    if (!GUID.test(groupId)) throw new GraphGroupsError('group_not_found', `No group has the id ${groupId}.`);
    return groupInfo(
      await this.get<Record<string, unknown>>(tenantId, `${this.graphRoot}groups/${groupId}?$select=${GROUP_SELECT}`),
    );
  }

  /** The group's direct members that are users, with their properties (every page). */
  async listUserMembers(tenantId: string, groupId: string): Promise<DirectoryUserInfo[]> {
    const users: DirectoryUserInfo[] = [];
    let url: string | undefined = `${this.graphRoot}groups/${groupId}/members?$select=${USER_SELECT}&$top=999`;
    while (url) {
      const page: GraphPage = await this.get<GraphPage>(tenantId, url);
      for (const item of page.value ?? [])
        if (item['@odata.type'] === '#microsoft.graph.user') users.push(userInfo(item));
      url = page['@odata.nextLink'];
    }
    return users;
  }

  async getUser(tenantId: string, userId: string): Promise<DirectoryUserInfo | null> {
    try {
      return userInfo(
        await this.get<Record<string, unknown>>(tenantId, `${this.graphRoot}users/${userId}?$select=${USER_SELECT}`),
      );
    } catch (error) {
      if (error instanceof GraphGroupsError && error.reason === 'group_not_found') return null;
      throw error;
    }
  }

  /**
   * One delta round for the group: from `deltaLink` (the changes since), or from the start (every
   * member) when there is none or it expired.
   */
  async readMembership(tenantId: string, groupId: string, deltaLink: string | null): Promise<MembershipRead> {
    const first =
      deltaLink ??
      `${this.graphRoot}groups/delta?${new URLSearchParams({ $filter: `id eq '${groupId}'`, $select: 'displayName,members' }).toString()}`;
    const added = new Set<string>();
    const removed = new Set<string>();
    let url: string | undefined = first;
    try {
      while (url) {
        const page: GraphPage = await this.get<GraphPage>(tenantId, url);
        // A big group comes over several pages, the same group object each time: merge them.
        for (const item of page.value ?? []) {
          if (item.id !== groupId) continue;
          if (item['@removed'] !== undefined) return { kind: 'group_removed' };
          const changes = Array.isArray(item['members@delta'])
            ? (item['members@delta'] as Array<Record<string, unknown>>)
            : [];
          for (const change of changes) {
            if (change['@odata.type'] !== '#microsoft.graph.user' || typeof change.id !== 'string') continue;
            const id = change.id.toLowerCase();
            if (change['@removed'] !== undefined) {
              removed.add(id);
              added.delete(id);
            } else {
              added.add(id);
              removed.delete(id);
            }
          }
        }
        if (page['@odata.deltaLink']) {
          const link = page['@odata.deltaLink'];
          return deltaLink === null
            ? { kind: 'full', memberIds: [...added], deltaLink: link }
            : { kind: 'changes', added: [...added], removed: [...removed], deltaLink: link };
        }
        url = page['@odata.nextLink'];
      }
    } catch (error) {
      // Delta links of identity resources expire after 7 days: synchronise from the start again.
      if (error instanceof DeltaExpired && deltaLink !== null) return this.readMembership(tenantId, groupId, null);
      throw error;
    }
    throw new GraphGroupsError('unavailable', 'Graph ended a delta round without a delta link.');
  }

  // --- HTTP -----------------------------------------------------------------------------

  private async get<T>(tenantId: string, url: string, headers: Record<string, string> = {}): Promise<T> {
    if (!url.startsWith(this.graphRoot))
      throw new GraphGroupsError(
        'unavailable',
        `Graph answered with a link outside ${this.graphRoot}; it is not followed.`,
      );
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const token = await this.token(tenantId);
      let response: Response;
      try {
        response = await this.fetch(url, {
          headers: { ...headers, Authorization: `Bearer ${token}`, Accept: 'application/json' },
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        if (attempt >= this.maxAttempts)
          throw new GraphGroupsError('unavailable', `Microsoft Graph cannot be reached: ${(error as Error).message}`);
        await this.sleep(backoffMs(attempt));
        continue;
      }
      if (response.ok) return (await response.json()) as T;
      const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
      const code = body?.error?.code ?? '';
      const message = body?.error?.message ?? `HTTP ${response.status}`;
      if (response.status === 401 && !renewed) {
        // A token Graph no longer takes (revoked, clock skew): one fresh token, once.
        this.tokens.delete(tenantId);
        renewed = true;
        continue;
      }
      if (response.status === 429 || response.status === 503 || response.status === 504) {
        const wait = retryAfterMs(response.headers.get('retry-after'), this.clock()) ?? backoffMs(attempt);
        if (attempt >= this.maxAttempts) {
          throw new GraphGroupsError(
            response.status === 429 ? 'throttled' : 'unavailable',
            `Microsoft Graph is busy (${response.status} ${code}): ${message}`,
            Math.ceil(wait / 1000),
          );
        }
        await this.sleep(wait);
        continue;
      }
      if (response.status === 400 && code === 'syncStateNotFound') throw new DeltaExpired(message);
      if (response.status === 403)
        throw new GraphGroupsError('consent_missing', `Microsoft Graph refused (${code}): ${message}`);
      if (response.status === 404)
        throw new GraphGroupsError('group_not_found', `Microsoft Graph found nothing (${code}): ${message}`);
      throw new GraphGroupsError('unavailable', `Microsoft Graph answered ${response.status} ${code}: ${message}`);
    }
  }

  /** The tenant's token, asked for once and kept until shortly before it expires; concurrent callers share one request. */
  private async token(tenantId: string): Promise<string> {
    const cached = this.tokens.get(tenantId);
    if (cached) {
      const kept = await cached.catch(() => null);
      if (kept && kept.expiresAt - TOKEN_MARGIN_MS > this.clock()) return kept.token;
      // Another caller may have asked for a new one meanwhile.
      const current = this.tokens.get(tenantId);
      if (current && current !== cached) return this.token(tenantId);
    }
    const request = this.requestToken(tenantId, this.clock());
    this.tokens.set(tenantId, request);
    try {
      return (await request).token;
    } catch (error) {
      if (this.tokens.get(tenantId) === request) this.tokens.delete(tenantId);
      throw error;
    }
  }

  private async requestToken(tenantId: string, now: number): Promise<{ token: string; expiresAt: number }> {
    const body = new URLSearchParams({
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    });
    let response: Response;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await this.fetch(
          `${this.options.tokenAuthority}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body,
            signal: AbortSignal.timeout(this.timeoutMs),
          },
        );
      } catch (error) {
        if (attempt >= this.maxAttempts)
          throw new GraphGroupsError('unavailable', `Microsoft Entra cannot be reached: ${(error as Error).message}`);
        await this.sleep(backoffMs(attempt));
        continue;
      }
      if ((response.status === 429 || response.status >= 500) && attempt < this.maxAttempts) {
        await this.sleep(retryAfterMs(response.headers.get('retry-after'), this.clock()) ?? backoffMs(attempt));
        continue;
      }
      break;
    }
    const json = (await response.json().catch(() => null)) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
      error_codes?: number[];
    } | null;
    if (response.ok && typeof json?.access_token === 'string')
      return { token: json.access_token, expiresAt: now + (json.expires_in ?? 3599) * 1000 };
    const codes = json?.error_codes ?? [];
    // The first line of Entra's description names the problem; the rest is trace ids.
    const said = (json?.error_description ?? json?.error ?? `HTTP ${response.status}`).split(/\r?\n/)[0];
    if (codes.includes(700016))
      throw new GraphGroupsError('consent_missing', `Outmerge is not installed in this Microsoft 365 tenant: ${said}`);
    if (codes.some((c) => c === 7000215 || c === 7000216 || c === 7000222))
      throw new GraphGroupsError('credentials_invalid', `This deployment's client secret was refused: ${said}`);
    if (codes.includes(90002)) throw new GraphGroupsError('tenant_not_found', said ?? 'No such tenant.');
    throw new GraphGroupsError('unavailable', `Microsoft Entra refused the token request: ${said}`);
  }
}

class DeltaExpired extends Error {}

function groupInfo(item: Record<string, unknown>): DirectoryGroupInfo {
  const types = Array.isArray(item.groupTypes) ? item.groupTypes : [];
  const kind: GroupKind = types.includes('Unified')
    ? 'microsoft365'
    : item.securityEnabled === true
      ? 'security'
      : 'distribution';
  return {
    id: String(item.id),
    displayName: typeof item.displayName === 'string' ? item.displayName : String(item.id),
    description: typeof item.description === 'string' ? item.description : null,
    kind,
  };
}

function userInfo(item: Record<string, unknown>): DirectoryUserInfo {
  // Without a permission to read users Graph gives the id and nulls ("limited information"): the sync cannot seat anyone.
  if (typeof item.userPrincipalName !== 'string')
    throw new GraphGroupsError(
      'consent_missing',
      'Microsoft Graph gives the members without their properties: the User.Read.All application permission is missing.',
    );
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: String(item.id).toLowerCase(),
    displayName: text(item.displayName),
    userPrincipalName: item.userPrincipalName,
    mail: text(item.mail),
    userType: item.userType === 'Guest' ? 'Guest' : 'Member',
    preferredLanguage: text(item.preferredLanguage),
  };
}

/** Retry-After in seconds or as an HTTP date (RFC 9110), in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Without Retry-After: 1, 2, 4 … seconds, at most a minute (Graph's guidance: exponential backoff). */
function backoffMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** (attempt - 1));
}
