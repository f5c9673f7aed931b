import type { OpenAPIHono } from '@hono/zod-openapi';
import { getIntegration } from '../../services/integrations/get-integration.js';
import { listIntegrations } from '../../services/integrations/list-integrations.js';
import { updateIntegrationSettings } from '../../services/integrations/update-integration-settings.js';
import {
  BrandingSchema,
  IntegrationSchema,
  IntegrationSettingsBody,
  IntegrationSettingsSchema,
  IntegrationsSchema,
  toBrandingOut,
  toIntegrationOut,
  toIntegrationSettingsOut,
} from '../../wire/codat/integrations.js';
import { PagingQuery, toPageOut } from '../../wire/codat/paging.js';
import { PlatformKeyParam } from '../../wire/codat/params.js';
import type { WireContext } from '../../wire/codat/wire-context.js';
import type { HttpEnv } from '../env.js';
import { codatRoutes, errorResponses, getById, json, jsonBody } from './route-helpers.js';

const route = codatRoutes(['Integrations']);
const extensionRoute = codatRoutes(['Integrations', 'Doorway extensions']);

export function registerIntegrationRoutes(api: OpenAPIHono<HttpEnv>, wire: WireContext): void {
  api.openapi(
    route({
      method: 'get', path: '/integrations', operationId: 'list-integrations',
      summary: 'List integrations', description: 'Filter e.g. `query=sourceType=Accounting&&enabled=true`.',
      request: { query: PagingQuery },
      responses: { 200: json(IntegrationsSchema, 'A page of integrations'), ...errorResponses(400) },
    }),
    async (c) => {
      const result = await listIntegrations(c.var.deps, c.get('actor'), c.req.valid('query'));
      return c.json(toPageOut(result, (view) => toIntegrationOut(wire, view), '/integrations', new URL(c.req.url).searchParams), 200);
    },
  );

  api.openapi(
    route(getById({ path: '/integrations/{platformKey}', operationId: 'get-integration', summary: 'Get integration', params: PlatformKeyParam, schema: IntegrationSchema, found: 'The integration' })),
    async (c) => c.json(toIntegrationOut(wire, await getIntegration(c.var.deps, c.get('actor'), c.req.valid('param').platformKey)), 200),
  );

  api.openapi(
    route(
      getById({
        path: '/integrations/{platformKey}/branding', operationId: 'get-integrations-branding',
        summary: 'Get branding', params: PlatformKeyParam, schema: BrandingSchema, found: 'Logos and buttons',
      }),
    ),
    async (c) => c.json(toBrandingOut(wire, await getIntegration(c.var.deps, c.get('actor'), c.req.valid('param').platformKey)), 200),
  );

  api.openapi(
    extensionRoute(
      getById({
        path: '/integrations/{platformKey}/settings', operationId: 'get-integration-settings',
        summary: 'Get integration settings (Doorway extension)',
        params: PlatformKeyParam, schema: IntegrationSettingsSchema, found: 'This client\'s settings for the platform',
      }),
    ),
    async (c) => c.json(toIntegrationSettingsOut(wire, await getIntegration(c.var.deps, c.get('actor'), c.req.valid('param').platformKey)), 200),
  );

  api.openapi(
    extensionRoute({
      method: 'put', path: '/integrations/{platformKey}/settings', operationId: 'set-integration-settings',
      summary: 'Set integration settings (Doorway extension)',
      description: 'Enable or disable a platform for this client and set its OAuth app (client id, secret, scopes). Enabling an OAuth2 platform needs a client id and secret.',
      request: { params: PlatformKeyParam, body: jsonBody(IntegrationSettingsBody) },
      responses: { 200: json(IntegrationSettingsSchema, 'The stored settings'), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const view = await updateIntegrationSettings(c.var.deps, c.get('actor'), c.req.valid('param').platformKey, c.req.valid('json'));
      return c.json(toIntegrationSettingsOut(wire, view), 200);
    },
  );
}
