import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApiKey } from '../../services/api-keys/create-api-key.js';
import { deleteApiKey } from '../../services/api-keys/delete-api-key.js';
import { listApiKeys } from '../../services/api-keys/list-api-keys.js';
import { getProfile } from '../../services/profile/get-profile.js';
import { setCorsSettings } from '../../services/profile/set-cors-settings.js';
import { updateProfile } from '../../services/profile/update-profile.js';
import { ApiKeyIdParam } from '../../wire/codat/params.js';
import {
  ApiKeyDetailsSchema,
  ApiKeysSchema,
  CorsBody,
  CorsSettingsSchema,
  CreateApiKeyBody,
  ProfileBody,
  ProfileSchema,
  toApiKeyOut,
  toCorsSettingsOut,
  toProfileOut,
} from '../../wire/codat/settings.js';
import type { HttpEnv } from '../env.js';
import { codatRoutes, deleteById, errorResponses, json, jsonBody } from './route-helpers.js';

const route = codatRoutes(['Settings']);

export function registerSettingsRoutes(api: OpenAPIHono<HttpEnv>): void {
  api.openapi(
    route({
      method: 'get', path: '/apiKeys', operationId: 'list-api-keys', summary: 'List API keys',
      description: 'Keys are stored hashed: listings show only the last four characters.',
      responses: { 200: json(ApiKeysSchema, 'API keys'), ...errorResponses() },
    }),
    async (c) => c.json({ results: (await listApiKeys(c.var.deps, c.get('actor'))).map((key) => toApiKeyOut(key)) }, 200),
  );
  api.openapi(
    route({
      method: 'post', path: '/apiKeys', operationId: 'create-api-key', summary: 'Create API key',
      description: 'The key is in this response only. At most 10 keys (409).',
      request: { body: { required: false, content: { 'application/json': { schema: CreateApiKeyBody } } } },
      responses: { 201: json(ApiKeyDetailsSchema, 'The new key, shown once'), ...errorResponses(400, 409) },
    }),
    async (c) => {
      const { key, apiKey } = await createApiKey(c.var.deps, c.get('actor'), { name: c.req.valid('json')?.name });
      return c.json(toApiKeyOut(key, apiKey), 201);
    },
  );
  api.openapi(
    route(deleteById({ path: '/apiKeys/{apiKeyId}', operationId: 'delete-api-key', summary: 'Delete API key', params: ApiKeyIdParam })),
    async (c) => {
      await deleteApiKey(c.var.deps, c.get('actor'), c.req.valid('param').apiKeyId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    route({
      method: 'get', path: '/profile', operationId: 'get-profile', summary: 'Get profile',
      responses: { 200: json(ProfileSchema, 'Profile'), ...errorResponses() },
    }),
    async (c) => c.json(toProfileOut(await getProfile(c.var.deps, c.get('actor'))), 200),
  );
  api.openapi(
    route({
      method: 'put', path: '/profile', operationId: 'update-profile', summary: 'Update profile',
      description: '`redirectUrl` is where Hosted Link sends the SMB at the end; `{placeholders}` are filled in. `whiteListUrls` lists the allowed resolved redirect URLs/hosts.',
      request: { body: jsonBody(ProfileBody) },
      responses: { 200: json(ProfileSchema, 'Profile'), ...errorResponses(400) },
    }),
    async (c) => c.json(toProfileOut(await updateProfile(c.var.deps, c.get('actor'), c.req.valid('json'))), 200),
  );

  for (const [path, suffix] of [['/corsSettings', ''], ['/connectionManagement/corsSettings', '-deprecated']] as const) {
    api.openapi(
      route({
        method: 'get', path, operationId: `get-cors-settings${suffix}`, summary: 'Get CORS settings',
        responses: { 200: json(CorsSettingsSchema, 'Allowed origins'), ...errorResponses() },
      }),
      async (c) => c.json(toCorsSettingsOut((await getProfile(c.var.deps, c.get('actor'))).corsAllowedOrigins), 200),
    );
    api.openapi(
      route({
        method: 'post', path, operationId: `set-cors-settings${suffix}`, summary: 'Set CORS settings',
        request: { body: jsonBody(CorsBody) },
        responses: { 200: json(CorsSettingsSchema, 'Allowed origins'), ...errorResponses(400) },
      }),
      async (c) => c.json(toCorsSettingsOut(await setCorsSettings(c.var.deps, c.get('actor'), c.req.valid('json').allowedOrigins ?? [])), 200),
    );
  }
}
