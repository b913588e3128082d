/**
 * The Graph stand-in's directory: each tenant's users and groups, and the change log its delta
 * queries read (issue 17). Users get the object id the development identity provider puts in
 * their tokens (`oid`), so Graph and sign-in agree on who is who, as they do in Entra.
 *
 * Delta follows Graph's "Get incremental changes for groups" and "group: delta": a round starts
 * with the full state (every member as `members@delta`, a big group split over several pages,
 * the same group object repeated), ends with an `@odata.deltaLink`, and the next round returns only
 * the groups whose membership changed, each member added as `{ "@odata.type", "id" }` and each one
 * removed with `"@removed": { "reason": "deleted" }`; a deleted group comes back as
 * `{ "id", "@removed": { "reason": "changed" } }`. Delta links of identity resources live 7 days
 * ("Duration of change tracking tokens for identity and education resources": then 400
 * `syncStateNotFound`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { normalizeEmail } from '#shared/email/normalizeEmail.js';
import { derivedGuid, homeTenantOf } from '../identityProvider.js';
import { GraphError } from './graphErrors.js';

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail: string | null;
  userType: 'Member' | 'Guest';
  preferredLanguage: string | null;
}

export type GroupKind = 'security' | 'microsoft365' | 'distribution';

export interface DirectoryGroup {
  id: string;
  displayName: string;
  description: string | null;
  groupTypes: string[];
  securityEnabled: boolean;
  mailEnabled: boolean;
  mail: string | null;
  /** Direct members' object ids, in the order they joined. */
  members: string[];
  createdSeq: number;
  deletedSeq: number | null;
}

/** A user as a test or the development seed names them. */
export interface UserSpec {
  email: string;
  /** The primary SMTP address when it differs from the sign-in name. */
  mail?: string;
  name?: string;
  /** A guest (B2B) of the tenant rather than a member. */
  guest?: boolean;
  preferredLanguage?: string;
}

interface Change {
  seq: number;
  tenantId: string;
  groupId: string;
  kind: 'add' | 'remove';
  userId: string;
}

/** What a delta round returns: a group object and the member references it carries on one page. */
export interface DeltaEntry {
  group: Record<string, unknown>;
  members: Array<Record<string, unknown>>;
}

interface DeltaQuery {
  tenantId: string;
  app: string;
  /** Group ids of `$filter=id eq …` (null: every group of the tenant). */
  ids: string[] | null;
  /** `$select` (null: the default properties, members included). */
  select: string[] | null;
}

interface RoundState extends DeltaQuery {
  remaining: DeltaEntry[];
  /** The log position the round describes, for its deltaLink. */
  seq: number;
}

interface DeltaState extends DeltaQuery {
  seq: number;
  issuedAt: number;
}

/** Delta links of identity resources: 7 days. */
export const DELTA_LINK_LIFETIME_MS = 7 * 24 * 3600_000;
const DEFAULT_GROUP_PROPERTIES = ['displayName', 'description', 'groupTypes', 'mail', 'mailEnabled', 'securityEnabled'];

const token = () => randomBytes(24).toString('base64url');

export class DirectoryStore {
  private readonly users = new Map<string, Map<string, DirectoryUser>>();
  private readonly groups = new Map<string, Map<string, DirectoryGroup>>();
  private readonly log: Change[] = [];
  private seq = 0;
  private readonly rounds = new Map<string, RoundState>();
  private readonly deltas = new Map<string, DeltaState>();
  /** Members per delta page (Graph decides its own; tests make it small to see paging). */
  deltaPageSize = 100;

  constructor(private readonly clock: () => number) {}

  // --- users and groups ---------------------------------------------------------------

  /** The user a spec names in this tenant, created on first mention with the identity provider's object id. */
  ensureUser(tenantId: string, spec: UserSpec): DirectoryUser {
    const email = normalizeEmail(spec.email);
    if (!email.ok) throw new GraphError(400, 'Request_BadRequest', `"${spec.email}" is not an email address.`);
    const id = derivedGuid(`user:${tenantId}:${email.canonical}`);
    const users = this.usersOf(tenantId);
    const known = users.get(id);
    if (known) return known;
    const local = email.canonical.slice(0, email.canonical.lastIndexOf('@'));
    const onmicrosoft = `t${tenantId.slice(0, 8)}.onmicrosoft.com`;
    const guest = spec.guest === true;
    // As in Entra: a member's UPN is at a domain its tenant verified, a guest's is local_domain#EXT#@tenant.onmicrosoft.com.
    const upn = guest
      ? `${local}_${email.domain}#EXT#@${onmicrosoft}`
      : homeTenantOf(email.domain) === tenantId
        ? email.display
        : `${local}@${onmicrosoft}`;
    const mail = spec.mail ? normalizeEmail(spec.mail) : email;
    const user: DirectoryUser = {
      id,
      displayName: spec.name ?? local,
      userPrincipalName: upn,
      mail: mail.ok ? mail.display : null,
      userType: guest ? 'Guest' : 'Member',
      preferredLanguage: spec.preferredLanguage ?? null,
    };
    users.set(id, user);
    return user;
  }

  user(tenantId: string, id: string): DirectoryUser | undefined {
    return this.users.get(tenantId)?.get(id.toLowerCase());
  }

  createGroup(
    tenantId: string,
    spec: { displayName: string; description?: string; kind: GroupKind; members?: UserSpec[] },
  ): DirectoryGroup {
    const nickname =
      spec.displayName
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'group';
    const group: DirectoryGroup = {
      id: randomUUID(),
      displayName: spec.displayName,
      description: spec.description ?? null,
      groupTypes: spec.kind === 'microsoft365' ? ['Unified'] : [],
      securityEnabled: spec.kind === 'security',
      mailEnabled: spec.kind !== 'security',
      mail: spec.kind === 'security' ? null : `${nickname}@t${tenantId.slice(0, 8)}.onmicrosoft.com`,
      members: [],
      createdSeq: ++this.seq,
      deletedSeq: null,
    };
    this.groupsOf(tenantId).set(group.id, group);
    this.changeMembers(tenantId, group.id, spec.members ?? [], []);
    return group;
  }

  /** Adds and removes direct members; each change goes into the delta log. */
  changeMembers(
    tenantId: string,
    groupId: string,
    add: readonly UserSpec[],
    remove: readonly string[],
  ): DirectoryGroup {
    const group = this.group(tenantId, groupId);
    if (!group)
      throw new GraphError(
        404,
        'Request_ResourceNotFound',
        `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`,
      );
    for (const spec of add) {
      const user = this.ensureUser(tenantId, spec);
      if (group.members.includes(user.id)) continue;
      group.members.push(user.id);
      this.log.push({ seq: ++this.seq, tenantId, groupId, kind: 'add', userId: user.id });
    }
    for (const email of remove) {
      const user = this.ensureUser(tenantId, { email });
      if (!group.members.includes(user.id)) continue;
      group.members = group.members.filter((id) => id !== user.id);
      this.log.push({ seq: ++this.seq, tenantId, groupId, kind: 'remove', userId: user.id });
    }
    return group;
  }

  deleteGroup(tenantId: string, groupId: string): void {
    const group = this.group(tenantId, groupId);
    if (group) group.deletedSeq = ++this.seq;
  }

  /** A live group of this tenant: another tenant's group, or a deleted one, is not found. */
  group(tenantId: string, groupId: string): DirectoryGroup | undefined {
    const group = this.groups.get(tenantId)?.get(groupId.toLowerCase());
    return group && group.deletedSeq === null ? group : undefined;
  }

  liveGroups(tenantId: string): DirectoryGroup[] {
    return [...(this.groups.get(tenantId)?.values() ?? [])]
      .filter((g) => g.deletedSeq === null)
      .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
  }

  // --- delta ----------------------------------------------------------------------------

  /** A first round: the full state of the groups the query names. */
  startRound(query: DeltaQuery): string {
    const entries = this.groupsFor(query)
      .filter((g) => g.deletedSeq === null)
      .map((g) =>
        this.entry(
          query,
          g,
          g.members.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
        ),
      );
    return this.saveRound(query, entries, this.seq);
  }

  /** A round after a deltaLink: only what changed since. */
  resumeRound(deltaToken: string, caller: { tenantId: string; app: string }): string {
    const state = this.deltas.get(deltaToken);
    if (
      !state ||
      state.tenantId !== caller.tenantId ||
      state.app !== caller.app ||
      this.clock() - state.issuedAt > DELTA_LINK_LIFETIME_MS
    ) {
      throw new GraphError(
        400,
        'syncStateNotFound',
        'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
      );
    }
    const entries: DeltaEntry[] = [];
    for (const group of this.groupsFor(state)) {
      if (group.createdSeq > state.seq) {
        if (group.deletedSeq === null)
          entries.push(
            this.entry(
              state,
              group,
              group.members.map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
            ),
          );
        continue;
      }
      if (group.deletedSeq !== null) {
        if (group.deletedSeq > state.seq)
          entries.push({ group: { id: group.id, '@removed': { reason: 'changed' } }, members: [] });
        continue;
      }
      const then = new Set(this.membersAt(state.tenantId, group, state.seq));
      const now = new Set(group.members);
      const changes = [
        ...[...now].filter((id) => !then.has(id)).map((id) => ({ '@odata.type': '#microsoft.graph.user', id })),
        ...[...then]
          .filter((id) => !now.has(id))
          .map((id) => ({ '@odata.type': '#microsoft.graph.user', id, '@removed': { reason: 'deleted' } })),
      ];
      if (changes.length > 0) entries.push(this.entry(state, group, changes));
    }
    return this.saveRound(state, entries, this.seq);
  }

  /** The next page of a round: its entries, and either the next skiptoken or the round's deltatoken. */
  page(
    skipToken: string,
    caller: { tenantId: string; app: string },
  ): { entries: DeltaEntry[]; next: { skipToken: string } | { deltaToken: string } } {
    const round = this.rounds.get(skipToken);
    if (!round || round.tenantId !== caller.tenantId || round.app !== caller.app) {
      throw new GraphError(
        400,
        'syncStateNotFound',
        'The sync state generation is not found. The delta token is expired and data must be synchronized again.',
      );
    }
    this.rounds.delete(skipToken);
    const entries: DeltaEntry[] = [];
    let room = this.deltaPageSize;
    while (round.remaining.length > 0 && (entries.length === 0 || room > 0)) {
      const first = round.remaining[0] as DeltaEntry;
      // A group with more members than fit is split: the same group object again on the next page.
      const taken = first.members.slice(0, Math.max(1, room));
      entries.push({ group: first.group, members: taken });
      room -= Math.max(1, taken.length);
      if (taken.length === first.members.length) round.remaining.shift();
      else round.remaining[0] = { group: first.group, members: first.members.slice(taken.length) };
    }
    if (round.remaining.length > 0)
      return { entries, next: { skipToken: this.saveRound(round, round.remaining, round.seq) } };
    const deltaToken = token();
    this.deltas.set(deltaToken, {
      tenantId: round.tenantId,
      app: round.app,
      ids: round.ids,
      select: round.select,
      seq: round.seq,
      issuedAt: this.clock(),
    });
    return { entries, next: { deltaToken } };
  }

  // --- helpers --------------------------------------------------------------------------

  private usersOf(tenantId: string): Map<string, DirectoryUser> {
    let users = this.users.get(tenantId);
    if (!users) this.users.set(tenantId, (users = new Map()));
    return users;
  }

  private groupsOf(tenantId: string): Map<string, DirectoryGroup> {
    let groups = this.groups.get(tenantId);
    if (!groups) this.groups.set(tenantId, (groups = new Map()));
    return groups;
  }

  private groupsFor(query: DeltaQuery): DirectoryGroup[] {
    const all = [...(this.groups.get(query.tenantId)?.values() ?? [])];
    return query.ids === null ? all : all.filter((g) => query.ids?.includes(g.id));
  }

  /** Membership as it was at a log position: today's, with later changes undone. */
  private membersAt(tenantId: string, group: DirectoryGroup, seq: number): string[] {
    const members = new Set(group.members);
    for (let i = this.log.length - 1; i >= 0 && (this.log[i] as Change).seq > seq; i--) {
      const change = this.log[i] as Change;
      if (change.tenantId !== tenantId || change.groupId !== group.id) continue;
      if (change.kind === 'add') members.delete(change.userId);
      else members.add(change.userId);
    }
    return [...members];
  }

  private entry(query: DeltaQuery, group: DirectoryGroup, members: Array<Record<string, unknown>>): DeltaEntry {
    const properties = query.select === null ? DEFAULT_GROUP_PROPERTIES : query.select.filter((p) => p !== 'members');
    const json: Record<string, unknown> = { id: group.id };
    for (const property of properties) if (property in group) json[property] = group[property as keyof DirectoryGroup];
    const tracksMembers = query.select === null || query.select.includes('members');
    return { group: json, members: tracksMembers ? members : [] };
  }

  private saveRound(query: DeltaQuery, entries: DeltaEntry[], seq: number): string {
    const skip = token();
    this.rounds.set(skip, {
      tenantId: query.tenantId,
      app: query.app,
      ids: query.ids,
      select: query.select,
      remaining: entries,
      seq,
    });
    return skip;
  }
}
