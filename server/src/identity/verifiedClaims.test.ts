import { describe, expect, it } from 'vitest';
import { CONSUMER_TENANT_ID, verifiedClaims } from './verifiedClaims.js';

const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('verifiedClaims', () => {
  it("trusts the email claim only with xms_edov true, and a member's UPN", () => {
    expect(
      verifiedClaims({ tid: TID, email: 'Anna.Smith@Contoso.com', xms_edov: true, upn: 'asmith@contoso.com', acct: 0 }),
    ).toEqual({
      verifiedEmails: ['anna.smith@contoso.com', 'asmith@contoso.com'],
      tenantDomain: 'contoso.com',
      directoryRoles: [],
    });
  });

  it("trusts nothing from preferred_username, an unverified email or a guest's UPN", () => {
    expect(
      verifiedClaims({
        tid: TID,
        preferred_username: 'bruno@fabrikam.com',
        email: 'bruno@fabrikam.com',
        xms_edov: false,
        upn: 'x@contoso.com',
        acct: 1,
      }),
    ).toEqual({ verifiedEmails: [], tenantDomain: null, directoryRoles: [] });
    expect(verifiedClaims({ tid: TID, email: 'bruno@fabrikam.com' }).verifiedEmails).toEqual([]);
    // No acct claim: the UPN cannot be told from a guest's.
    expect(verifiedClaims({ tid: TID, upn: 'a@contoso.com' }).tenantDomain).toBeNull();
    expect(
      verifiedClaims({ tid: TID, upn: 'bruno_fabrikam.com#EXT#@contoso.onmicrosoft.com', acct: 0 }).verifiedEmails,
    ).toEqual([]);
  });

  it('gives the consumer tenant no tenant domain', () => {
    expect(verifiedClaims({ tid: CONSUMER_TENANT_ID, upn: 'someone@outlook.com', acct: 0 }).tenantDomain).toBeNull();
  });

  it('reads directory roles from wids', () => {
    expect(verifiedClaims({ tid: TID, wids: ['62E90394-69F5-4237-9190-012177145E10', 7] }).directoryRoles).toEqual([
      '62e90394-69f5-4237-9190-012177145e10',
    ]);
  });
});
