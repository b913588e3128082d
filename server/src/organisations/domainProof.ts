/**
 * The rules of domain proofs, without I/O (issue 10, finding 4). An organisation may assign seats,
 * and Outmerge may email, only at domains it proved it controls:
 * - by DNS: a TXT record `outmerge-verification=<token>` at the domain itself, with a random token
 *   per organisation (the pattern of Microsoft 365's own domain verification: a TXT record at the
 *   domain, "MS=ms…", Graph `domain: verify` / `verificationDnsRecords`);
 * - or by its own Entra tenant: a member of the organisation's tenant signed in with a UPN at the
 *   domain, which Entra allows only for the tenant's verified domains (Graph, user resource,
 *   `userPrincipalName`). Such a sighting proves the domain for `TENANT_DOMAIN_FRESHNESS_MS`, as
 *   a domain can move to another tenant; members sign in all the time, which renews it.
 * Only a DNS proof lets people of other tenants bind the organisation's seats.
 */
import { randomBytes } from 'node:crypto';
import type { DomainCheckResult, DomainVerificationRecord, DomainView } from '#shared/api/views.js';
import type { TxtAnswer } from '../dns/txtLookup.js';
import type { DomainRow } from '../storage/unitOfWork.js';

export const TXT_PREFIX = 'outmerge-verification=';

export const TENANT_DOMAIN_FRESHNESS_MS = 90 * 24 * 3600 * 1000;

/** 256 random bits, URL-safe: nobody can guess another organisation's record. */
export function newDomainToken(): string {
  return randomBytes(32).toString('base64url');
}

export function verificationRecord(token: string): DomainVerificationRecord {
  return { type: 'TXT', host: '@', value: `${TXT_PREFIX}${token}` };
}

/** What a TXT answer says about the organisation's proof: its exact record among any others. */
export function judgeTxt(answer: TxtAnswer, token: string): DomainCheckResult {
  if (answer.kind === 'not_found') return 'domain_not_found';
  if (answer.kind === 'failed') return 'lookup_failed';
  return answer.records.some((record) => record.trim() === `${TXT_PREFIX}${token}`) ? 'proven' : 'record_missing';
}

export function domainView(row: DomainRow, now: number): DomainView {
  const tenantProven = row.tenantSeenAt !== null && row.tenantSeenAt >= now - TENANT_DOMAIN_FRESHNESS_MS;
  const method = row.dnsVerifiedAt !== null ? 'dns' : tenantProven ? 'tenant' : null;
  const provenAt = row.dnsVerifiedAt ?? (tenantProven ? row.tenantSeenAt : null);
  return {
    domain: row.domain,
    status: method ? 'proven' : 'pending',
    method,
    provenAt: provenAt === null ? null : new Date(provenAt).toISOString(),
    addedAt: new Date(row.createdAt).toISOString(),
    lastCheck:
      row.checkedAt === null
        ? null
        : {
            at: new Date(row.checkedAt).toISOString(),
            result: (row.checkResult ?? 'record_missing') as DomainCheckResult,
          },
  };
}
