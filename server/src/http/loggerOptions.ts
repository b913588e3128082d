/**
 * Fastify's logger (pino) for a configuration: JSON lines in production, where a log collector
 * reads them; readable single lines in development through pino-pretty, the formatter pino's
 * authors maintain for this. pino-pretty runs in pino's worker thread, off the request path.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFormat'>): FastifyServerOptions['logger'] {
  if (config.logFormat === 'json') return { level: config.logLevel };
  return {
    level: config.logLevel,
    // The request line's message says it all; its fields stay for the JSON format.
    transport: {
      target: 'pino-pretty',
      options: {
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,reqId,method,url,statusCode,responseTimeMs',
        singleLine: true,
      },
    },
  };
}

/**
 * One log line per request, when it is answered (Fastify's own logging writes two, the first
 * before anything is known). Registered with a `LogController` whose `disableRequestLogging` is true.
 */
export function logEachRequest(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const responseTimeMs = Math.round(reply.elapsedTime);
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, responseTimeMs },
      `${request.method} ${request.url} → ${reply.statusCode} in ${responseTimeMs} ms`,
    );
  });
}
