/**
 * Whether the promotional footer goes on merged messages (M9, L4). A verified license token
 * decides; without one (never checked, server unreachable and nothing cached, token expired or
 * invalid) the sender is on the free tier. Sending itself never depends on this.
 */
import type { LicenseClaims, LicenseCode } from './licenseToken.js';

export type LicenseState =
  | { kind: 'verified'; claims: LicenseClaims; source: 'server' | 'cache' }
  | { kind: 'none'; reason: 'not_signed_in' | 'sign_in_expired' | 'unreachable' | 'invalid_token' | 'clock_rollback' };

export interface FooterDecision {
  footer: boolean;
  licensed: boolean;
  code: LicenseCode | null;
}

export function decideFooter(state: LicenseState, now: Date = new Date()): FooterDecision {
  if (state.kind === 'verified' && state.claims.exp * 1000 > now.getTime()) {
    return {
      footer: state.claims.footer,
      licensed: state.claims.code === 'ACTIVE' && !state.claims.footer,
      code: state.claims.code,
    };
  }
  return { footer: true, licensed: false, code: state.kind === 'verified' ? state.claims.code : null };
}
