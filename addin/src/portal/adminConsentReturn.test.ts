import { describe, expect, it } from 'vitest';
import { readAdminConsentReturn } from './adminConsentReturn.js';

describe("the admin-consent link's return to the portal", () => {
  it('reads a grant', () => {
    expect(readAdminConsentReturn('?admin_consent=True&tenant=72f988bf-86f1-41af-91ab-2d7cd011db47&scope=openid')).toEqual({ granted: true });
  });

  it("reads Entra's refusal with its description", () => {
    const search = '?error=access_denied&error_description=AADSTS65004%3a+User+declined+to+consent+to+access+the+app.&admin_consent=True&state=x';
    expect(readAdminConsentReturn(search)).toEqual({ granted: false, description: 'AADSTS65004: User declined to consent to access the app.' });
  });

  it('ignores every other visit to the portal', () => {
    expect(readAdminConsentReturn('')).toBeNull();
    expect(readAdminConsentReturn('?error=something')).toBeNull();
    expect(readAdminConsentReturn('?admin_consent=False')).toBeNull();
  });
});
