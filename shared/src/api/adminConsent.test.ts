import { describe, expect, it } from 'vitest';
import { GRAPH_PERMISSIONS } from './graphScopes.js';
import { adminConsentScopes, adminConsentUrl } from './adminConsent.js';

const CLIENT = '11111111-2222-4333-8444-555555555555';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('the admin-consent link', () => {
  it('uses the v2.0 endpoint of the tenant with an explicit scope list and the SPA-registered portal redirect', () => {
    const url = new URL(
      adminConsentUrl({
        tenant: TENANT,
        clientId: CLIENT,
        apiScope: 'access_as_user',
        publicUrl: 'https://outmerge.example.com',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`https://login.microsoftonline.com/${TENANT}/v2.0/adminconsent`);
    expect(url.searchParams.get('client_id')).toBe(CLIENT);
    expect(url.searchParams.get('redirect_uri')).toBe('https://outmerge.example.com/portal.html');
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'redirect_uri', 'scope']);
  });

  it('grants exactly the OpenID Connect scopes, every declared Graph permission and the API scope, nothing else', () => {
    const scope = new URL(
      adminConsentUrl({
        tenant: TENANT,
        clientId: CLIENT,
        apiScope: 'access_as_user',
        publicUrl: 'https://outmerge.example.com',
      }),
    ).searchParams.get('scope');
    expect(scope?.split(' ')).toEqual([
      'openid',
      'profile',
      'offline_access',
      ...GRAPH_PERMISSIONS.map((p) => `https://graph.microsoft.com/${p}`),
      `api://${CLIENT}/access_as_user`,
    ]);
    expect(adminConsentScopes(CLIENT, 'access_as_user')).not.toContain('https://graph.microsoft.com/.default');
    // Every Graph permission the pane can ask for is in the list, including the shared-mailbox ones.
    expect(scope).toContain('https://graph.microsoft.com/Mail.Send.Shared');
    expect(scope).not.toContain('Mail.ReadWrite.Shared');
    expect(scope).toContain('https://graph.microsoft.com/Contacts.Read.Shared');
  });

  it("uses 'organizations' when the tenant is not known yet, and accepts the API scope in full", () => {
    const url = new URL(
      adminConsentUrl({
        tenant: 'organizations',
        clientId: CLIENT,
        apiScope: `api://${CLIENT}/access_as_user`,
        publicUrl: 'https://outmerge.example.com',
      }),
    );
    expect(url.pathname).toBe('/organizations/v2.0/adminconsent');
    expect(url.searchParams.get('scope')?.split(' ').at(-1)).toBe(`api://${CLIENT}/access_as_user`);
  });

  it('keeps a tenant value that is not a GUID inside its path segment', () => {
    const url = adminConsentUrl({
      tenant: '../common?x=1',
      clientId: CLIENT,
      apiScope: 'access_as_user',
      publicUrl: 'https://outmerge.example.com',
    });
    expect(new URL(url).pathname).toBe('/..%2Fcommon%3Fx%3D1/v2.0/adminconsent');
  });
});
