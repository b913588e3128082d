/**
 * Billing routes (B3, B4, B5, A9): quantity preview and change, the billing profile invoices
 * name (issue 15), invoices (JSON and printable HTML), payment method, paying an open invoice,
 * consolidation, and the payment provider's webhook. Quantity routes need `quantity.change`; everything else here `billing.view` or
 * `billing.manage`; consolidation is the owner's.
 */
import { Type } from 'typebox';
import { Nullable, StringEnum, Uuid } from '#shared/api/schemaKit.js';
import {
  BillingProfileAnswerSchema,
  BillingSummaryViewSchema,
  ConsolidationResultSchema,
  INVOICE_LANGUAGES,
  InvoicePaidSchema,
  InvoiceViewSchema,
  CreditNoteViewSchema,
  PaymentActionRequiredSchema,
  PaymentMethodViewSchema,
  QuantityChangeResultSchema,
  QuantityPreviewViewSchema,
} from '#shared/api/views.js';
import { errorAnswers } from '../http/answers.js';
import { readerLocale, sendPrintablePage, sendPdfDownload } from '../http/documents.js';
import { idempotencyKeyOf } from '../http/idempotencyKey.js';
import type { Services } from '../services.js';
import { sendOutcome } from './outcome.js';
import {
  type Api,
  CardString,
  EmailString,
  HtmlPage,
  IdempotencyKeyHeader,
  PdfFile,
  LanguageQuery,
  Strict,
  SubscriptionIdParams,
  SubscriptionItemParams,
} from './schemas.js';

const InvoiceParams = SubscriptionItemParams('invoiceId');
const CreditNoteParams = SubscriptionItemParams('creditNoteId');

export function registerBillingRoutes(app: Api, services: Services): void {
  const limited = { rateLimit: { max: 60, timeWindow: '1 minute' } };

  app.get(
    '/subscriptions/:id/quantity/preview',
    {
      schema: {
        summary:
          'What a new quantity costs now (prorated to the second) and per period; pass prorationDate and amountDueMinor back to confirm',
        params: SubscriptionIdParams,
        querystring: Strict({
          quantity: Type.String({ pattern: '^[1-9][0-9]{0,5}$', description: '1 to 100,000 seats' }),
        }),
        response: { 200: QuantityPreviewViewSchema, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request) =>
      services.billing.previewQuantity(request.caller, request.params.id, Number(request.query.quantity)),
  );

  app.post(
    '/subscriptions/:id/quantity',
    {
      config: limited,
      schema: {
        summary: 'Change the quantity as previewed: increases are charged now, decreases take effect at renewal',
        params: SubscriptionIdParams,
        headers: IdempotencyKeyHeader,
        body: Strict({
          quantity: Type.Integer({ minimum: 1, maximum: 100000 }),
          prorationDate: Type.String({
            format: 'date-time',
            description: "The preview's prorationDate (at most 15 minutes old)",
          }),
          expectedAmountMinor: Type.Integer({
            minimum: 0,
            maximum: Number.MAX_SAFE_INTEGER,
            description: "The preview's amountDueMinor",
          }),
        }),
        response: {
          200: QuantityChangeResultSchema,
          202: PaymentActionRequiredSchema,
          ...errorAnswers(402, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'quantity change');
      return sendOutcome(
        reply,
        await services.billing.changeQuantity(request.caller, request.params.id, request.body, key, request.ip),
      );
    },
  );

  app.get(
    '/subscriptions/:id/billing',
    {
      schema: {
        summary: 'Billing summary: price, renewal, payment method, open invoice',
        params: SubscriptionIdParams,
        response: { 200: BillingSummaryViewSchema, ...errorAnswers(403, 404) },
      },
    },
    async (request) => services.billing.summary(request.caller, request.params.id),
  );

  app.get(
    '/subscriptions/:id/billing-profile',
    {
      schema: {
        summary: 'The billing profile invoices name, and the tax it leads to',
        params: SubscriptionIdParams,
        response: { 200: BillingProfileAnswerSchema, ...errorAnswers(403, 404) },
      },
    },
    async (request) => services.billingProfiles.get(request.caller, request.params.id),
  );

  app.put(
    '/subscriptions/:id/billing-profile',
    {
      config: limited,
      schema: {
        summary:
          'Set who invoices name: company, address, country, VAT number (format checked per country; empty for a consumer), billing email, invoice language',
        params: SubscriptionIdParams,
        body: Strict({
          companyName: Type.String({ minLength: 1, maxLength: 200 }),
          address: Type.String({ minLength: 1, maxLength: 500 }),
          country: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166 alpha-2' }),
          vatId: Type.Optional(Nullable(Type.String({ maxLength: 40, description: 'Empty or null: a consumer' }))),
          billingEmail: EmailString,
          language: StringEnum(INVOICE_LANGUAGES),
        }),
        response: { 200: BillingProfileAnswerSchema, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request) => services.billingProfiles.save(request.caller, request.params.id, request.body, request.ip),
  );

  app.get(
    '/subscriptions/:id/invoices',
    {
      schema: {
        summary: 'Invoices, newest first',
        params: SubscriptionIdParams,
        response: { 200: Type.Object({ invoices: Type.Array(InvoiceViewSchema) }), ...errorAnswers(403, 404) },
      },
    },
    async (request) => ({ invoices: await services.billing.invoices(request.caller, request.params.id) }),
  );

  app.get(
    '/subscriptions/:id/invoices/:invoiceId/html',
    {
      schema: {
        summary: 'An invoice as a printable HTML page',
        params: InvoiceParams,
        querystring: LanguageQuery,
        response: { 200: HtmlPage, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) => {
      const html = await services.billing.invoiceHtml(
        request.caller,
        request.params.id,
        request.params.invoiceId,
        readerLocale(request),
      );
      return sendPrintablePage(reply, html);
    },
  );

  app.get(
    '/subscriptions/:id/invoices/:invoiceId/pdf',
    {
      schema: {
        summary: 'An invoice as a PDF download',
        params: InvoiceParams,
        querystring: LanguageQuery,
        response: { 200: PdfFile, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) => {
      const { number, pdf } = await services.billing.invoicePdf(
        request.caller,
        request.params.id,
        request.params.invoiceId,
        readerLocale(request),
      );
      return sendPdfDownload(reply, number, pdf);
    },
  );

  app.put(
    '/subscriptions/:id/payment-method',
    {
      config: limited,
      schema: {
        summary:
          'Replace the payment method used for renewals and quantity changes (refused once the subscription has ended)',
        params: SubscriptionIdParams,
        body: Strict({ card: CardString }),
        response: { 200: PaymentMethodViewSchema, ...errorAnswers(402, 403, 404, 409) },
      },
    },
    async (request) =>
      services.billing.replacePaymentMethod(request.caller, request.params.id, request.body.card, request.ip),
  );

  app.post(
    '/subscriptions/:id/invoices/:invoiceId/pay',
    {
      config: limited,
      schema: {
        summary:
          'Pay an open invoice with a new card (which then becomes the payment method) or the stored one; reactivates a past-due or expired subscription',
        params: InvoiceParams,
        headers: IdempotencyKeyHeader,
        body: Strict({ card: Type.Optional(CardString) }),
        response: {
          200: InvoicePaidSchema,
          202: PaymentActionRequiredSchema,
          ...errorAnswers(402, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'payment');
      return sendOutcome(
        reply,
        await services.billing.payInvoice(
          request.caller,
          request.params.id,
          request.params.invoiceId,
          request.body.card,
          key,
          request.ip,
        ),
      );
    },
  );

  app.get(
    '/subscriptions/:id/credit-notes',
    {
      schema: {
        summary: "Credit notes: refunds and credits given back on the subscription's invoices",
        params: SubscriptionIdParams,
        response: { 200: Type.Object({ creditNotes: Type.Array(CreditNoteViewSchema) }), ...errorAnswers(403, 404) },
      },
    },
    async (request) => ({ creditNotes: await services.refunds.list(request.caller, request.params.id) }),
  );

  app.get(
    '/subscriptions/:id/credit-notes/:creditNoteId/html',
    {
      schema: {
        summary: 'A credit note as a printable HTML page',
        params: CreditNoteParams,
        querystring: LanguageQuery,
        response: { 200: HtmlPage, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) => {
      const html = await services.refunds.html(
        request.caller,
        request.params.id,
        request.params.creditNoteId,
        readerLocale(request),
      );
      return sendPrintablePage(reply, html);
    },
  );

  app.get(
    '/subscriptions/:id/credit-notes/:creditNoteId/pdf',
    {
      schema: {
        summary: 'A credit note as a PDF download',
        params: CreditNoteParams,
        querystring: LanguageQuery,
        response: { 200: PdfFile, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) => {
      const { number, pdf } = await services.refunds.pdf(
        request.caller,
        request.params.id,
        request.params.creditNoteId,
        readerLocale(request),
      );
      return sendPdfDownload(reply, number, pdf);
    },
  );

  app.post(
    '/operator/invoices/:invoiceId/refunds',
    {
      config: limited,
      schema: {
        summary:
          "Refund a paid invoice, in part or whole, with a credit note (the vendor's operators only: OPERATOR_ACCOUNTS)",
        params: Type.Object({ invoiceId: Type.String({ format: 'uuid' }) }),
        headers: IdempotencyKeyHeader,
        body: Strict({ amountMinor: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), endService: Type.Boolean() }),
        response: { 201: CreditNoteViewSchema, ...errorAnswers(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'refund');
      return sendOutcome(
        reply,
        await services.refunds.refund(request.caller, request.params.invoiceId, request.body, key),
      );
    },
  );

  app.post(
    '/subscriptions/:id/consolidate',
    {
      config: limited,
      schema: {
        summary:
          'Merge other subscriptions of the organisation into this one: seats move, the others end with a prorated credit',
        params: SubscriptionIdParams,
        headers: IdempotencyKeyHeader,
        body: Strict({ sources: Type.Array(Uuid(), { minItems: 1, maxItems: 50 }) }),
        response: {
          200: ConsolidationResultSchema,
          202: PaymentActionRequiredSchema,
          ...errorAnswers(402, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'consolidation');
      return sendOutcome(
        reply,
        await services.billing.consolidate(request.caller, request.params.id, request.body.sources, key, request.ip),
      );
    },
  );

  // The provider's webhook: signed (HMAC with a timestamp), so the raw body is kept for verification.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: 256 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.post(
      '/payments/webhook',
      {
        config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
        schema: {
          summary:
            "The payment provider's signed events (Stripe-Signature, or the simulated provider's Outmerge-Signature: t=…,v1=…)",
          response: {
            200: Type.Object({ received: Type.Literal(true), duplicate: Type.Boolean() }),
            ...errorAnswers(404),
          },
        },
      },
      async (request) =>
        services.billing.handleWebhook(typeof request.body === 'string' ? request.body : '', request.headers),
    );
  });
}
