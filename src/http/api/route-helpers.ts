import { z } from '@hono/zod-openapi';
import { ErrorMessageSchema } from './wire-schemas.js';

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

export const SECURITY = [{ auth_header: [] }];

export const PagingQuery = z.object({
  page: z.coerce.number().int().min(1).optional().openapi({ example: 1, description: 'Page number (default 1).' }),
  pageSize: z.coerce.number().int().min(1).max(5000).optional().openapi({ example: 100, description: 'Items per page (default 100, max 5000).' }),
  query: z.string().max(2048).optional().openapi({ description: 'Codat query language, e.g. `name=Acme&&dataConnections.status=Linked`.' }),
  orderBy: z.string().max(64).optional().openapi({ example: '-created', description: 'Field to order by; prefix with - for descending.' }),
});

export const CompanyIdParam = z.object({
  companyId: z.string().openapi({ param: { name: 'companyId', in: 'path' }, example: '8a210b68-6988-11ed-a1eb-0242ac120002' }),
});

export const ConnectionIdParams = CompanyIdParam.extend({
  connectionId: z.string().openapi({ param: { name: 'connectionId', in: 'path' }, example: '2e9d2c44-f675-40ba-8049-353bfcb5e171' }),
});
