/**
 * Partners (P1–P5): the partner organisation and its staff, offers, delegated-administration
 * requests and their approval by the customer, product keys, the customer list and the partner
 * of record's notifications. Partner routes answer 404 to anyone who is not staff of the partner
 * and 403 to staff whose role lacks the right; customer routes go through `authorize`.
 * Endpoints that take a secret (offer links, approval requests, product keys) are rate limited
 * per client IP.
 */
import type { FastifyInstance } from 'fastify';
import type { SubscriptionStatus } from '../../../shared/src/api/views.js';
import { resolveLocale } from '../../../shared/src/i18n/translate.js';
import { ApiError } from '../http/apiError.js';
import type { CustomerRelationshipFilter } from '../storage/partnerStorage.js';
import type { Services } from '../services.js';
import { ADVISOR_CODE_PATTERN, MAX_RELATIONSHIP_DAYS, MIN_RELATIONSHIP_DAYS } from '../partners/rules.js';
import type { OfferRequest } from '../partners/offerService.js';
import type { KeyPurchaseRequest } from '../partners/productKeyService.js';
import { idempotencyKeyOf } from './billing.js';
import { emailString, integerText, isoDateTime, languageString, parseInteger, parseTime, permissionList, subscriptionIdParams } from './schemas.js';

const uuid = { type: 'string', format: 'uuid' } as const;
const partnerParams = { type: 'object', required: ['partnerId'], properties: { partnerId: uuid } } as const;
const partnerItemParams = (name: string) => ({ type: 'object', required: ['partnerId', name], properties: { partnerId: uuid, [name]: uuid } }) as const;
const linkToken = { type: 'string', minLength: 16, maxLength: 200, description: 'The token from the link (its fragment)' } as const;
const advisorCode = { type: 'string', pattern: ADVISOR_CODE_PATTERN, description: "The partner's advisor code from the link" } as const;
const durationDays = { type: 'integer', minimum: MIN_RELATIONSHIP_DAYS, maximum: MAX_RELATIONSHIP_DAYS, description: 'How long the delegated administration lasts once approved (1 day to 2 years)' } as const;
const planId = { type: 'string', minLength: 1, maxLength: 40 } as const;
const cardString = { type: 'string', minLength: 1, maxLength: 64, description: "A card for the simulated provider, or a real provider's payment-method token" } as const;
const idempotencyHeader = { type: 'object', properties: { 'idempotency-key': { type: 'string' } } } as const;

const STATUSES: SubscriptionStatus[] = ['trial', 'active', 'past_due', 'expired', 'cancelled'];
const RELATIONSHIP_FILTERS: CustomerRelationshipFilter[] = ['active', 'pending', 'expired', 'ended', 'none'];

export function registerPartnerRoutes(app: FastifyInstance, services: Services): void {
  const { staff, offers, administration, keys, customers } = services.partners;
  // Secrets are tried here: limited per client IP like invitation acceptance.
  const limited = { rateLimit: { max: services.config.rateLimits.invitationsPerMinute, timeWindow: '1 minute' } };
  const caller = (authorization: string | undefined) => services.authenticate(authorization);

  // --- partner organisation and staff (P1) ----------------------------------------------------

  app.post<{ Body: { name: string; language?: string } }>(
    '/api/v1/partners',
    {
      schema: {
        summary: 'Make your organisation a partner: you become its owner and it gets an advisor code. Any signed-in person; one partner per organisation (409 PARTNER_EXISTS).',
        body: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 1, maxLength: 120 }, language: languageString } },
      },
    },
    async (request, reply) => reply.code(201).send(staff.enrol(await caller(request.headers.authorization), request.body, request.ip)),
  );

  app.get('/api/v1/partners', { schema: { summary: 'Partner organisations you are staff of, with your role (owner, full, limited) and what it allows' } }, async (request) =>
    staff.list(await caller(request.headers.authorization)),
  );

  app.get<{ Params: { partnerId: string } }>('/api/v1/partners/:partnerId', { schema: { summary: 'A partner organisation (any staff role)', params: partnerParams } }, async (request) =>
    staff.get(await caller(request.headers.authorization), request.params.partnerId),
  );

  app.get<{ Params: { partnerId: string } }>('/api/v1/partners/:partnerId/staff', { schema: { summary: "The partner's staff and their roles (any staff role)", params: partnerParams } }, async (request) =>
    staff.listStaff(await caller(request.headers.authorization), request.params.partnerId),
  );

  app.post<{ Params: { partnerId: string }; Body: { email: string; role: 'full' | 'limited' } }>(
    '/api/v1/partners/:partnerId/staff',
    {
      schema: {
        summary: "Add a staff member by address, or change their role (partner owner only). Full administration acts for customers with everything they granted; limited only views and assigns. They sign in with that address in the partner's tenant.",
        params: partnerParams,
        body: { type: 'object', required: ['email', 'role'], additionalProperties: false, properties: { email: emailString, role: { type: 'string', enum: ['full', 'limited'] } } },
      },
    },
    async (request) => staff.setStaff(await caller(request.headers.authorization), request.params.partnerId, request.body, request.ip),
  );

  app.delete<{ Params: { partnerId: string; staffId: string } }>(
    '/api/v1/partners/:partnerId/staff/:staffId',
    { schema: { summary: 'Remove a staff member (partner owner only; the owner cannot be removed)', params: partnerItemParams('staffId') } },
    async (request, reply) => {
      staff.removeStaff(await caller(request.headers.authorization), request.params.partnerId, request.params.staffId, request.ip);
      return reply.code(204).send();
    },
  );

  // --- offers (P2) ----------------------------------------------------------------------------

  app.post<{ Params: { partnerId: string }; Body: OfferRequest }>(
    '/api/v1/partners/:partnerId/offers',
    {
      schema: {
        summary: 'Create a trial invitation or a purchase offer (partner owner or full administration). The answer carries the link (with the advisor code) once; only its token\'s hash is kept.',
        params: partnerParams,
        body: {
          type: 'object',
          required: ['kind', 'plan', 'quantity'],
          additionalProperties: false,
          properties: {
            kind: { type: 'string', enum: ['trial', 'purchase'] },
            name: { type: 'string', maxLength: 120 },
            plan: planId,
            quantity: { type: 'integer', minimum: 1, maximum: 10000 },
            trialDays: { type: 'integer', minimum: 1, maximum: 90, description: 'Trial invitations: the trial length' },
            administration: {
              type: 'object',
              required: ['permissions', 'durationDays'],
              additionalProperties: false,
              description: 'Optional delegated-administration request made to every customer who uses the offer',
              properties: { permissions: permissionList, durationDays },
            },
            maxCustomers: { type: ['integer', 'null'], minimum: 1, maximum: 100000, description: '1: for one customer; null or absent: for any number' },
            expiresInDays: { type: 'integer', minimum: 1, maximum: 365, description: 'The link stops working after this many days (default 30)' },
          },
        },
      },
    },
    async (request, reply) => reply.code(201).send(offers.createOffer(await caller(request.headers.authorization), request.params.partnerId, request.body, request.ip)),
  );

  app.get<{ Params: { partnerId: string } }>('/api/v1/partners/:partnerId/offers', { schema: { summary: "The partner's offers with how many customers used each (any staff role)", params: partnerParams } }, async (request) =>
    offers.listOffers(await caller(request.headers.authorization), request.params.partnerId),
  );

  app.patch<{ Params: { partnerId: string; offerId: string }; Body: { disabled: boolean } }>(
    '/api/v1/partners/:partnerId/offers/:offerId',
    { schema: { summary: 'Disable or re-enable an offer link (partner owner or full administration)', params: partnerItemParams('offerId'), body: { type: 'object', required: ['disabled'], additionalProperties: false, properties: { disabled: { type: 'boolean' } } } } },
    async (request) => offers.setOfferDisabled(await caller(request.headers.authorization), request.params.partnerId, request.params.offerId, request.body.disabled, request.ip),
  );

  app.post<{ Body: { code: string; token: string } }>(
    '/api/v1/offers/view',
    {
      config: limited,
      schema: {
        summary: 'What an offer link offers (no sign-in needed): partner, plan, seats, trial length or price, delegated-administration request. OFFER_NOT_FOUND, OFFER_DISABLED, OFFER_EXPIRED, OFFER_USED.',
        security: [],
        body: { type: 'object', required: ['code', 'token'], additionalProperties: false, properties: { code: advisorCode, token: linkToken } },
      },
    },
    async (request) => offers.viewOffer(request.body.code, request.body.token),
  );

  app.post<{ Body: { code: string; token: string; card?: string; approveAdministration?: boolean } }>(
    '/api/v1/offers/redeem',
    {
      config: limited,
      schema: {
        summary:
          'Take an offer as the signed-in customer: a trial starts (201, no card), or the purchase goes through checkout (card and Idempotency-Key; 201, 202 when the bank asks for confirmation, 402 when declined). The partner becomes partner of record; approveAdministration approves its delegated-administration request at once, otherwise it is emailed for approval.',
        headers: idempotencyHeader,
        body: { type: 'object', required: ['code', 'token'], additionalProperties: false, properties: { code: advisorCode, token: linkToken, card: cardString, approveAdministration: { type: 'boolean' } } },
      },
    },
    async (request, reply) => {
      const who = await caller(request.headers.authorization);
      const header = request.headers['idempotency-key'];
      const key = header === undefined ? null : idempotencyKeyOf(header, 'purchase');
      const result = await offers.redeemOffer(who, request.body, key, request.ip);
      return reply.code(result.statusCode).send(result.body);
    },
  );

  // --- delegated administration of customers (P3) ----------------------------------------------

  app.post<{ Params: { partnerId: string }; Body: { email: string; permissions: string[]; durationDays: number; language?: string } }>(
    '/api/v1/partners/:partnerId/requests',
    {
      config: { rateLimit: { max: services.config.rateLimits.invitationsPerMinute * 2, timeWindow: '1 minute' } },
      schema: {
        summary: "Ask a customer's owner (by address) for delegated administration with some of the four permissions for 1 day to 2 years (partner owner or full administration). Emailed; nothing is granted until approved; unanswered requests expire after 90 days.",
        params: partnerParams,
        body: { type: 'object', required: ['email', 'permissions', 'durationDays'], additionalProperties: false, properties: { email: emailString, permissions: permissionList, durationDays, language: languageString } },
      },
    },
    async (request, reply) => reply.code(201).send(await administration.requestAdministration(await caller(request.headers.authorization), request.params.partnerId, request.body, request.ip)),
  );

  app.get<{ Params: { partnerId: string } }>('/api/v1/partners/:partnerId/requests', { schema: { summary: "The partner's requests and relationships with their state (any staff role)", params: partnerParams } }, async (request) =>
    administration.listRequests(await caller(request.headers.authorization), request.params.partnerId),
  );

  app.delete<{ Params: { partnerId: string; requestId: string } }>(
    '/api/v1/partners/:partnerId/requests/:requestId',
    { schema: { summary: 'Withdraw a pending request (partner owner or full administration)', params: partnerItemParams('requestId') } },
    async (request, reply) => {
      administration.withdrawRequest(await caller(request.headers.authorization), request.params.partnerId, request.params.requestId, request.ip);
      return reply.code(204).send();
    },
  );

  const requestToken = { type: 'object', required: ['token'], additionalProperties: false, properties: { token: linkToken } } as const;

  app.post<{ Body: { token: string } }>(
    '/api/v1/partner-requests/view',
    { config: limited, schema: { summary: 'A request from its emailed link, as the signed-in addressee, with the subscriptions they could grant it on', body: requestToken } },
    async (request) => administration.viewRequest(await caller(request.headers.authorization), request.body.token),
  );

  app.post<{ Body: { token: string; subscriptionId?: string } }>(
    '/api/v1/partner-requests/approve',
    {
      config: limited,
      schema: {
        summary: "Approve a request as the signed-in addressee and owner of the subscription: the relationship starts now. PARTNER_REQUEST_NOT_FOUND, _USED, _WITHDRAWN, _EXPIRED (90 days), _WRONG_ACCOUNT; not the owner: 403.",
        body: { type: 'object', required: ['token'], additionalProperties: false, properties: { token: linkToken, subscriptionId: uuid } },
      },
    },
    async (request) => administration.approveRequest(await caller(request.headers.authorization), request.body.token, request.body.subscriptionId, request.ip),
  );

  app.post<{ Body: { token: string } }>('/api/v1/partner-requests/decline', { config: limited, schema: { summary: 'Decline a request as the signed-in addressee', body: requestToken } }, async (request, reply) => {
    administration.declineRequest(await caller(request.headers.authorization), request.body.token, request.ip);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>(
    '/api/v1/subscriptions/:id/partners',
    { schema: { summary: "Partners with a relationship or request on the subscription (needs delegates.view: the owner, delegates with view); shown with the delegates", params: subscriptionIdParams } },
    async (request) => administration.relationshipsOf(await caller(request.headers.authorization), request.params.id),
  );

  app.delete<{ Params: { id: string; relationshipId: string } }>(
    '/api/v1/subscriptions/:id/partners/:relationshipId',
    {
      schema: {
        summary: "End a partner's delegated administration, or decline its pending request (needs delegates.manage: the owner)",
        params: { type: 'object', required: ['id', 'relationshipId'], properties: { id: uuid, relationshipId: uuid } },
      },
    },
    async (request, reply) => {
      administration.endRelationship(await caller(request.headers.authorization), request.params.id, request.params.relationshipId, request.ip);
      return reply.code(204).send();
    },
  );

  // --- product keys (P4) ----------------------------------------------------------------------

  app.post<{ Params: { partnerId: string }; Body: KeyPurchaseRequest }>(
    '/api/v1/partners/:partnerId/product-keys',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        summary: 'Buy product keys (partner owner or full administration): each key is one subscription of `seats` seats for `termPeriods` periods of the plan. Idempotency-Key required; the keys are in the 201 answer only (a replay shows their last group).',
        params: partnerParams,
        headers: idempotencyHeader,
        body: {
          type: 'object',
          required: ['plan', 'seats', 'termPeriods', 'count', 'card'],
          additionalProperties: false,
          properties: { plan: planId, seats: { type: 'integer', minimum: 1, maximum: 10000 }, termPeriods: { type: 'integer', minimum: 1, maximum: 36 }, count: { type: 'integer', minimum: 1, maximum: 100 }, card: cardString },
        },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request.headers['idempotency-key'], 'purchase');
      const result = await keys.buyKeys(await caller(request.headers.authorization), request.params.partnerId, request.body, key, request.ip);
      return reply.code(result.statusCode).send(result.body);
    },
  );

  app.get<{ Params: { partnerId: string } }>('/api/v1/partners/:partnerId/product-keys', { schema: { summary: "The partner's keys (last group only) and whether each was redeemed (any staff role)", params: partnerParams } }, async (request) =>
    keys.listKeys(await caller(request.headers.authorization), request.params.partnerId),
  );

  app.get<{ Params: { partnerId: string } }>('/api/v1/partners/:partnerId/invoices', { schema: { summary: "The partner's invoices (product keys), newest first (owner and full administration)", params: partnerParams } }, async (request) =>
    keys.listInvoices(await caller(request.headers.authorization), request.params.partnerId),
  );

  app.get<{ Params: { partnerId: string; invoiceId: string }; Querystring: { lang?: string } }>(
    '/api/v1/partners/:partnerId/invoices/:invoiceId/html',
    {
      schema: {
        summary: 'A partner invoice as a printable HTML page',
        params: partnerItemParams('invoiceId'),
        querystring: { type: 'object', additionalProperties: false, properties: { lang: { type: 'string', maxLength: 35 } } },
      },
    },
    async (request, reply) => {
      const html = keys.invoiceHtml(await caller(request.headers.authorization), request.params.partnerId, request.params.invoiceId, resolveLocale(request.query.lang ?? request.headers['accept-language']));
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    },
  );

  app.post<{ Body: { key: string; subscriptionId?: string } }>(
    '/api/v1/product-keys/redeem',
    {
      config: limited,
      schema: {
        summary:
          'Redeem a product key as the signed-in customer: without subscriptionId a new subscription (you own it, the partner is partner of record); with one, extends that subscription of the same plan (needs billing.manage). PRODUCT_KEY_INVALID, _NOT_FOUND, _USED, _EXPIRED, _PLAN_MISMATCH.',
        body: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: { type: 'string', minLength: 1, maxLength: 64 }, subscriptionId: uuid } },
      },
    },
    async (request, reply) => reply.code(201).send(keys.redeemKey(await caller(request.headers.authorization), request.body, request.ip)),
  );

  // --- customers, notifications, journal (P5, P3) ----------------------------------------------

  app.get<{ Params: { partnerId: string }; Querystring: { search?: string; status?: SubscriptionStatus; relationship?: CustomerRelationshipFilter; renewsBefore?: string; offset?: string; limit?: string } }>(
    '/api/v1/partners/:partnerId/customers',
    {
      schema: {
        summary:
          "The partner's customers (partner of record, or with a relationship): subscription status, seats, renewal, relationship and its expiry; search by organisation, owner address, tenant or subscription id; filters (any staff role). Acting on one goes through the subscription routes.",
        params: partnerParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            search: { type: 'string', maxLength: 200 },
            status: { type: 'string', enum: STATUSES },
            relationship: { type: 'string', enum: RELATIONSHIP_FILTERS },
            renewsBefore: isoDateTime,
            offset: integerText,
            limit: integerText,
          },
        },
      },
    },
    async (request) => {
      const query = request.query;
      const limit = parseInteger(query.limit, 50, 1000);
      if (limit < 1) throw new ApiError(400, 'VALIDATION_FAILED', 'limit is 1 to 1000.');
      const renewsBefore = parseTime(query.renewsBefore);
      return customers.customers(await caller(request.headers.authorization), request.params.partnerId, {
        ...(query.search === undefined ? {} : { search: query.search }),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.relationship === undefined ? {} : { relationship: query.relationship }),
        ...(renewsBefore === undefined ? {} : { renewsBefore }),
        offset: parseInteger(query.offset, 0, 1_000_000_000),
        limit,
      });
    },
  );

  app.get<{ Params: { partnerId: string }; Querystring: { limit?: string } }>(
    '/api/v1/partners/:partnerId/notifications',
    {
      schema: {
        summary: "Seat, quantity, renewal and cancellation changes of the partner's customers (partner of record), newest first (any staff role); also emailed as a digest",
        params: partnerParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: integerText } },
      },
    },
    async (request) => customers.notifications(await caller(request.headers.authorization), request.params.partnerId, Math.max(1, parseInteger(request.query.limit, 100, 1000))),
  );

  app.get<{ Params: { partnerId: string }; Querystring: { limit?: string } }>(
    '/api/v1/partners/:partnerId/journal',
    { schema: { summary: "The partner's own journal: staff, offers, requests, keys and their use by customers (any staff role)", params: partnerParams, querystring: { type: 'object', additionalProperties: false, properties: { limit: integerText } } } },
    async (request) => staff.journal(await caller(request.headers.authorization), request.params.partnerId, Math.max(1, parseInteger(request.query.limit, 500, 10000))),
  );
}
