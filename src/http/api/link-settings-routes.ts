import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Actor, ServiceDeps } from '../../services/deps.js';
import { getLinkSettings } from '../../services/link/get-link-settings.js';
import { updateLinkSettings } from '../../services/link/update-link-settings.js';
import { LinkSettingsInput, LinkSettingsSchema, toLinkSettingsOut } from '../../wire/codat/link-settings.js';
import type { HttpEnv } from '../env.js';
import { codatRoutes, errorResponses, json, jsonBody } from './route-helpers.js';

const route = codatRoutes(['Settings', 'Doorway extensions']);

/** Doorway extension in Codat's style: the Hosted Link settings of this client. */
export function registerLinkSettingsRoutes(api: OpenAPIHono<HttpEnv>): void {
  const view = async (deps: ServiceDeps, actor: Actor) => toLinkSettingsOut(await getLinkSettings(deps, actor.clientId));
  api.openapi(
    route({
      method: 'get', path: '/settings/link', operationId: 'get-link-settings', summary: 'Get Link settings (Doorway extension)',
      responses: { 200: json(LinkSettingsSchema, 'Link settings, defaults filled in'), ...errorResponses() },
    }),
    async (c) => c.json(await view(c.var.deps, c.get('actor')), 200),
  );
  api.openapi(
    route({
      method: 'put', path: '/settings/link', operationId: 'set-link-settings', summary: 'Set Link settings (Doorway extension)',
      description: 'Texts, branding, categories (enabled/optional/allowed platforms), landing page and sandbox visibility. Omitted fields take their defaults.',
      request: { body: jsonBody(LinkSettingsInput) },
      responses: { 200: json(LinkSettingsSchema, 'The stored settings'), ...errorResponses(400) },
    }),
    async (c) => c.json(toLinkSettingsOut(await updateLinkSettings(c.var.deps, c.get('actor'), c.req.valid('json') as never)), 200),
  );
}
