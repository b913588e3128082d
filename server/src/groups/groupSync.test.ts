import { describe, expect, it } from 'vitest';
import { distinctMembers, planGroupSeats, type CurrentSeat, type GroupMember } from './groupSync.js';

const member = (name: string, at: number, extra: Partial<GroupMember> = {}): GroupMember => ({
  userId: `id-${name}`,
  address: `${name}@contoso.com`,
  display: `${name}@contoso.com`,
  aliases: [],
  firstSeenAt: at,
  ...extra,
});
const handSeat = (email: string, boundObjectId: string | null = null): CurrentSeat => ({
  seatId: `seat-${email}`,
  emailCanonical: email,
  boundObjectId,
  groupUserId: null,
});
const groupSeat = (name: string): CurrentSeat => ({
  seatId: `seat-${name}`,
  emailCanonical: `${name}@contoso.com`,
  boundObjectId: null,
  groupUserId: `id-${name}`,
});
const names = (members: readonly GroupMember[]) => members.map((m) => m.address.split('@')[0]);

describe('planning group seats', () => {
  it('gives every member a seat while seats are free', () => {
    const plan = planGroupSeats({
      members: [member('anna', 1), member('bob', 2)],
      seats: [],
      quantity: 5,
      canAdd: true,
    });
    expect(names(plan.add)).toEqual(['anna', 'bob']);
    expect(plan).toMatchObject({ remove: [], waiting: [], seatsToBuy: 0, members: 2 });
  });

  it('holds one seat for a person in two linked groups', () => {
    const plan = planGroupSeats({
      members: [member('anna', 5), member('anna', 3), member('bob', 4)],
      seats: [],
      quantity: 5,
      canAdd: true,
    });
    expect(names(plan.add)).toEqual(['anna', 'bob']);
    expect(plan.members).toBe(2);
    expect(distinctMembers([member('anna', 5), member('anna', 3)])[0]?.firstSeenAt).toBe(3);
  });

  it('never gives more seats than bought: the rest wait, first come first served, with how many to buy', () => {
    const members = [member('dora', 4), member('anna', 1), member('carl', 3), member('bob', 2)];
    const plan = planGroupSeats({ members, seats: [handSeat('zoe@contoso.com')], quantity: 3, canAdd: true });
    expect(names(plan.add)).toEqual(['anna', 'bob']);
    expect(names(plan.waiting)).toEqual(['carl', 'dora']);
    expect(plan.seatsToBuy).toBe(2);
  });

  it('orders members seen at the same time by address, so every instance plans alike', () => {
    const plan = planGroupSeats({
      members: [member('bob', 1), member('anna', 1)],
      seats: [],
      quantity: 1,
      canAdd: true,
    });
    expect(names(plan.add)).toEqual(['anna']);
    expect(names(plan.waiting)).toEqual(['bob']);
  });

  it('removes the seats of people who left every linked group, never a seat assigned by hand', () => {
    const seats = [groupSeat('anna'), groupSeat('bob'), handSeat('carl@contoso.com')];
    const plan = planGroupSeats({ members: [member('anna', 1)], seats, quantity: 3, canAdd: true });
    expect(plan.remove.map((s) => s.seatId)).toEqual(['seat-bob']);
    expect(plan.add).toEqual([]);
  });

  it('uses the seats it frees for those waiting, in the same sync', () => {
    const plan = planGroupSeats({
      members: [member('anna', 1), member('carl', 3)],
      seats: [groupSeat('anna'), groupSeat('bob')],
      quantity: 2,
      canAdd: true,
    });
    expect(plan.remove.map((s) => s.seatId)).toEqual(['seat-bob']);
    expect(names(plan.add)).toEqual(['carl']);
  });

  it('recognises a member who already holds a seat by hand: by address, by mail alias, or bound to them', () => {
    const members = [
      member('anna', 1),
      member('bob', 2, { aliases: ['robert@contoso.com'] }),
      member('carl', 3),
      member('dora', 4),
    ];
    const seats = [
      handSeat('anna@contoso.com'),
      handSeat('robert@contoso.com'),
      handSeat('c.old@contoso.com', 'id-carl'),
    ];
    const plan = planGroupSeats({ members, seats, quantity: 10, canAdd: true });
    expect(names(plan.add)).toEqual(['dora']);
    expect(plan.remove).toEqual([]);
  });

  it('never takes two seats for two directory entries claiming one address', () => {
    const plan = planGroupSeats({
      members: [member('anna', 1), member('anna', 2, { userId: 'id-other' })],
      seats: [],
      quantity: 5,
      canAdd: true,
    });
    expect(plan.add).toHaveLength(1);
  });

  it('adds nothing while seats may not be given (an expired subscription, a payment under way), but still removes', () => {
    const plan = planGroupSeats({
      members: [member('carl', 3)],
      seats: [groupSeat('bob')],
      quantity: 5,
      canAdd: false,
    });
    expect(plan.add).toEqual([]);
    expect(plan.remove.map((s) => s.seatId)).toEqual(['seat-bob']);
    expect(names(plan.waiting)).toEqual(['carl']);
    expect(plan.seatsToBuy).toBe(0);
  });

  it('gives nothing when more seats are held than bought (a quantity lowered at renewal)', () => {
    const plan = planGroupSeats({
      members: [member('dora', 1)],
      seats: [handSeat('a@contoso.com'), handSeat('b@contoso.com'), handSeat('c@contoso.com')],
      quantity: 2,
      canAdd: true,
    });
    expect(plan.add).toEqual([]);
    expect(plan.seatsToBuy).toBe(1);
  });

  it('keeps every plan within the quantity, whatever the inputs', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 300; run++) {
      const quantity = 1 + Math.floor(random() * 8);
      const pool = Array.from({ length: 12 }, (_, i) => member(`p${i}`, Math.floor(random() * 5)));
      const members = pool.filter(() => random() < 0.6);
      const seats: CurrentSeat[] = [];
      for (const p of pool) {
        if (seats.length >= quantity) break;
        const r = random();
        if (r < 0.25) seats.push(groupSeat(p.address.split('@')[0]!));
        else if (r < 0.4) seats.push(handSeat(p.address));
      }
      const plan = planGroupSeats({ members, seats, quantity, canAdd: true });
      const after = seats.length - plan.remove.length + plan.add.length;
      expect(after).toBeLessThanOrEqual(quantity);
      expect(plan.remove.every((s) => s.groupUserId !== null)).toBe(true);
      // Nobody waits while a seat is free.
      if (plan.waiting.length > 0) expect(after).toBe(quantity);
    }
  });
});
