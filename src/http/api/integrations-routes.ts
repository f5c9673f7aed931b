import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../services/deps.js';
import { getIntegration } from '../../services/integrations/get-integration.js';
import { listIntegrations } from '../../services/integrations/list-integrations.js';
import { updateIntegrationSettings } from '../../services/integrations/update-integration-settings.js';
import type { HttpEnv } from '../env.js';
import { pagingLinks, toBrandingOut, toIntegrationOut, toIntegrationSettingsOut } from './mappers.js';
import { errorResponses, json, jsonBody, PagingQuery, SECURITY } from './route-helpers.js';
import type { WireContext } from './wire-context.js';
import { BrandingSchema, IntegrationSchema, IntegrationSettingsSchema, IntegrationsSchema } from './wire-schemas.js';

const PlatformKeyParam = z.object({ platformKey: z.string().openapi({ param: { name: 'platformKey', in: 'path' }, example: 'gbol' }) });

const IntegrationSettingsBody = z
  .object({
    enabled: z.boolean(),
    clientId: z.string().min(1).max(500).nullable().optional().openapi({ description: "The OAuth app's client id; omit to keep." }),
    clientSecret: z.string().min(1).max(2000).nullable().optional().openapi({ description: 'Stored encrypted; never returned. Omit to keep, null to remove.' }),
    scopes: z.array(z.string().min(1).max(200)).max(100).nullable().optional().openapi({ description: "null restores the provider's defaults." }),
  })
  .openapi('IntegrationSettingsRequest');

const TAG = ['Integrations'];

export function registerIntegrationRoutes(api: OpenAPIHono<HttpEnv>, deps: ServiceDeps, wire: WireContext): void {
  api.openapi(
    createRoute({
      method: 'get', path: '/integrations', operationId: 'list-integrations', tags: TAG, security: SECURITY,
      summary: 'List integrations', description: 'Filter e.g. `query=sourceType=Accounting&&enabled=true`.',
      request: { query: PagingQuery },
      responses: { 200: json(IntegrationsSchema, 'A page of integrations'), ...errorResponses(400) },
    }),
    async (c) => {
      const result = await listIntegrations(deps, c.get('actor'), c.req.valid('query'));
      return c.json(
        {
          results: result.items.map((view) => toIntegrationOut(wire, view)),
          pageNumber: result.page,
          pageSize: result.pageSize,
          totalResults: result.total,
          _links: pagingLinks('/integrations', new URL(c.req.url).searchParams, result.page, result.pageSize, result.total),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/integrations/{platformKey}', operationId: 'get-integration', tags: TAG, security: SECURITY,
      summary: 'Get integration',
      request: { params: PlatformKeyParam },
      responses: { 200: json(IntegrationSchema, 'The integration'), ...errorResponses(404) },
    }),
    async (c) => c.json(toIntegrationOut(wire, await getIntegration(deps, c.get('actor'), c.req.valid('param').platformKey)), 200),
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/integrations/{platformKey}/branding', operationId: 'get-integrations-branding', tags: TAG, security: SECURITY,
      summary: 'Get branding',
      request: { params: PlatformKeyParam },
      responses: { 200: json(BrandingSchema, 'Logos and buttons'), ...errorResponses(404) },
    }),
    async (c) => c.json(toBrandingOut(wire, await getIntegration(deps, c.get('actor'), c.req.valid('param').platformKey)), 200),
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/integrations/{platformKey}/settings', operationId: 'get-integration-settings', tags: [...TAG, 'Doorway extensions'],
      security: SECURITY,
      summary: 'Get integration settings (Doorway extension)',
      request: { params: PlatformKeyParam },
      responses: { 200: json(IntegrationSettingsSchema, 'This client\'s settings for the platform'), ...errorResponses(404) },
    }),
    async (c) => c.json(toIntegrationSettingsOut(wire, await getIntegration(deps, c.get('actor'), c.req.valid('param').platformKey)), 200),
  );

  api.openapi(
    createRoute({
      method: 'put', path: '/integrations/{platformKey}/settings', operationId: 'set-integration-settings', tags: [...TAG, 'Doorway extensions'],
      security: SECURITY,
      summary: 'Set integration settings (Doorway extension)',
      description: 'Enable or disable a platform for this client and set its OAuth app (client id, secret, scopes). Enabling an OAuth2 platform needs a client id and secret.',
      request: { params: PlatformKeyParam, body: jsonBody(IntegrationSettingsBody) },
      responses: { 200: json(IntegrationSettingsSchema, 'The stored settings'), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const view = await updateIntegrationSettings(deps, c.get('actor'), c.req.valid('param').platformKey, c.req.valid('json'));
      return c.json(toIntegrationSettingsOut(wire, view), 200);
    },
  );
}
