/**
 * The JSON answers about seats that follow Microsoft 365 groups (issue 17), as views.ts does it:
 * one TypeBox definition each, the server's response schema and the type the portal and the pane
 * share.
 */
import { Type, type Static } from 'typebox';
import { DateTime, Nullable, StringEnum, Uuid } from './schemaKit.js';

export const GROUP_KINDS = ['security', 'microsoft365', 'distribution'] as const;
export type GroupKindName = (typeof GROUP_KINDS)[number];

/** How a sync (or the read of one group) ended: `ok`, or why it stopped (seats stay as they were). */
export const GROUP_SYNC_RESULTS = [
  'ok',
  'consent_missing',
  'group_not_found',
  'throttled',
  'unavailable',
  'credentials_invalid',
  'tenant_not_found',
] as const;
export type GroupSyncResult = (typeof GROUP_SYNC_RESULTS)[number];

/** A group of the organisation's directory, as the picker lists it. */
export const DirectoryGroupViewSchema = Type.Object({
  id: Uuid(),
  displayName: Type.String(),
  description: Nullable(Type.String()),
  kind: StringEnum(GROUP_KINDS),
  linked: Type.Boolean({ description: 'The subscription already follows it.' }),
  linkable: Type.Boolean({
    description: 'Security and Microsoft 365 groups can be linked; distribution lists cannot.',
  }),
});
export type DirectoryGroupView = Static<typeof DirectoryGroupViewSchema>;

export const LinkedGroupViewSchema = Type.Object({
  id: Uuid({ description: 'The link (unlink with it).' }),
  groupId: Uuid(),
  displayName: Type.String(),
  kind: StringEnum(['security', 'microsoft365']),
  members: Type.Integer({ description: 'Direct user members at the last read.' }),
  linkedAt: DateTime(),
  linkedBy: Type.String(),
  lastReadAt: Nullable(DateTime()),
  readError: Nullable(StringEnum(GROUP_SYNC_RESULTS)),
});
export type LinkedGroupView = Static<typeof LinkedGroupViewSchema>;

export const WaitingMemberViewSchema = Type.Object({
  email: Type.String(),
  name: Nullable(Type.String()),
  since: DateTime(),
});
export type WaitingMemberView = Static<typeof WaitingMemberViewSchema>;

export const GroupSyncViewSchema = Type.Object({
  tenantId: Type.String({
    description: "The organisation's Microsoft 365 tenant: the only one whose groups can be linked.",
  }),
  groups: Type.Array(LinkedGroupViewSchema),
  lastSync: Nullable(
    Type.Object({
      at: DateTime(),
      result: StringEnum(GROUP_SYNC_RESULTS),
      message: Nullable(Type.String()),
      added: Type.Integer(),
      removed: Type.Integer(),
    }),
  ),
  running: Type.Boolean({ description: 'A sync of this subscription is under way.' }),
  members: Type.Integer({ description: 'Distinct members of the linked groups who can hold a seat.' }),
  guests: Type.Integer({ description: 'Guests in the linked groups: they hold no seat of this organisation.' }),
  waiting: Type.Array(WaitingMemberViewSchema, {
    description: 'Members without a seat for want of free seats, in the order they get one (the first 100).',
  }),
  waitingTotal: Type.Integer(),
  seatsToBuy: Type.Integer({ description: 'Seats to buy so that every waiting member gets one.' }),
  consentUrl: Type.String({
    format: 'uri',
    description:
      "The link an administrator of the organisation's tenant grants the group sync's application permissions with.",
  }),
});
export type GroupSyncView = Static<typeof GroupSyncViewSchema>;
