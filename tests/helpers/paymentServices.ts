/** The payment services of a test server built again over its database with another provider (gated, failing), clock or refunding operators. */
import { createPaymentServices } from '../../server/src/billing/paymentServices.js';
import type { PaymentProvider } from '../../server/src/billing/paymentProvider.js';
import type { TestServer } from './testServer.js';

export function paymentServices(
  server: TestServer,
  provider: PaymentProvider,
  options: { clock?: () => number; leaseMs?: number; operators?: readonly string[] } = {},
) {
  const { config, uow, outbox } = server.services;
  const payments = {
    ...config.payments,
    claimLeaseMs: options.leaseMs ?? config.payments.claimLeaseMs,
    operators: [...(options.operators ?? config.payments.operators)],
  };
  return createPaymentServices({
    uow,
    provider,
    outbox,
    config: { ...config, payments },
    clock: options.clock ?? Date.now,
  });
}
