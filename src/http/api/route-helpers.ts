import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi';
import { ErrorMessageSchema } from '../../wire/codat/errors.js';

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request was invalid (bad body, parameter or query).',
  401: 'Missing or invalid API key.',
  404: 'Unknown id (or one belonging to another client).',
  409: 'The request conflicts with the current state.',
  413: 'Request body too large.',
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


/** Every operation of the API surface takes the API key (the `auth_header` scheme). */
const SECURITY = [{ auth_header: [] }];

type OperationConfig = Omit<RouteConfig, 'path' | 'tags' | 'security'> & { path: string; operationId: string };

/**
 * The defaults of one route file's operations, stated once: its OpenAPI tags and the API-key
 * security. Tags and security land right after `operationId`, where the document has them.
 */
export function codatRoutes(tags: string[]) {
  return <R extends OperationConfig>(config: R) => {
    const { method, path, operationId, ...rest } = config;
    return createRoute({ method, path, operationId, tags, security: SECURITY, ...rest } as R & { tags: string[]; security: typeof SECURITY });
  };
}
