/** The local outbox page's data: the emails the delivery job "sent" into the local outbox, when no SMTP server is set. Development only. */
import type { FastifyInstance } from 'fastify';
import type { UnitOfWork } from '../storage/unitOfWork.js';
import { assertDevelopment } from './assertDevelopment.js';

export function registerOutboxRoutes(app: FastifyInstance, uow: UnitOfWork): void {
  assertDevelopment('The outbox page');
  app.get('/dev/outbox/messages', { schema: { hide: true } }, async () => uow.read.outbox.listSent(500));
}
