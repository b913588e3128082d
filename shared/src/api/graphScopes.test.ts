import { describe, expect, it } from 'vitest';
import { campaignScopes, GRAPH_PERMISSIONS, graphScopesFor, scopesCover } from './graphScopes.js';

describe('the permission each Graph operation needs', () => {
  it("in the user's own mailbox", () => {
    expect(graphScopesFor('mailbox', null)).toEqual(['Mail.ReadWrite']);
    expect(graphScopesFor('send', null)).toEqual(['Mail.Send']);
    expect(graphScopesFor('contacts', null)).toEqual(['Contacts.Read']);
  });

  it('in another mailbox (/users/{id}): the .Shared variants only', () => {
    expect(graphScopesFor('mailbox', 'team@contoso.com')).toEqual(['Mail.ReadWrite']);
    expect(graphScopesFor('send', 'team@contoso.com')).toEqual(['Mail.Send', 'Mail.Send.Shared']);
    expect(graphScopesFor('contacts', 'team@contoso.com')).toEqual(['Contacts.Read.Shared']);
  });

  it('a campaign asks for drafts and sending, nothing about contacts or profiles', () => {
    expect(campaignScopes(null)).toEqual(['Mail.ReadWrite', 'Mail.Send']);
    expect(campaignScopes('team@contoso.com')).toEqual(['Mail.ReadWrite', 'Mail.Send', 'Mail.Send.Shared']);
  });

  it('every scope an operation can ask for is declared in the registration', () => {
    for (const operation of ['mailbox', 'send', 'contacts'] as const) {
      for (const mailbox of [null, 'team@contoso.com'])
        for (const scope of graphScopesFor(operation, mailbox)) expect(GRAPH_PERMISSIONS).toContain(scope);
    }
  });
});

describe('whether a granted token covers a request', () => {
  it("compares Entra's short and full forms, case-insensitively", () => {
    expect(
      scopesCover(
        ['https://graph.microsoft.com/Mail.ReadWrite', 'https://graph.microsoft.com/Mail.Send'],
        ['Mail.Send'],
      ),
    ).toBe(true);
    expect(scopesCover(['mail.send', 'User.Read', 'openid'], ['https://graph.microsoft.com/Mail.Send'])).toBe(true);
    expect(scopesCover(['Mail.Send'], ['Mail.Send', 'Mail.ReadWrite'])).toBe(false);
    expect(scopesCover(['api://x/access_as_user'], ['api://X/access_as_user'])).toBe(true);
  });
});
