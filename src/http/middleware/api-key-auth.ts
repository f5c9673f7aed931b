import type { MiddlewareHandler } from 'hono';
import { authenticateApiKey } from '../../services/clients/authenticate-api-key.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { HttpEnv } from '../env.js';

/** `Authorization: Basic base64(apiKey)`, exactly as Codat; sets the tenant for the request. */
export function apiKeyAuth(deps: Pick<ServiceDeps, 'store'>): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    c.set('actor', await authenticateApiKey(deps, c.req.header('Authorization')));
    await next();
  };
}
