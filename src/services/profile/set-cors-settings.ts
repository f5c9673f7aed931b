import { toIso } from '../../domain/clock.js';
import { AppError } from '../../domain/errors.js';
import { isWebOrigin, WEB_URL_RULE } from '../../domain/web-url.js';
import { requireClient } from '../clients/require-client.js';
import type { Actor, ServiceDeps } from '../deps.js';

export const MAX_CORS_ORIGINS = 50;

/** Origins allowed to call Doorway from a browser with a company access token (Embedded Link). */
export async function setCorsSettings(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: Actor, allowedOrigins: string[]): Promise<string[]> {
  if (allowedOrigins.length > MAX_CORS_ORIGINS) throw new AppError('BAD_REQUEST', `At most ${MAX_CORS_ORIGINS} allowed origins.`);
  const origins = allowedOrigins.map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new AppError('BAD_REQUEST', `allowedOrigins entry '${entry}' is not a URL.`);
    }
    if (!isWebOrigin(url)) throw new AppError('BAD_REQUEST', `allowedOrigins entry '${entry}' must be ${WEB_URL_RULE}.`);
    return url.origin;
  });
  return deps.store.transaction(async (tx) => {
    const client = await requireClient(tx, actor.clientId);
    const unique = [...new Set(origins)];
    await tx.clients.update({ ...client, corsAllowedOrigins: unique, modified: toIso(deps.clock.now()) });
    return unique;
  });
}
