/**
 * What a group sync changes, as a pure function (issue 17): from the members of the linked groups,
 * the seats the subscription holds and the quantity bought, which seats to add, which to remove,
 * and who waits.
 *
 * The rules follow Microsoft 365's own group-based licensing (Entra "What is group-based
 * licensing", "Assign licenses to a group"): a person in two linked groups holds one seat; a
 * license assigned directly is left alone by the group ("a user can have licenses assigned
 * directly and inherited from groups"); a person who leaves every group loses the inherited seat;
 * when there are not enough licenses, the members beyond them get none and the group shows the
 * problem ("CountViolation") until licenses are bought or members leave. Never more seats than
 * bought, whatever the inputs.
 */

/** A member of a linked group, as Graph described them. */
export interface GroupMember {
  /** The user's Entra object id (Graph `id`): the `oid` of their own tokens. */
  userId: string;
  /** Canonical address the seat is assigned to (their user principal name). */
  address: string;
  /** The address as Graph spells it, for the seat list and emails. */
  display: string;
  /** Other canonical addresses of the same person (their mail), to recognise a seat assigned by hand. */
  aliases: readonly string[];
  /** When Outmerge first saw them in a linked group: who joined first gets a free seat first. */
  firstSeenAt: number;
}

/** A live seat of the subscription. */
export interface CurrentSeat {
  seatId: string;
  emailCanonical: string;
  /** The person it is bound to, when that person is of the organisation's own tenant. */
  boundObjectId: string | null;
  /** The group member this seat was given to by a sync; null for a seat assigned by hand. */
  groupUserId: string | null;
}

export interface SyncPlan {
  /** Members who get a seat now, in order. */
  add: GroupMember[];
  /** Seats the sync gave to people who are in no linked group any more. */
  remove: CurrentSeat[];
  /** Members without a seat for want of free seats, in the order they would get one. */
  waiting: GroupMember[];
  /** Seats to buy so that every waiting member gets one. */
  seatsToBuy: number;
  /** Distinct members of the linked groups. */
  members: number;
}

/** One entry per person (the earliest sighting wins), in the order seats are handed out. */
export function distinctMembers(members: readonly GroupMember[]): GroupMember[] {
  const byUser = new Map<string, GroupMember>();
  for (const member of members) {
    const known = byUser.get(member.userId);
    if (!known || member.firstSeenAt < known.firstSeenAt) byUser.set(member.userId, member);
  }
  return [...byUser.values()].sort(
    (a, b) => a.firstSeenAt - b.firstSeenAt || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
  );
}

/**
 * `canAdd`: whether seats may be given now (a live subscription with no payment under way);
 * removals happen either way, since a seat taken away costs nothing.
 */
export function planGroupSeats(input: {
  members: readonly GroupMember[];
  seats: readonly CurrentSeat[];
  quantity: number;
  canAdd: boolean;
}): SyncPlan {
  const members = distinctMembers(input.members);
  const inGroups = new Set(members.map((m) => m.userId));
  const leaving = (seat: CurrentSeat) => seat.groupUserId !== null && !inGroups.has(seat.groupUserId);
  const remove = input.seats.filter(leaving);
  const kept = input.seats.filter((seat) => !leaving(seat));

  const seatedUsers = new Set(
    kept.flatMap((seat) => [seat.groupUserId, seat.boundObjectId]).filter((id): id is string => id !== null),
  );
  const seatedAddresses = new Set(kept.map((seat) => seat.emailCanonical));
  const holdsSeat = (member: GroupMember) =>
    seatedUsers.has(member.userId) ||
    seatedAddresses.has(member.address) ||
    member.aliases.some((alias) => seatedAddresses.has(alias));
  // One seat per address too: two directory entries claiming one address never take two seats.
  const claimed = new Set<string>();
  const unseated = members.filter((member) => {
    if (holdsSeat(member) || claimed.has(member.address)) return false;
    claimed.add(member.address);
    return true;
  });

  const free = Math.max(0, input.quantity - kept.length);
  const add = input.canAdd ? unseated.slice(0, free) : [];
  const waiting = unseated.slice(add.length);
  return { add, remove, waiting, seatsToBuy: Math.max(0, unseated.length - free), members: members.length };
}
