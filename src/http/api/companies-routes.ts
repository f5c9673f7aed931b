import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { createCompany } from '../../services/companies/create-company.js';
import { deleteCompany } from '../../services/companies/delete-company.js';
import { getCompany } from '../../services/companies/get-company.js';
import { getCompanyAccessToken } from '../../services/companies/get-company-access-token.js';
import { listCompanies } from '../../services/companies/list-companies.js';
import { replaceCompany } from '../../services/companies/replace-company.js';
import { updateCompany } from '../../services/companies/update-company.js';
import type { ServiceDeps } from '../../services/deps.js';
import type { HttpEnv } from '../env.js';
import { pagingLinks, toCompanyOut } from './mappers.js';
import { CompanyIdParam, errorResponses, json, jsonBody, PagingQuery, SECURITY } from './route-helpers.js';
import type { WireContext } from './wire-context.js';
import { CompaniesSchema, CompanyAccessTokenSchema, CompanySchema } from './wire-schemas.js';

const Tags = z.record(z.string(), z.string()).openapi({ example: { uid: 'merchant-123' }, description: 'At most 10 tags; keys 1–27 chars, values ≤ 100.' });

const CompanyRequestBody = z
  .object({
    name: z.string().min(1).openapi({ example: 'Bank of Dave', description: 'Characters outside letters, digits, spaces and - \' , & @ . ? ! are stripped.' }),
    description: z.string().nullable().optional(),
    tags: Tags.nullable().optional(),
  })
  .openapi('CompanyRequestBody');

const CompanyUpdateRequest = z
  .object({ name: z.string().min(1).nullable().optional(), description: z.string().nullable().optional(), tags: Tags.nullable().optional() })
  .openapi('CompanyUpdateRequest');

const ListCompaniesQuery = PagingQuery.extend({
  tags: z.string().max(2048).optional().openapi({ example: 'uid=merchant-123', description: 'Tag filter: `key=value`, `!=`, `~`, joined with && / ||.' }),
});

const TAG = ['Companies'];

export function registerCompanyRoutes(api: OpenAPIHono<HttpEnv>, deps: ServiceDeps, wire: WireContext): void {
  api.openapi(
    createRoute({
      method: 'get', path: '/companies', operationId: 'list-companies', tags: TAG, security: SECURITY,
      summary: 'List companies',
      description: 'Finding an existing customer by your own id is one indexed lookup: `query=name=M-123` or `tags=uid=M-123`.',
      request: { query: ListCompaniesQuery },
      responses: { 200: json(CompaniesSchema, 'A page of companies'), ...errorResponses(400) },
    }),
    async (c) => {
      const input = c.req.valid('query');
      const result = await listCompanies(deps, c.get('actor'), input);
      const search = new URL(c.req.url).searchParams;
      return c.json(
        {
          results: result.items.map((view) => toCompanyOut(wire, view)),
          pageNumber: result.page,
          pageSize: result.pageSize,
          totalResults: result.total,
          _links: pagingLinks('/companies', search, result.page, result.pageSize, result.total),
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: 'post', path: '/companies', operationId: 'create-company', tags: TAG, security: SECURITY,
      summary: 'Create company',
      description: 'Returns 200 (as Codat does) with `redirect`, the company\'s Hosted Link URL.',
      request: { body: jsonBody(CompanyRequestBody) },
      responses: { 200: json(CompanySchema, 'The new company'), ...errorResponses(400) },
    }),
    async (c) => c.json(toCompanyOut(wire, await createCompany(deps, c.get('actor'), c.req.valid('json'))), 200),
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/companies/{companyId}', operationId: 'get-company', tags: TAG, security: SECURITY,
      summary: 'Get company',
      request: { params: CompanyIdParam },
      responses: { 200: json(CompanySchema, 'The company'), ...errorResponses(404) },
    }),
    async (c) => c.json(toCompanyOut(wire, await getCompany(deps, c.get('actor'), c.req.valid('param').companyId)), 200),
  );

  api.openapi(
    createRoute({
      method: 'put', path: '/companies/{companyId}', operationId: 'replace-company', tags: TAG, security: SECURITY,
      summary: 'Replace company', description: 'Overwrites name, description and tags; omitted values are cleared.',
      request: { params: CompanyIdParam, body: jsonBody(CompanyRequestBody) },
      responses: { 200: json(CompanySchema, 'The updated company'), ...errorResponses(400, 404) },
    }),
    async (c) =>
      c.json(toCompanyOut(wire, await replaceCompany(deps, c.get('actor'), c.req.valid('param').companyId, c.req.valid('json'))), 200),
  );

  api.openapi(
    createRoute({
      method: 'patch', path: '/companies/{companyId}', operationId: 'update-company', tags: TAG, security: SECURITY,
      summary: 'Update company', description: 'Absent or null fields are left unchanged; `tags: {}` removes all tags.',
      request: { params: CompanyIdParam, body: jsonBody(CompanyUpdateRequest) },
      responses: { 200: json(CompanySchema, 'The updated company'), ...errorResponses(400, 404) },
    }),
    async (c) =>
      c.json(toCompanyOut(wire, await updateCompany(deps, c.get('actor'), c.req.valid('param').companyId, c.req.valid('json'))), 200),
  );

  api.openapi(
    createRoute({
      method: 'delete', path: '/companies/{companyId}', operationId: 'delete-company', tags: TAG, security: SECURITY,
      summary: 'Delete company', description: 'Permanently deletes the company and its connections.',
      request: { params: CompanyIdParam },
      responses: { 204: { description: 'Deleted' }, ...errorResponses(404) },
    }),
    async (c) => {
      await deleteCompany(deps, c.get('actor'), c.req.valid('param').companyId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get', path: '/companies/{companyId}/accessToken', operationId: 'get-company-access-token', tags: TAG, security: SECURITY,
      summary: 'Get company access token', description: 'A one-day bearer token for this company only, for Embedded Link.',
      request: { params: CompanyIdParam },
      responses: { 200: json(CompanyAccessTokenSchema, 'The token'), ...errorResponses(404) },
    }),
    async (c) => c.json(await getCompanyAccessToken(deps, c.get('actor'), c.req.valid('param').companyId), 200),
  );
}
