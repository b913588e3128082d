/**
 * Every line of a quantity change's invoice can be checked (issue 15): a prorated line shows the
 * full-period unit price of its tier, its quantity and the part of the period it covers, so unit ×
 * quantity × fraction is the line's amount; an increase across the 10-seat tier is one line per
 * tier, and the lines add up to exactly what was charged (the preview's amount). The printable page
 * and the PDF say the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceView, QuantityPreviewView } from '#shared/api/views.js';
import { prorate } from '#shared/billing/proration.js';
import { buySubscription, startTestServer, type TestServer } from '../helpers/testServer.js';
import { pdfText } from '../helpers/pdfText.js';

const DAY_MS = 86_400_000;
let server: TestServer;
// The server's clock: the test moves it eight days on after the purchase.
let now = Math.floor(Date.now() / 1000) * 1000;
let n = 0;
const key = () => `lines-${++n}-${Math.random().toString(36).slice(2)}`;
const base = (id: string) => `/api/v1/subscriptions/${id}`;

beforeAll(async () => {
  server = await startTestServer({ TAX_RATE_BP: '2000', RENEWAL_INTERVAL_SECONDS: '0' }, { clock: () => now });
});
afterAll(() => server.close());

/** The invoice lines as the printable page's table shows them: description, quantity, unit price, amount. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)![1]!;
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!.replace(/&amp;/g, '&').replace(/[\u00a0\u202f]/g, ' '),
    ),
  );
}

describe('prorated invoice lines', () => {
  it('an increase from 8 to 12 seats eight days in: unit price per tier, quantity and "for N of M days" on every line, adding up to the charge', async () => {
    const owner = await server.token('olivia@contoso.com');
    const id = await buySubscription(server, owner, 8);
    const { periodEnd } = (await server.call('GET', `${base(id)}/billing`, { token: owner })).json<{
      periodEnd: string;
    }>();
    const length = Math.round((Date.parse(periodEnd) - now) / DAY_MS);
    now += 8 * DAY_MS;
    const remaining = length - 8;
    const token = await server.token('olivia@contoso.com');
    const preview = (
      await server.call('GET', `${base(id)}/quantity/preview?quantity=12`, { token })
    ).json<QuantityPreviewView>();
    const changed = await server.call('POST', `${base(id)}/quantity`, {
      token,
      body: { quantity: 12, prorationDate: preview.prorationDate, expectedAmountMinor: preview.amountDueMinor },
      headers: { 'idempotency-key': key() },
    });
    expect(changed.statusCode).toBe(200);
    const { invoices } = (await server.call('GET', `${base(id)}/invoices`, { token })).json<{
      invoices: InvoiceView[];
    }>();
    const invoice = invoices.find((i) => i.kind === 'quantity_change')!;
    // What is charged did not change: the preview's amount, the invoice's total.
    expect(invoice.totalMinor).toBe(preview.amountDueMinor);
    expect(invoice.subtotalMinor).toBe(preview.creditMinor + preview.debitMinor);

    const html = (await server.call('GET', `${base(id)}/invoices/${invoice.id}/html?lang=en`, { token })).body;
    const rows = tableRows(html);
    const share = (unit: number, quantity: number) => prorate(unit * quantity, remaining, length);
    const euros = (minor: number) => `${minor < 0 ? '-' : ''}€${(Math.abs(minor) / 100).toFixed(2)}`;
    expect(rows).toEqual([
      [
        `Unused time on 8 seats, Outmerge Monthly, for ${remaining} of ${length} days`,
        '8',
        '€5.00',
        euros(-share(500, 8)),
      ],
      [
        `Remaining time on 12 seats, Outmerge Monthly, seats 1–9, for ${remaining} of ${length} days`,
        '9',
        '€5.00',
        euros(share(500, 9)),
      ],
      [
        `Remaining time on 12 seats, Outmerge Monthly, seats 10–12, for ${remaining} of ${length} days`,
        '3',
        '€4.00',
        euros(preview.debitMinor - share(500, 9)),
      ],
    ]);
    // Each line is unit × quantity × fraction to the cent; together they are the credit and the debit charged.
    expect(-share(500, 8)).toBe(preview.creditMinor);
    expect(Math.abs(preview.debitMinor - share(500, 9) - share(400, 3))).toBeLessThanOrEqual(1);

    // The PDF says the same (in the language the invoice was issued in).
    const pdf = (
      await pdfText((await server.call('GET', `${base(id)}/invoices/${invoice.id}/pdf`, { token })).rawPayload)
    ).replace(/\s+/g, ' ');
    expect(pdf).toContain(
      `8 €5.00 ${euros(-share(500, 8))} Unused time on 8 seats, Outmerge Monthly, for ${remaining} of ${length} days`,
    );
    expect(pdf).toContain(
      `3 €4.00 ${euros(preview.debitMinor - share(500, 9))} Remaining time on 12 seats, Outmerge Monthly, seats 10–12, for ${remaining} of ${length} days`,
    );
  });
});
