/**
 * Sends what a charging call decided: its status (201 paid, 202 waiting for the bank, 402
 * declined, or a replay's first answer) and its body, serialised through the route's schema for
 * that status, so a stored answer cannot carry more than the route documents.
 */
import type { FastifyReply } from 'fastify';

export function sendOutcome(reply: FastifyReply, outcome: { statusCode: number; body: unknown }): FastifyReply {
  return reply.code(outcome.statusCode).send(outcome.body);
}
