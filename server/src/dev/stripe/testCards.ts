/**
 * Stripe's test PaymentMethods the stand-in knows ("Testing", docs.stripe.com/testing: "When
 * writing test code, use a PaymentMethod such as pm_card_visa instead of a card number"). Each
 * use of one of these ids makes a new PaymentMethod with its own `pm_…` id, as in Stripe's test
 * mode; the card's behaviour comes from the number Stripe documents for it.
 */
export type CardBehaviour =
  /** Every payment and setup succeeds. */
  | 'succeeds'
  /** Declined with `card_declined` and the given decline code, at setup and at payment. */
  | { decline: 'generic_decline' | 'insufficient_funds' | 'expired_card' }
  /** 4000 0000 0000 0341: "Attaching this card to a Customer object succeeds, but attempts to charge the customer fail." */
  | 'attach_then_decline'
  /** 4000 0027 6000 3184: authentication on all transactions; off-session payments fail with authentication_required. */
  | 'always_authenticate'
  /** 4000 0025 0000 3155: authentication unless set up for future payments; once set up, off-session payments succeed. */
  | 'authenticate_unless_set_up';

export interface TestCard {
  number: string;
  brand: 'visa' | 'mastercard';
  behaviour: CardBehaviour;
}

export const TEST_PAYMENT_METHODS: Readonly<Record<string, TestCard>> = {
  pm_card_visa: { number: '4242424242424242', brand: 'visa', behaviour: 'succeeds' },
  pm_card_mastercard: { number: '5555555555554444', brand: 'mastercard', behaviour: 'succeeds' },
  pm_card_chargeDeclined: { number: '4000000000000002', brand: 'visa', behaviour: { decline: 'generic_decline' } },
  pm_card_chargeDeclinedInsufficientFunds: {
    number: '4000000000009995',
    brand: 'visa',
    behaviour: { decline: 'insufficient_funds' },
  },
  pm_card_chargeDeclinedExpiredCard: {
    number: '4000000000000069',
    brand: 'visa',
    behaviour: { decline: 'expired_card' },
  },
  pm_card_chargeCustomerFail: { number: '4000000000000341', brand: 'visa', behaviour: 'attach_then_decline' },
  pm_card_authenticationRequired: { number: '4000002760003184', brand: 'visa', behaviour: 'always_authenticate' },
  pm_card_authenticationRequiredOnSetup: {
    number: '4000002500003155',
    brand: 'visa',
    behaviour: 'authenticate_unless_set_up',
  },
};
