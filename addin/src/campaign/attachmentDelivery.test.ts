import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphFileAttachment } from '../graph/graphMailClient.js';
import {
  base64ToBytes,
  decodedSize,
  deliveryPlan,
  REQUEST_BUDGET_CHARS,
  UPLOAD_SESSION_MIN_BYTES,
} from './attachmentDelivery.js';

const file = (name: string, bytes: number): GraphFileAttachment => ({
  '@odata.type': '#microsoft.graph.fileAttachment',
  name,
  contentType: 'application/pdf',
  contentBytes: Buffer.alloc(bytes, 7).toString('base64'),
});
const MB = 1024 * 1024;

describe('deliveryPlan', () => {
  it('knows the decoded size of base64', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 1000]) expect(decodedSize(Buffer.alloc(n).toString('base64'))).toBe(n);
  });

  it('decodes base64 exactly, padded or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const encoded = Buffer.from(bytes).toString('base64');
        expect([...base64ToBytes(encoded)]).toEqual([...bytes]);
        expect([...base64ToBytes(encoded.replace(/=+$/, ''))]).toEqual([...bytes]);
      }),
    );
  });

  it('carries small files in the draft, 3 MB and more through upload sessions, the overflow one request each', () => {
    const plan = deliveryPlan(
      [file('a.pdf', 1 * MB), file('big.pdf', 3 * MB), file('b.pdf', 1 * MB), file('c.pdf', 1 * MB)],
      10_000,
    );
    expect(plan.inline.map((f) => f.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(plan.separate.map((f) => f.name)).toEqual(['c.pdf']);
    expect(plan.upload.map((f) => f.name)).toEqual(['big.pdf']);
  });

  it('never puts more than one request can carry in the draft, and loses no file', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 * MB }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 200_000 }),
        (sizes, body) => {
          // Sizes stand for files; only lengths matter, so build cheap base64 strings of the right length.
          const files = sizes.map((n, i): GraphFileAttachment => ({
            '@odata.type': '#microsoft.graph.fileAttachment',
            name: `f${i}`,
            contentType: 'x',
            contentBytes: 'A'.repeat(Math.ceil(n / 3) * 4),
          }));
          const plan = deliveryPlan(files, body);
          expect(plan.inline.reduce((sum, f) => sum + f.contentBytes.length, body)).toBeLessThanOrEqual(
            Math.max(body, REQUEST_BUDGET_CHARS),
          );
          expect([...plan.inline, ...plan.separate, ...plan.upload].map((f) => f.name).sort()).toEqual(
            files.map((f) => f.name).sort(),
          );
          for (const f of plan.upload)
            expect(decodedSize(f.contentBytes)).toBeGreaterThanOrEqual(UPLOAD_SESSION_MIN_BYTES);
          for (const f of [...plan.inline, ...plan.separate])
            expect(decodedSize(f.contentBytes)).toBeLessThan(UPLOAD_SESSION_MIN_BYTES);
        },
      ),
      { numRuns: 50 },
    );
  });
});
