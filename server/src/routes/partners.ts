/**
 * Partners (P1–P5): the partner organisation and its staff, offers, delegated-administration
 * requests and their approval by the customer, product keys, the customer list and the partner
 * of record's notifications. Partner routes answer 404 to anyone who is not staff of the partner
 * and 403 to staff whose role lacks the right; customer routes go through `authorize`.
 * Endpoints that take a secret (offer links, approval requests, product keys) are rate limited
 * per client IP.
 */
import { Type } from 'typebox';
import { StringEnum, Uuid } from '#shared/api/schemaKit.js';
import {
  ASSIGNABLE_PARTNER_STAFF_ROLES,
  CheckoutPaidSchema,
  CUSTOMER_RELATIONSHIP_FILTERS,
  JournalEntryViewSchema,
  KeyPurchaseResultSchema,
  KeyRedeemedSchema,
  OfferPublicViewSchema,
  OfferViewSchema,
  PartnerCustomerViewSchema,
  PartnerInvoiceViewSchema,
  PartnerNotificationViewSchema,
  PartnerRelationshipViewSchema,
  PartnerRequestViewSchema,
  PartnerStaffViewSchema,
  PartnerViewSchema,
  PaymentActionRequiredSchema,
  ProductKeyViewSchema,
  SUBSCRIPTION_STATUSES,
  TrialStartedSchema,
  OFFER_KINDS,
} from '#shared/api/views.js';
import { errorAnswers, NoContent } from '../http/answers.js';
import { readerLocale, sendPrintablePage } from '../http/documents.js';
import { idempotencyKeyOf } from '../http/idempotencyKey.js';
import { ADVISOR_CODE_PATTERN, MAX_RELATIONSHIP_DAYS, MIN_RELATIONSHIP_DAYS } from '../partners/rules.js';
import type { Services } from '../services.js';
import { sendOutcome } from './outcome.js';
import {
  type Api,
  CardString,
  EmailString,
  HtmlPage,
  IdempotencyKeyHeader,
  IntegerText,
  IsoDateTime,
  JournalLimitText,
  LanguageQuery,
  LanguageString,
  PageLimitText,
  parseInteger,
  parseTime,
  PermissionList,
  Strict,
  SubscriptionIdParams,
} from './schemas.js';

const PartnerParams = Type.Object({ partnerId: Uuid() });
function PartnerItemParams<const N extends string>(name: N) {
  return Type.Object({ partnerId: Uuid(), [name]: Uuid() } as { partnerId: ReturnType<typeof Uuid> } & {
    [K in N]: ReturnType<typeof Uuid>;
  });
}
const LinkToken = Type.String({ minLength: 16, maxLength: 200, description: 'The token from the link (its fragment)' });
const AdvisorCode = Type.String({
  pattern: ADVISOR_CODE_PATTERN,
  description: "The partner's advisor code from the link",
});
const DurationDays = Type.Integer({
  minimum: MIN_RELATIONSHIP_DAYS,
  maximum: MAX_RELATIONSHIP_DAYS,
  description: 'How long the delegated administration lasts once approved (1 day to 2 years)',
});
const PlanId = Type.String({ minLength: 1, maxLength: 40 });
const RequestToken = Strict({ token: LinkToken });

export function registerPartnerRoutes(app: Api, services: Services): void {
  const { staff, offers, administration, keys, customers } = services.partners;
  // Secrets are tried here: limited per client IP like invitation acceptance.
  const limited = { rateLimit: { max: services.config.rateLimits.invitationsPerMinute, timeWindow: '1 minute' } };

  // --- partner organisation and staff (P1) ----------------------------------------------------

  app.post(
    '/partners',
    {
      schema: {
        summary:
          'Make your organisation a partner: you become its owner and it gets an advisor code. Any signed-in person; one partner per organisation (409 PARTNER_EXISTS).',
        body: Strict({ name: Type.String({ minLength: 1, maxLength: 120 }), language: Type.Optional(LanguageString) }),
        response: { 201: PartnerViewSchema, ...errorAnswers(403, 409) },
      },
    },
    async (request, reply) => reply.code(201).send(await staff.enrol(request.caller, request.body, request.ip)),
  );

  app.get(
    '/partners',
    {
      schema: {
        summary: 'Partner organisations you are staff of, with your role (owner, full, limited) and what it allows',
        response: { 200: Type.Array(PartnerViewSchema) },
      },
    },
    async (request) => staff.list(request.caller),
  );

  app.get(
    '/partners/:partnerId',
    {
      schema: {
        summary: 'A partner organisation (any staff role)',
        params: PartnerParams,
        response: { 200: PartnerViewSchema, ...errorAnswers(404) },
      },
    },
    async (request) => staff.get(request.caller, request.params.partnerId),
  );

  app.get(
    '/partners/:partnerId/staff',
    {
      schema: {
        summary: "The partner's staff and their roles (any staff role)",
        params: PartnerParams,
        response: { 200: Type.Array(PartnerStaffViewSchema), ...errorAnswers(404) },
      },
    },
    async (request) => staff.listStaff(request.caller, request.params.partnerId),
  );

  app.post(
    '/partners/:partnerId/staff',
    {
      schema: {
        summary:
          "Add a staff member by address, or change their role (partner owner only). Full administration acts for customers with everything they granted; limited only views and assigns. They sign in with that address in the partner's tenant.",
        params: PartnerParams,
        body: Strict({ email: EmailString, role: StringEnum(ASSIGNABLE_PARTNER_STAFF_ROLES) }),
        response: { 200: PartnerStaffViewSchema, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request) => staff.setStaff(request.caller, request.params.partnerId, request.body, request.ip),
  );

  app.delete(
    '/partners/:partnerId/staff/:staffId',
    {
      schema: {
        summary: 'Remove a staff member (partner owner only; the owner cannot be removed)',
        params: PartnerItemParams('staffId'),
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await staff.removeStaff(request.caller, request.params.partnerId, request.params.staffId, request.ip);
      return reply.code(204).send(null);
    },
  );

  // --- offers (P2) ----------------------------------------------------------------------------

  app.post(
    '/partners/:partnerId/offers',
    {
      schema: {
        summary:
          "Create a trial invitation or a purchase offer (partner owner or full administration). The answer carries the link (with the advisor code) once; only its token's hash is kept.",
        params: PartnerParams,
        body: Strict({
          kind: StringEnum(OFFER_KINDS),
          name: Type.Optional(Type.String({ maxLength: 120 })),
          plan: PlanId,
          quantity: Type.Integer({ minimum: 1, maximum: 10000 }),
          trialDays: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 90, description: 'Trial invitations: the trial length' }),
          ),
          administration: Type.Optional(
            Strict(
              { permissions: PermissionList, durationDays: DurationDays },
              { description: 'Optional delegated-administration request made to every customer who uses the offer' },
            ),
          ),
          maxCustomers: Type.Optional(
            Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()], {
              description: '1: for one customer; null or absent: for any number',
            }),
          ),
          expiresInDays: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 365,
              description: 'The link stops working after this many days (default 30)',
            }),
          ),
        }),
        response: {
          201: Type.Object({ offer: OfferViewSchema, link: Type.String({ format: 'uri' }) }),
          ...errorAnswers(403, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await offers.createOffer(request.caller, request.params.partnerId, request.body, request.ip)),
  );

  app.get(
    '/partners/:partnerId/offers',
    {
      schema: {
        summary: "The partner's offers with how many customers used each (any staff role)",
        params: PartnerParams,
        response: { 200: Type.Array(OfferViewSchema), ...errorAnswers(404) },
      },
    },
    async (request) => offers.listOffers(request.caller, request.params.partnerId),
  );

  app.patch(
    '/partners/:partnerId/offers/:offerId',
    {
      schema: {
        summary: 'Disable or re-enable an offer link (partner owner or full administration)',
        params: PartnerItemParams('offerId'),
        body: Strict({ disabled: Type.Boolean() }),
        response: { 200: OfferViewSchema, ...errorAnswers(403, 404) },
      },
    },
    async (request) =>
      offers.setOfferDisabled(
        request.caller,
        request.params.partnerId,
        request.params.offerId,
        request.body.disabled,
        request.ip,
      ),
  );

  app.post(
    '/offers/view',
    {
      config: limited,
      schema: {
        summary:
          'What an offer link offers (no sign-in needed): partner, plan, seats, trial length or price, delegated-administration request. OFFER_NOT_FOUND, OFFER_DISABLED, OFFER_EXPIRED, OFFER_USED.',
        body: Strict({ code: AdvisorCode, token: LinkToken }),
        response: { 200: OfferPublicViewSchema, ...errorAnswers(404, 410) },
      },
    },
    async (request) => offers.viewOffer(request.body.code, request.body.token),
  );

  app.post(
    '/offers/redeem',
    {
      config: limited,
      schema: {
        summary:
          'Take an offer as the signed-in customer: a trial starts (201, no card), or the purchase goes through checkout (card and Idempotency-Key; 201, 202 when the bank asks for confirmation, 402 when declined). The partner becomes partner of record; approveAdministration approves its delegated-administration request at once, otherwise it is emailed for approval.',
        headers: IdempotencyKeyHeader,
        body: Strict({
          code: AdvisorCode,
          token: LinkToken,
          card: Type.Optional(CardString),
          approveAdministration: Type.Optional(Type.Boolean()),
        }),
        response: {
          201: Type.Union([TrialStartedSchema, CheckoutPaidSchema]),
          202: PaymentActionRequiredSchema,
          ...errorAnswers(402, 403, 404, 409, 410, 422),
        },
      },
    },
    async (request, reply) => {
      const header = request.headers['idempotency-key'];
      const key = header === undefined ? null : idempotencyKeyOf(header, 'purchase');
      return sendOutcome(reply, await offers.redeemOffer(request.caller, request.body, key, request.ip));
    },
  );

  // --- delegated administration of customers (P3) ----------------------------------------------

  app.post(
    '/partners/:partnerId/requests',
    {
      config: { rateLimit: { max: services.config.rateLimits.invitationsPerMinute * 2, timeWindow: '1 minute' } },
      schema: {
        summary:
          "Ask a customer's owner (by address) for delegated administration with some of the four permissions for 1 day to 2 years (partner owner or full administration). Emailed; nothing is granted until approved; unanswered requests expire after 90 days.",
        params: PartnerParams,
        body: Strict({
          email: EmailString,
          permissions: PermissionList,
          durationDays: DurationDays,
          language: Type.Optional(LanguageString),
        }),
        response: { 201: PartnerRelationshipViewSchema, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await administration.requestAdministration(
            request.caller,
            request.params.partnerId,
            request.body,
            request.ip,
          ),
        ),
  );

  app.get(
    '/partners/:partnerId/requests',
    {
      schema: {
        summary: "The partner's requests and relationships with their state (any staff role)",
        params: PartnerParams,
        response: { 200: Type.Array(PartnerRelationshipViewSchema), ...errorAnswers(404) },
      },
    },
    async (request) => administration.listRequests(request.caller, request.params.partnerId),
  );

  app.delete(
    '/partners/:partnerId/requests/:requestId',
    {
      schema: {
        summary: 'Withdraw a pending request (partner owner or full administration)',
        params: PartnerItemParams('requestId'),
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await administration.withdrawRequest(
        request.caller,
        request.params.partnerId,
        request.params.requestId,
        request.ip,
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/partner-requests/view',
    {
      config: limited,
      schema: {
        summary:
          'A request from its emailed link, as the signed-in addressee, with the subscriptions they could grant it on',
        body: RequestToken,
        response: { 200: PartnerRequestViewSchema, ...errorAnswers(403, 404, 410) },
      },
    },
    async (request) => administration.viewRequest(request.caller, request.body.token),
  );

  app.post(
    '/partner-requests/approve',
    {
      config: limited,
      schema: {
        summary:
          'Approve a request as the signed-in addressee and owner of the subscription: the relationship starts now. PARTNER_REQUEST_NOT_FOUND, _USED, _WITHDRAWN, _EXPIRED (90 days), _WRONG_ACCOUNT; not the owner: 403.',
        body: Strict({ token: LinkToken, subscriptionId: Type.Optional(Uuid()) }),
        response: { 200: PartnerRelationshipViewSchema, ...errorAnswers(403, 404, 409, 410) },
      },
    },
    async (request) =>
      administration.approveRequest(request.caller, request.body.token, request.body.subscriptionId, request.ip),
  );

  app.post(
    '/partner-requests/decline',
    {
      config: limited,
      schema: {
        summary: 'Decline a request as the signed-in addressee',
        body: RequestToken,
        response: { 204: NoContent, ...errorAnswers(403, 404, 409, 410) },
      },
    },
    async (request, reply) => {
      await administration.declineRequest(request.caller, request.body.token, request.ip);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/subscriptions/:id/partners',
    {
      schema: {
        summary:
          'Partners with a relationship or request on the subscription (needs delegates.view: the owner, delegates with view); shown with the delegates',
        params: SubscriptionIdParams,
        response: { 200: Type.Array(PartnerRelationshipViewSchema), ...errorAnswers(403, 404) },
      },
    },
    async (request) => administration.relationshipsOf(request.caller, request.params.id),
  );

  app.delete(
    '/subscriptions/:id/partners/:relationshipId',
    {
      schema: {
        summary:
          "End a partner's delegated administration, or decline its pending request (needs delegates.manage: the owner)",
        params: Type.Object({ id: Uuid(), relationshipId: Uuid() }),
        response: { 204: NoContent, ...errorAnswers(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await administration.endRelationship(
        request.caller,
        request.params.id,
        request.params.relationshipId,
        request.ip,
      );
      return reply.code(204).send(null);
    },
  );

  // --- product keys (P4) ----------------------------------------------------------------------

  app.post(
    '/partners/:partnerId/product-keys',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary:
          'Buy product keys (partner owner or full administration): each key is one subscription of `seats` seats for `termPeriods` periods of the plan. Idempotency-Key required; the keys are in the 201 answer only (a replay shows their last group).',
        params: PartnerParams,
        headers: IdempotencyKeyHeader,
        body: Strict({
          plan: PlanId,
          seats: Type.Integer({ minimum: 1, maximum: 10000 }),
          termPeriods: Type.Integer({ minimum: 1, maximum: 36 }),
          count: Type.Integer({ minimum: 1, maximum: 100 }),
          card: CardString,
        }),
        response: {
          201: KeyPurchaseResultSchema,
          202: PaymentActionRequiredSchema,
          ...errorAnswers(402, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'purchase');
      return sendOutcome(
        reply,
        await keys.buyKeys(request.caller, request.params.partnerId, request.body, key, request.ip),
      );
    },
  );

  app.get(
    '/partners/:partnerId/product-keys',
    {
      schema: {
        summary: "The partner's keys (last group only) and whether each was redeemed (any staff role)",
        params: PartnerParams,
        response: { 200: Type.Array(ProductKeyViewSchema), ...errorAnswers(404) },
      },
    },
    async (request) => keys.listKeys(request.caller, request.params.partnerId),
  );

  app.get(
    '/partners/:partnerId/invoices',
    {
      schema: {
        summary: "The partner's invoices (product keys), newest first (owner and full administration)",
        params: PartnerParams,
        response: { 200: Type.Array(PartnerInvoiceViewSchema), ...errorAnswers(403, 404) },
      },
    },
    async (request) => keys.listInvoices(request.caller, request.params.partnerId),
  );

  app.get(
    '/partners/:partnerId/invoices/:invoiceId/html',
    {
      schema: {
        summary: 'A partner invoice as a printable HTML page',
        params: PartnerItemParams('invoiceId'),
        querystring: LanguageQuery,
        response: { 200: HtmlPage, ...errorAnswers(403, 404) },
      },
    },
    async (request, reply) => {
      const html = await keys.invoiceHtml(
        request.caller,
        request.params.partnerId,
        request.params.invoiceId,
        readerLocale(request),
      );
      return sendPrintablePage(reply, html);
    },
  );

  app.post(
    '/product-keys/redeem',
    {
      config: limited,
      schema: {
        summary:
          'Redeem a product key as the signed-in customer: without subscriptionId a new subscription (you own it, the partner is partner of record); with one, extends that subscription of the same plan (needs billing.manage). PRODUCT_KEY_INVALID, _NOT_FOUND, _USED, _EXPIRED, _PLAN_MISMATCH.',
        body: Strict({ key: Type.String({ minLength: 1, maxLength: 64 }), subscriptionId: Type.Optional(Uuid()) }),
        response: { 201: KeyRedeemedSchema, ...errorAnswers(403, 404, 409, 410) },
      },
    },
    async (request, reply) => reply.code(201).send(await keys.redeemKey(request.caller, request.body, request.ip)),
  );

  // --- customers, notifications, journal (P5, P3) ----------------------------------------------

  app.get(
    '/partners/:partnerId/customers',
    {
      schema: {
        summary:
          "The partner's customers (partner of record, or with a relationship): subscription status, seats, renewal, relationship and its expiry; search by organisation, owner address, tenant or subscription id; filters (any staff role). Acting on one goes through the subscription routes.",
        params: PartnerParams,
        querystring: Strict({
          search: Type.Optional(Type.String({ maxLength: 200 })),
          status: Type.Optional(StringEnum(SUBSCRIPTION_STATUSES)),
          relationship: Type.Optional(StringEnum(CUSTOMER_RELATIONSHIP_FILTERS)),
          renewsBefore: Type.Optional(IsoDateTime),
          offset: Type.Optional(IntegerText),
          limit: Type.Optional(PageLimitText),
        }),
        response: {
          200: Type.Object({ total: Type.Integer(), items: Type.Array(PartnerCustomerViewSchema) }),
          ...errorAnswers(404),
        },
      },
    },
    async (request) => {
      const query = request.query;
      const renewsBefore = parseTime(query.renewsBefore);
      return customers.customers(request.caller, request.params.partnerId, {
        ...(query.search === undefined ? {} : { search: query.search }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.relationship === undefined ? {} : { relationship: query.relationship }),
        ...(renewsBefore === undefined ? {} : { renewsBefore }),
        offset: parseInteger(query.offset, 0, 1_000_000_000),
        limit: parseInteger(query.limit, 50, 1000),
      });
    },
  );

  app.get(
    '/partners/:partnerId/notifications',
    {
      schema: {
        summary:
          "Seat, quantity, renewal and cancellation changes of the partner's customers (partner of record), newest first (any staff role); also emailed as a digest",
        params: PartnerParams,
        querystring: Strict({ limit: Type.Optional(PageLimitText) }),
        response: { 200: Type.Array(PartnerNotificationViewSchema), ...errorAnswers(404) },
      },
    },
    async (request) =>
      customers.notifications(request.caller, request.params.partnerId, parseInteger(request.query.limit, 100, 1000)),
  );

  app.get(
    '/partners/:partnerId/journal',
    {
      schema: {
        summary: "The partner's own journal: staff, offers, requests, keys and their use by customers (any staff role)",
        params: PartnerParams,
        querystring: Strict({ limit: Type.Optional(JournalLimitText) }),
        response: {
          200: Type.Array(JournalEntryViewSchema),
          ...errorAnswers(404),
        },
      },
    },
    async (request) =>
      staff.journal(request.caller, request.params.partnerId, parseInteger(request.query.limit, 500, 10000)),
  );
}
