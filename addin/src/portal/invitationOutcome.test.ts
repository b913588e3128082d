import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/apiClient.js';
import { invitationClosedBy } from './invitationOutcome.js';

describe('invitationClosedBy', () => {
  it('closes the invitation on the refusals no second try can change', () => {
    for (const code of [
      'INVITATION_NOT_FOUND',
      'INVITATION_USED',
      'INVITATION_REVOKED',
      'INVITATION_SUPERSEDED',
      'INVITATION_EXPIRED',
      'INVITATION_WRONG_ACCOUNT',
    ])
      expect(invitationClosedBy(new ApiRequestError(410, code, 'refused')), code).toBe(true);
  });

  it('leaves it open after a failure worth trying again', () => {
    expect(invitationClosedBy(new ApiRequestError(0, 'NETWORK', 'offline'))).toBe(false);
    expect(invitationClosedBy(new ApiRequestError(429, 'RATE_LIMITED', 'slow down'))).toBe(false);
    expect(invitationClosedBy(new Error('INVITATION_USED'))).toBe(false);
  });
});
