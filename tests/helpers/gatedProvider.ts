/** The simulated payment provider with each charge held until the test lets it through: to act while a payment is under way. */
import { SimulatedPaymentProvider } from '../../server/src/billing/simulatedPaymentProvider.js';

export class GatedProvider extends SimulatedPaymentProvider {
  private waiting: Array<() => void> = [];
  charged = 0;

  override async charge(request: Parameters<SimulatedPaymentProvider['charge']>[0]) {
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.charged++;
    return super.charge(request);
  }

  /** Charges waiting to go through. */
  held(): number {
    return this.waiting.length;
  }

  release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
