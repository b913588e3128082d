import { describe, expect, it } from 'vitest';
import { readAdminConsentReturn } from './adminConsentReturn.js';

describe("the admin-consent link's return to the portal", () => {
  it('reads a grant', () => {
    expect(
      readAdminConsentReturn('?admin_consent=True&tenant=72f988bf-86f1-41af-91ab-2d7cd011db47&scope=openid'),
    ).toEqual({ granted: true });
  });

  it("reads Entra's refusal with its description", () => {
    const search =
      '?error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent+to+access+the+app.&admin_consent=True&state=x';
    expect(readAdminConsentReturn(search)).toEqual({
      granted: false,
      description: 'AADSTS65004: User declined to consent to access the app.',
    });
  });

  it("tells the group sync's consent (application permissions) by its state, with the subscription to reopen", () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(
      readAdminConsentReturn(
        `?tenant=72f988bf-86f1-41af-91ab-2d7cd011db47&state=outmerge-group-sync.${id}&admin_consent=True`,
      ),
    ).toEqual({ granted: true, groupSubscription: id });
    expect(readAdminConsentReturn('?state=outmerge-group-sync.not-an-id&admin_consent=True')).toEqual({
      granted: true,
    });
  });

  it('ignores every other visit to the portal', () => {
    expect(readAdminConsentReturn('')).toBeNull();
    expect(readAdminConsentReturn('?error=something')).toBeNull();
    expect(readAdminConsentReturn('?admin_consent=False')).toBeNull();
  });
});
