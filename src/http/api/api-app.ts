import { OpenAPIHono } from '@hono/zod-openapi';
import type { ServiceDeps } from '../../services/deps.js';
import type { HttpEnv } from '../env.js';
import { apiKeyAuth } from '../middleware/api-key-auth.js';
import { rejectUnstorableText } from '../middleware/reject-unstorable-text.js';
import { idempotency } from '../middleware/idempotency.js';
import { requestBodyLimit } from '../middleware/request-body-limit.js';
import { errorEnvelope } from './api-errors.js';
import { registerIdempotencyKeyParameter } from './route-helpers.js';
import { registerCompanyRoutes } from './companies-routes.js';
import { registerConnectionRoutes } from './connections-routes.js';
import { registerIntegrationRoutes } from './integrations-routes.js';
import { registerLinkSettingsRoutes } from './link-settings-routes.js';
import { registerSettingsRoutes } from './settings-routes.js';
import { registerWebhookConsumerRoutes } from './webhook-consumers-routes.js';
import { registerWebhookDeliveryRoutes } from './webhook-delivery-routes.js';
import type { WireContext } from '../../wire/codat/wire-context.js';

export interface ApiAppOptions {
  deps: ServiceDeps;
  wire: WireContext;
  maxBodyBytes: number;
  /** Fault injection (tests only): runs after a POST with an Idempotency-Key committed, before its answer. */
  afterIdempotentCommit?: (() => void) | undefined;
}

/**
 * The Codat Platform API surface. Its routes live at the root (`/companies`, `/profile`, …), so
 * its API-key check covers every path the other surfaces do not claim: it must be mounted last.
 *
 * It sets no onError/notFound of its own on purpose: Hono wraps every handler of a sub-app that
 * has one, a cost on each API request. The root app answers with this surface's responders
 * instead (`respondWithApiError`), which is also the answer for paths no surface claims.
 */
export function createApiApp(options: ApiAppOptions): OpenAPIHono<HttpEnv> {
  const { deps, wire, maxBodyBytes } = options;
  const api = new OpenAPIHono<HttpEnv>({
    // zod failures on params, query or body become Codat's 400 envelope with one item per issue.
    defaultHook: (result, c) => {
      if (result.success) return;
      const validation = result.error.issues.map((issue) => ({
        itemId: issue.path.join('.') || null,
        message: issue.message,
        validatorName: result.target,
      }));
      const summary = validation.map((v) => (v.itemId ? `${v.itemId}: ${v.message}` : v.message)).join('; ');
      return c.json(errorEnvelope(400, `Invalid ${result.target}: ${summary}`, c.get('correlationId'), validation), 400);
    },
  });

  api.use(
    '*',
    requestBodyLimit(maxBodyBytes, (c) => c.json(errorEnvelope(413, `Request body exceeds ${maxBodyBytes} bytes.`, c.get('correlationId')), 413)),
  );
  api.use('*', apiKeyAuth(deps));
  api.use('*', rejectUnstorableText());
  api.use('*', idempotency(deps, { afterCommit: options.afterIdempotentCommit }));

  api.openAPIRegistry.registerComponent('securitySchemes', 'auth_header', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: 'Basic base64(apiKey), exactly as Codat: `Authorization: Basic <base64 of the key>`.',
  });
  registerIdempotencyKeyParameter(api.openAPIRegistry);
  registerCompanyRoutes(api, wire);
  registerConnectionRoutes(api, wire);
  registerIntegrationRoutes(api, wire);
  registerSettingsRoutes(api);
  registerWebhookConsumerRoutes(api);
  registerLinkSettingsRoutes(api);
  registerWebhookDeliveryRoutes(api);
  return api;
}

/** The OpenAPI 3.1 document of the API surface, from the routes its registry holds. */
export function describeApi(api: OpenAPIHono<HttpEnv>, options: { version: string; publicUrl: string }) {
  return api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Doorway',
      version: options.version,
      description:
        'A self-hosted, Codat-compatible Platform API. Code written for `@codat/platform` works by changing only `serverURL`. Operations tagged "Doorway extensions" are not part of Codat\'s API.',
    },
    servers: [{ url: options.publicUrl }],
  });
}
