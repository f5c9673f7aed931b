import { createRoute, type OpenAPIHono, type RouteConfig, type z } from '@hono/zod-openapi';
import { ErrorMessageSchema } from '../../wire/codat/errors.js';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request was invalid (bad body, parameter or query).',
  401: 'Missing or invalid API key.',
  404: 'Unknown id (or one belonging to another client).',
  409: 'The request conflicts with the current state.',
  413: 'Request body too large.',
  422: 'The Idempotency-Key was already used with a different request.',
  429: 'Too many requests.',
};

/** The error responses an operation documents, all in Codat's `ErrorMessage` envelope. */
export function errorResponses(...statuses: number[]) {
  const responses: Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorMessageSchema } } }> = {};
  for (const status of [...statuses, 401]) {
    responses[status] = { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/json': { schema: ErrorMessageSchema } } };
  }
  return responses;
}

export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

interface ByIdConfig<P extends z.ZodObject> {
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The path parameters that name the resource. */
  params: P;
}

/** GET of one resource named by its path: its JSON with 200, or 404 for an unknown id. */
export function getById<P extends z.ZodObject, S extends z.ZodTypeAny>(config: ByIdConfig<P> & { schema: S; found: string }) {
  const { params, schema, found, ...rest } = config;
  return { method: 'get' as const, ...rest, request: { params }, responses: { 200: json(schema, found), ...errorResponses(404) } };
}

/** DELETE of one resource named by its path: 204 with no body, or 404 for an unknown id. */
export function deleteById<P extends z.ZodObject>(config: ByIdConfig<P>) {
  const { params, ...rest } = config;
  return { method: 'delete' as const, ...rest, request: { params }, responses: { 204: { description: 'Deleted' }, ...errorResponses(404) } };
}

/** Every operation of the API surface takes the API key (the `auth_header` scheme). */
const SECURITY = [{ auth_header: [] }];

/** The shared `Idempotency-Key` header parameter, referenced by every POST (see codatRoutes). */
export function registerIdempotencyKeyParameter(registry: OpenAPIHono['openAPIRegistry']): void {
  registry.registerComponent('parameters', 'IdempotencyKey', {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Makes a retry safe (Stripe\'s convention; IETF draft-ietf-httpapi-idempotency-key-header). A retry with the same key and body ' +
      'within 24 hours gets the first answer (status and body, with `Idempotent-Replayed: true`) without a second write or webhook; ' +
      'the same key with another body is a 422, and a retry while the first request still runs a 409. Keys are per client; ' +
      'a failed request (4xx/5xx) frees its key. 1–255 visible ASCII characters, e.g. a UUID.',
    schema: { type: 'string', minLength: 1, maxLength: 255 },
  });
}
const IDEMPOTENCY_KEY = { $ref: '#/components/parameters/IdempotencyKey' };

type OperationConfig = Omit<RouteConfig, 'path' | 'tags' | 'security'> & { path: string; operationId: string };

/**
 * The defaults of one route file's operations, stated once: its OpenAPI tags and the API-key
 * security, and on every POST the `Idempotency-Key` header (409 and 422 documented with it; the
 * header is read by middleware/idempotency.ts, not by the route's validators). Tags and security
 * land right after `operationId`, where the document has them.
 */
export function codatRoutes(tags: string[]) {
  return <R extends OperationConfig>(config: R) => {
    const { method, path, operationId, ...rest } = config;
    const route = { method, path, operationId, tags, security: SECURITY, ...rest } as R & { tags: string[]; security: typeof SECURITY };
    if (method === 'post') Object.assign(route, { parameters: [IDEMPOTENCY_KEY], responses: { ...errorResponses(409, 422), ...rest.responses } });
    return createRoute(route);
  };
}
