import type { Hono } from 'hono';
import { MAX_API_KEYS_PER_CLIENT } from '../../domain/client.js';
import { createApiKey } from '../../services/api-keys/create-api-key.js';
import { deleteApiKey } from '../../services/api-keys/delete-api-key.js';
import { listApiKeys } from '../../services/api-keys/list-api-keys.js';
import { createApiKeyBody, toApiKeyView, type ApiKeysView, type CreatedApiKeyView } from '../../wire/portal/api-keys.js';
import { requireRole } from './portal-auth.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

/** Codat's scheme: `Basic ` + base64 of the key itself (no `user:password` pair). */
const authorizationHeaderFor = (apiKey: string): string => `Basic ${Buffer.from(apiKey, 'utf8').toString('base64')}`;

/**
 * The API keys page: list, create (the key and its ready-made header answered once), revoke.
 * The same use-cases as Codat's `/apiKeys`, with the signed-in user's client as the actor; the
 * per-client limit (a 409 with its message) and revocation that sticks are theirs. The list is
 * bounded by that limit, so it needs no paging.
 */
export function registerApiKeysRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  api.get('/portal/api/api-keys', async (c) => {
    const keys = await listApiKeys(deps, c.get('actor'));
    return c.json({ results: keys.map(toApiKeyView), limit: MAX_API_KEYS_PER_CLIENT } satisfies ApiKeysView);
  });
  api.post('/portal/api/api-keys', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, createApiKeyBody);
    const created = await createApiKey(deps, c.get('actor'), { name: body.name });
    const view: CreatedApiKeyView = { key: toApiKeyView(created.key), apiKey: created.apiKey, authorizationHeader: authorizationHeaderFor(created.apiKey) };
    return c.json(view, 201);
  });
  api.delete('/portal/api/api-keys/:apiKeyId', async (c) => {
    requireRole(c, 'developer');
    await deleteApiKey(deps, c.get('actor'), c.req.param('apiKeyId'));
    return c.body(null, 204);
  });
}
