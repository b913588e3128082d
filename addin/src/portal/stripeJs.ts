/**
 * The portal's only contact with Stripe.js (PAYMENT_PROVIDER=stripe). Stripe requires the script
 * to come from https://js.stripe.com ("Including Stripe.js": never bundled or self-hosted), so it
 * is added as a script tag on first use rather than imported; the CSP allows it on the portal only
 * (server/src/http/pageHeaders.ts). Card numbers stay inside Stripe's frame: the portal gets a
 * PaymentMethod id (`pm_…`) and sends only that to Outmerge.
 *
 * Not testable here (no network to js.stripe.com): the server side of every step is tested
 * against the Stripe stand-in, which plays this script's 3-D Secure step with its control route.
 */

/** The part of Stripe.js's API the portal uses (docs.stripe.com/js). */
interface StripeCardElement {
  mount(element: HTMLElement): void;
  destroy(): void;
}
interface StripeJs {
  elements(options?: { locale?: string }): {
    create(type: 'card', options?: { hidePostalCode?: boolean }): StripeCardElement;
  };
  createPaymentMethod(options: {
    type: 'card';
    card: StripeCardElement;
  }): Promise<{ paymentMethod?: { id: string }; error?: { message?: string } }>;
  handleNextAction(options: { clientSecret: string }): Promise<{ error?: { message?: string } }>;
}
declare global {
  interface Window {
    Stripe?: (publishableKey: string) => StripeJs;
  }
}

const SCRIPT = 'https://js.stripe.com/v3/';
const instances = new Map<string, Promise<StripeJs>>();

export function loadStripe(publishableKey: string): Promise<StripeJs> {
  let instance = instances.get(publishableKey);
  if (!instance) {
    instance = new Promise<StripeJs>((resolve, reject) => {
      const ready = () =>
        window.Stripe ? resolve(window.Stripe(publishableKey)) : reject(new Error('Stripe.js did not load.'));
      if (window.Stripe) return ready();
      const script = document.createElement('script');
      script.src = SCRIPT;
      script.async = true;
      script.onload = ready;
      script.onerror = () => reject(new Error('Stripe.js could not be loaded. Check your connection and try again.'));
      document.head.appendChild(script);
    });
    instances.set(publishableKey, instance);
  }
  return instance;
}

/** A card field in Stripe's frame, mounted into `element`; `paymentMethod()` turns what was typed into a PaymentMethod id. */
export async function mountCardField(
  publishableKey: string,
  element: HTMLElement,
  locale: string,
): Promise<{ paymentMethod(): Promise<string>; destroy(): void }> {
  const stripe = await loadStripe(publishableKey);
  const card = stripe.elements({ locale }).create('card', { hidePostalCode: true });
  card.mount(element);
  return {
    async paymentMethod() {
      const result = await stripe.createPaymentMethod({ type: 'card', card });
      if (!result.paymentMethod) throw new Error(result.error?.message ?? 'The card could not be read.');
      return result.paymentMethod.id;
    },
    destroy: () => card.destroy(),
  };
}

/** 3-D Secure: Stripe.js shows the bank's page for the payment; the server then reads the outcome from Stripe, never from here. */
export async function authenticatePayment(publishableKey: string, clientSecret: string): Promise<void> {
  const stripe = await loadStripe(publishableKey);
  const result = await stripe.handleNextAction({ clientSecret });
  if (result.error) throw new Error(result.error.message ?? 'The payment was not confirmed with your bank.');
}
