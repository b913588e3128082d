import { Type } from 'typebox';
import type { Api } from './schemas.js';

export function registerHealthRoutes(app: Api): void {
  app.get('/healthz', { schema: { summary: 'Liveness', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } }, async () => ({ status: 'ok' as const }));
}
