/**
 * How each file of a message reaches its draft, within Microsoft Graph's limits (pure):
 * - a request body may not exceed 4 MB, so small files ride inside the draft's own request only
 *   while they fit in a budget that leaves room for the HTML body;
 * - other files under 3 MB are added one request each (POST /messages/{id}/attachments);
 * - files of 3 MB and more go through an upload session (which refuses anything smaller).
 */
import type { GraphFileAttachment } from '../graph/graphMailClient.js';

export const UPLOAD_SESSION_MIN_BYTES = 3 * 1024 * 1024;
/** Base64 characters of attachments carried in one request, the HTML body's characters included. */
export const REQUEST_BUDGET_CHARS = 3.5 * 1024 * 1024;

export interface DeliveryPlan {
  inline: GraphFileAttachment[];
  separate: GraphFileAttachment[];
  upload: GraphFileAttachment[];
}

/** Bytes a base64 string decodes to. */
export function decodedSize(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Uint8Array(128);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUES[BASE64.charCodeAt(i)] = i;

/** The bytes of a base64 string: a table lookup, many times faster than atob + charCodeAt on files of megabytes. */
export function base64ToBytes(base64: string): Uint8Array {
  const clean = base64.replace(/[^A-Za-z0-9+/]/g, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let j = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = BASE64_VALUES[clean.charCodeAt(i)]!;
    const b = BASE64_VALUES[clean.charCodeAt(i + 1)]!;
    const c = BASE64_VALUES[clean.charCodeAt(i + 2)] ?? 0;
    const d = BASE64_VALUES[clean.charCodeAt(i + 3)] ?? 0;
    bytes[j++] = (a << 2) | (b >> 4);
    if (i + 2 < clean.length) bytes[j++] = ((b & 15) << 4) | (c >> 2);
    if (i + 3 < clean.length) bytes[j++] = ((c & 3) << 6) | d;
  }
  return bytes;
}

export function deliveryPlan(files: readonly GraphFileAttachment[], bodyChars: number): DeliveryPlan {
  const plan: DeliveryPlan = { inline: [], separate: [], upload: [] };
  let used = bodyChars;
  for (const file of files) {
    if (decodedSize(file.contentBytes) >= UPLOAD_SESSION_MIN_BYTES) plan.upload.push(file);
    else if (used + file.contentBytes.length <= REQUEST_BUDGET_CHARS) {
      plan.inline.push(file);
      used += file.contentBytes.length;
    } else plan.separate.push(file);
  }
  return plan;
}

/** A message whose draft needs more than one request: a draft found half-made is started again. */
export function needsFollowUpRequests(plan: DeliveryPlan): boolean {
  return plan.separate.length > 0 || plan.upload.length > 0;
}
