/**
 * The stand-in's Stripe objects and what the card networks answer: Customers, PaymentMethods,
 * SetupIntents, PaymentIntents and Refunds, for exactly the calls Outmerge makes. Behaviours and
 * their Stripe pages are listed in docs/stripe-behaviour.md. In memory: a development stand-in.
 */
import { randomBytes } from 'node:crypto';
import { cardError, invalidRequest, noSuch, StripeApiError } from './stripeErrors.js';
import type { FormValue } from './stripeForm.js';
import { TEST_PAYMENT_METHODS, type CardBehaviour } from './testCards.js';

type Params = Record<string, FormValue>;

export function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

interface PaymentMethod {
  id: string;
  brand: string;
  last4: string;
  behaviour: CardBehaviour;
  customer: string | null;
  /** Set up for future off-session use (a succeeded SetupIntent, or a payment with setup_future_usage). */
  setUp: boolean;
  /** A PaymentMethod not attached to a customer can be used for one payment only. */
  consumed: boolean;
  created: number;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  payment_method: string | null;
  description: string | null;
  metadata: Record<string, string>;
  status:
    'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'succeeded' | 'canceled';
  client_secret: string;
  setup_future_usage: 'off_session' | 'on_session' | null;
  next_action: { type: 'use_stripe_sdk' } | null;
  last_payment_error: { type: string; code: string; decline_code?: string; message: string } | null;
  latest_charge: string | null;
  livemode: false;
  created: number;
  /** Not in Stripe's object: what was refunded (Stripe keeps it on the Charge). */
  amountRefunded: number;
  offSession: boolean;
}

export interface SetupIntent {
  id: string;
  object: 'setup_intent';
  customer: string | null;
  payment_method: string | null;
  usage: 'off_session' | 'on_session';
  status: 'requires_payment_method' | 'requires_action' | 'succeeded';
  client_secret: string;
  next_action: { type: 'use_stripe_sdk' } | null;
  last_setup_error: { type: string; code: string; decline_code?: string; message: string } | null;
  livemode: false;
  created: number;
}

export type StripeEventType =
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.requires_action'
  | 'setup_intent.succeeded'
  | 'refund.created';

export const SUPPORTED_CURRENCIES = new Set(['eur', 'chf', 'usd']);

const str = (value: FormValue | undefined): string | undefined => (typeof value === 'string' ? value : undefined);
const bool = (params: Params, name: string): boolean => {
  const value = params[name];
  if (value === undefined) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalidRequest(`Invalid boolean: ${typeof value === 'string' ? value : '(object)'}`, name);
};
const metadataOf = (params: Params): Record<string, string> => {
  const metadata = params.metadata;
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata))
    throw invalidRequest('Invalid metadata: must be an object', 'metadata');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    // "Metadata": up to 50 keys, key names up to 40 characters, values up to 500 characters.
    if (typeof value !== 'string' || key.length > 40 || value.length > 500)
      throw invalidRequest(
        'Metadata keys must be at most 40 characters and values at most 500 characters.',
        `metadata[${key}]`,
      );
    out[key] = value;
  }
  if (Object.keys(out).length > 50) throw invalidRequest('Metadata can have at most 50 keys.', 'metadata');
  return out;
};

/** Stripe refuses a parameter an endpoint does not take ("Received unknown parameter: …"), and so does the stand-in. */
function only(params: Params, allowed: readonly string[]): void {
  for (const name of Object.keys(params))
    if (!allowed.includes(name)) throw invalidRequest(`Received unknown parameter: ${name}`, name);
}

/** `allowed_payment_method_types`: the stand-in has cards only. */
function cardsOnly(params: Params): void {
  const types = params.allowed_payment_method_types;
  if (types !== undefined && (!Array.isArray(types) || types.some((t) => t !== 'card')))
    throw invalidRequest('The stand-in takes card payments only.', 'allowed_payment_method_types');
}

export class StripeObjects {
  readonly customers = new Map<
    string,
    {
      id: string;
      object: 'customer';
      email: string | null;
      name: string | null;
      metadata: Record<string, string>;
      created: number;
      livemode: false;
    }
  >();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly setupIntents = new Map<string, SetupIntent>();
  readonly refunds = new Map<
    string,
    {
      id: string;
      object: 'refund';
      amount: number;
      currency: string;
      payment_intent: string;
      status: 'succeeded';
      created: number;
    }
  >();

  constructor(
    private readonly clock: () => number,
    /** Events to send to the webhook endpoint. */
    private readonly emit: (type: StripeEventType, object: unknown) => void,
  ) {}

  private seconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  createCustomer(params: Params) {
    only(params, ['email', 'name', 'metadata', 'preferred_locales', 'description', 'expand']);
    const customer = {
      id: stripeId('cus'),
      object: 'customer' as const,
      email: str(params.email) ?? null,
      name: str(params.name) ?? null,
      metadata: metadataOf(params),
      created: this.seconds(),
      livemode: false as const,
    };
    this.customers.set(customer.id, customer);
    return customer;
  }

  customer(id: string) {
    const customer = this.customers.get(id);
    if (!customer) throw noSuch('customer', id);
    return customer;
  }

  /** A test PaymentMethod id makes a new PaymentMethod each time it is used; a real id is looked up. */
  private resolvePaymentMethod(id: string, param?: string): PaymentMethod {
    const test = TEST_PAYMENT_METHODS[id];
    if (test) {
      const method: PaymentMethod = {
        id: stripeId('pm'),
        brand: test.brand,
        last4: test.number.slice(-4),
        behaviour: test.behaviour,
        customer: null,
        setUp: false,
        consumed: false,
        created: this.seconds(),
      };
      this.paymentMethods.set(method.id, method);
      return method;
    }
    const method = this.paymentMethods.get(id);
    if (!method) throw noSuch('PaymentMethod', id, param);
    return method;
  }

  paymentMethodView(method: PaymentMethod) {
    return {
      id: method.id,
      object: 'payment_method',
      type: 'card',
      card: {
        brand: method.brand,
        last4: method.last4,
        exp_month: 12,
        exp_year: new Date(this.clock()).getUTCFullYear() + 3,
        country: 'DE',
        funding: 'credit',
      },
      customer: method.customer,
      created: method.created,
      livemode: false,
    };
  }

  retrievePaymentMethod(id: string) {
    return this.paymentMethodView(this.resolvePaymentMethod(id));
  }

  /** The PaymentMethod a request names, usable with this customer (Stripe refuses one attached to someone else, or an unattached one used before). */
  private methodFor(params: Params, customer: string | null): PaymentMethod {
    const id = str(params.payment_method);
    if (!id) throw invalidRequest('You must provide a payment_method to confirm.', 'payment_method');
    const method = this.resolvePaymentMethod(id, 'payment_method');
    if (method.customer !== null && method.customer !== customer)
      throw invalidRequest(`The provided PaymentMethod belongs to a different Customer: '${id}'`, 'payment_method');
    if (method.customer === null && method.consumed) {
      throw invalidRequest(
        'The provided PaymentMethod was previously used with a PaymentIntent without Customer attachment, shared with a connected account without Customer attachment, or was detached from a Customer. It may not be used again.',
        'payment_method',
      );
    }
    return method;
  }

  private customerParam(params: Params): string | null {
    const id = str(params.customer);
    if (id === undefined) return null;
    if (!this.customers.has(id)) throw noSuch('customer', id, 'customer');
    return id;
  }

  createSetupIntent(params: Params) {
    only(params, [
      'customer',
      'payment_method',
      'confirm',
      'usage',
      'allowed_payment_method_types',
      'metadata',
      'description',
      'expand',
    ]);
    cardsOnly(params);
    const customer = this.customerParam(params);
    const usage = str(params.usage) ?? 'off_session';
    if (usage !== 'off_session' && usage !== 'on_session')
      throw invalidRequest(`Invalid usage: must be one of off_session or on_session`, 'usage');
    if (!bool(params, 'confirm'))
      throw invalidRequest('The stand-in only creates SetupIntents with confirm=true.', 'confirm');
    const method = this.methodFor(params, customer);
    const intent: SetupIntent = {
      id: stripeId('seti'),
      object: 'setup_intent',
      customer,
      payment_method: method.id,
      usage,
      status: 'requires_payment_method',
      client_secret: '',
      next_action: null,
      last_setup_error: null,
      livemode: false,
      created: this.seconds(),
    };
    intent.client_secret = `${intent.id}_secret_${randomBytes(12).toString('hex')}`;
    this.setupIntents.set(intent.id, intent);
    const behaviour = method.behaviour;
    if (typeof behaviour === 'object') {
      // The issuer checks the card when it is set up: a declining card is not attached.
      const error = cardError(behaviour.decline, {});
      intent.last_setup_error = {
        type: 'card_error',
        code: error.body.code!,
        decline_code: behaviour.decline,
        message: error.body.message,
      };
      throw new StripeApiError(402, { ...error.body, setup_intent: { ...intent } });
    }
    if (behaviour === 'always_authenticate' || behaviour === 'authenticate_unless_set_up') {
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk' };
      return intent;
    }
    intent.status = 'succeeded';
    method.customer = customer;
    method.setUp = true;
    this.emit('setup_intent.succeeded', intent);
    return intent;
  }

  createPaymentIntent(params: Params): PaymentIntent {
    only(params, [
      'amount',
      'currency',
      'customer',
      'payment_method',
      'confirm',
      'off_session',
      'setup_future_usage',
      'description',
      'metadata',
      'allowed_payment_method_types',
      'expand',
      'receipt_email',
    ]);
    cardsOnly(params);
    const amount = Number(str(params.amount));
    if (str(params.amount) === undefined) throw invalidRequest('Missing required param: amount.', 'amount');
    if (!/^\d{1,12}$/.test(str(params.amount)!)) throw invalidRequest('Invalid integer: amount', 'amount');
    const currency = str(params.currency);
    if (!currency) throw invalidRequest('Missing required param: currency.', 'currency');
    if (!SUPPORTED_CURRENCIES.has(currency))
      throw invalidRequest(
        `Invalid currency: ${currency}. Stripe currently supports these currencies: ${[...SUPPORTED_CURRENCIES].join(', ')}`,
        'currency',
      );
    // "Minimum and maximum charge amounts": 0.50 in EUR, USD and CHF.
    if (amount < 50) throw invalidRequest('Amount must be at least 50 cents', 'amount', 'amount_too_small');
    const customer = this.customerParam(params);
    const confirm = bool(params, 'confirm');
    const offSession = bool(params, 'off_session');
    if (offSession && !confirm)
      throw invalidRequest('off_session can only be used when confirm is true.', 'off_session');
    const setupFutureUsage = str(params.setup_future_usage) ?? null;
    if (setupFutureUsage !== null && setupFutureUsage !== 'off_session' && setupFutureUsage !== 'on_session')
      throw invalidRequest('Invalid setup_future_usage', 'setup_future_usage');
    if (setupFutureUsage !== null && customer === null)
      throw invalidRequest('A customer is required to save a PaymentMethod for future usage.', 'setup_future_usage');
    if (!confirm) throw invalidRequest('The stand-in only creates PaymentIntents with confirm=true.', 'confirm');
    const method = this.methodFor(params, customer);
    const intent: PaymentIntent = {
      id: stripeId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      customer,
      payment_method: method.id,
      description: str(params.description) ?? null,
      metadata: metadataOf(params),
      status: 'requires_payment_method',
      client_secret: '',
      setup_future_usage: setupFutureUsage,
      next_action: null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      created: this.seconds(),
      amountRefunded: 0,
      offSession,
    };
    intent.client_secret = `${intent.id}_secret_${randomBytes(12).toString('hex')}`;
    this.paymentIntents.set(intent.id, intent);
    if (method.customer === null) method.consumed = true;
    const behaviour = method.behaviour;
    const decline = (
      code: 'generic_decline' | 'insufficient_funds' | 'expired_card' | 'authentication_required',
    ): never => {
      const charge = stripeId('ch');
      const error = cardError(code, {});
      intent.last_payment_error = {
        type: 'card_error',
        code: error.body.code!,
        decline_code: code,
        message: error.body.message,
      };
      intent.latest_charge = code === 'authentication_required' ? null : charge;
      this.emit('payment_intent.payment_failed', this.view(intent));
      throw new StripeApiError(402, {
        ...error.body,
        ...(intent.latest_charge ? { charge } : {}),
        payment_intent: this.view(intent),
      });
    };
    if (typeof behaviour === 'object') decline(behaviour.decline);
    if (behaviour === 'attach_then_decline') decline('generic_decline');
    const mustAuthenticate =
      behaviour === 'always_authenticate' ||
      (behaviour === 'authenticate_unless_set_up' && (!offSession || !method.setUp));
    if (mustAuthenticate) {
      // Off-session nobody can authenticate: the payment fails with authentication_required ("PaymentIntents: off_session").
      if (offSession) decline('authentication_required');
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk' };
      this.emit('payment_intent.requires_action', this.view(intent));
      return intent;
    }
    this.succeed(intent, method);
    return intent;
  }

  private succeed(intent: PaymentIntent, method: PaymentMethod): void {
    intent.status = 'succeeded';
    intent.next_action = null;
    intent.amount_received = intent.amount;
    intent.latest_charge = stripeId('ch');
    if (intent.setup_future_usage && intent.customer) {
      method.customer = intent.customer;
      method.setUp = true;
    }
    this.emit('payment_intent.succeeded', this.view(intent));
  }

  paymentIntent(id: string): PaymentIntent {
    const intent = this.paymentIntents.get(id);
    if (!intent) throw noSuch('payment_intent', id);
    return intent;
  }

  /** What the buyer does on the bank's 3-D Secure page (Stripe's test page: "Complete" or "Fail" authentication). */
  authenticate(id: string, outcome: 'complete' | 'fail'): PaymentIntent {
    const intent = this.paymentIntent(id);
    if (intent.status !== 'requires_action')
      throw invalidRequest(
        `This PaymentIntent's status is ${intent.status}; it is not waiting for authentication.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    const method = this.paymentMethods.get(intent.payment_method ?? '')!;
    if (outcome === 'complete') this.succeed(intent, method);
    else {
      intent.status = 'requires_payment_method';
      intent.next_action = null;
      intent.last_payment_error = {
        type: 'card_error',
        code: 'payment_intent_authentication_failure',
        message:
          'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      };
      this.emit('payment_intent.payment_failed', this.view(intent));
    }
    return intent;
  }

  /** `metadata['key']:'value'` terms joined by AND: the part of Stripe's search query language Outmerge uses. */
  search(query: string, visibleBefore: number): PaymentIntent[] {
    const terms = query.split(/\s+AND\s+/);
    const wanted: Array<[string, string]> = [];
    for (const term of terms) {
      const match = /^metadata\['([^']{1,40})'\]:'((?:[^'\\]|\\.){0,500})'$/.exec(term.trim());
      if (!match) throw invalidRequest(`Unsupported search query: ${term}`, 'query');
      wanted.push([match[1]!, match[2]!.replace(/\\(.)/g, '$1')]);
    }
    return [...this.paymentIntents.values()]
      .filter(
        (intent) =>
          intent.created * 1000 <= visibleBefore && wanted.every(([key, value]) => intent.metadata[key] === value),
      )
      .sort((a, b) => b.created - a.created);
  }

  createRefund(params: Params) {
    only(params, ['payment_intent', 'amount', 'reason', 'metadata', 'expand']);
    const id = str(params.payment_intent);
    if (!id) throw invalidRequest('Missing required param: payment_intent.', 'payment_intent');
    const intent = this.paymentIntents.get(id);
    if (!intent) throw noSuch('payment_intent', id, 'payment_intent');
    if (intent.status !== 'succeeded')
      throw invalidRequest(`This PaymentIntent (${id}) does not have a successful charge to refund.`, 'payment_intent');
    // Stripe's error codes: charge_already_refunded, "The charge you're attempting to refund has already been refunded."
    if (intent.amountRefunded >= intent.amount)
      throw invalidRequest(
        `Charge for PaymentIntent ${id} has already been refunded.`,
        undefined,
        'charge_already_refunded',
      );
    const left = intent.amount - intent.amountRefunded;
    const raw = str(params.amount);
    if (raw !== undefined && !/^\d{1,12}$/.test(raw)) throw invalidRequest('Invalid integer: amount', 'amount');
    const amount = raw === undefined ? left : Number(raw);
    if (amount <= 0 || amount > left)
      throw invalidRequest(`Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount');
    intent.amountRefunded += amount;
    const refund = {
      id: stripeId('re'),
      object: 'refund' as const,
      amount,
      currency: intent.currency,
      payment_intent: id,
      status: 'succeeded' as const,
      created: this.seconds(),
    };
    this.refunds.set(refund.id, refund);
    this.emit('refund.created', refund);
    return refund;
  }

  /** A PaymentIntent as the API shows it. */
  view(intent: PaymentIntent) {
    const { amountRefunded: _refunded, offSession: _off, ...visible } = intent;
    return { ...visible };
  }
}
