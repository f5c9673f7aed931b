import type { OpenAPIHono } from '@hono/zod-openapi';
import { createCompany } from '../../services/companies/create-company.js';
import { deleteCompany } from '../../services/companies/delete-company.js';
import { getCompany } from '../../services/companies/get-company.js';
import { getCompanyAccessToken } from '../../services/companies/get-company-access-token.js';
import { listCompanies } from '../../services/companies/list-companies.js';
import { revokeCompanyAccessTokens } from '../../services/companies/revoke-company-access-tokens.js';
import { replaceCompany } from '../../services/companies/replace-company.js';
import { updateCompany } from '../../services/companies/update-company.js';
import {
  CompaniesSchema,
  CompanyAccessTokenSchema,
  CompanyRequestBody,
  CompanySchema,
  CompanyUpdateRequest,
  ListCompaniesQuery,
  toCompanyOut,
} from '../../wire/codat/companies.js';
import { toPageOut } from '../../wire/codat/paging.js';
import { CompanyIdParam } from '../../wire/codat/params.js';
import type { WireContext } from '../../wire/codat/wire-context.js';
import type { HttpEnv } from '../env.js';
import { codatRoutes, deleteById, errorResponses, getById, json, jsonBody } from './route-helpers.js';

const route = codatRoutes(['Companies']);
const extensionRoute = codatRoutes(['Companies', 'Doorway extensions']);
/** PUT and PATCH answer alike: the updated company, 400 for a bad body, 404 for an unknown id. */
const updatedCompany = { 200: json(CompanySchema, 'The updated company'), ...errorResponses(400, 404) };

export function registerCompanyRoutes(api: OpenAPIHono<HttpEnv>, wire: WireContext): void {
  api.openapi(
    route({
      method: 'get', path: '/companies', operationId: 'list-companies',
      summary: 'List companies',
      description: 'Finding an existing customer by your own id is one indexed lookup: `query=name=M-123` or `tags=uid=M-123`.',
      request: { query: ListCompaniesQuery },
      responses: { 200: json(CompaniesSchema, 'A page of companies'), ...errorResponses(400) },
    }),
    async (c) => {
      const input = c.req.valid('query');
      const result = await listCompanies(c.var.deps, c.get('actor'), input);
      return c.json(toPageOut(result, (view) => toCompanyOut(wire, view), '/companies', new URL(c.req.url).searchParams), 200);
    },
  );

  api.openapi(
    route({
      method: 'post', path: '/companies', operationId: 'create-company',
      summary: 'Create company',
      description: 'Returns 200 (as Codat does) with `redirect`, the company\'s Hosted Link URL.',
      request: { body: jsonBody(CompanyRequestBody) },
      responses: { 200: json(CompanySchema, 'The new company'), ...errorResponses(400) },
    }),
    async (c) => c.json(toCompanyOut(wire, await createCompany(c.var.deps, c.get('actor'), c.req.valid('json'))), 200),
  );

  api.openapi(
    route(getById({ path: '/companies/{companyId}', operationId: 'get-company', summary: 'Get company', params: CompanyIdParam, schema: CompanySchema, found: 'The company' })),
    async (c) => c.json(toCompanyOut(wire, await getCompany(c.var.deps, c.get('actor'), c.req.valid('param').companyId)), 200),
  );

  api.openapi(
    route({
      method: 'put', path: '/companies/{companyId}', operationId: 'replace-company',
      summary: 'Replace company', description: 'Overwrites name, description and tags; omitted values are cleared.',
      request: { params: CompanyIdParam, body: jsonBody(CompanyRequestBody) },
      responses: updatedCompany,
    }),
    async (c) =>
      c.json(toCompanyOut(wire, await replaceCompany(c.var.deps, c.get('actor'), c.req.valid('param').companyId, c.req.valid('json'))), 200),
  );

  api.openapi(
    route({
      method: 'patch', path: '/companies/{companyId}', operationId: 'update-company',
      summary: 'Update company', description: 'Absent or null fields are left unchanged; `tags: {}` removes all tags.',
      request: { params: CompanyIdParam, body: jsonBody(CompanyUpdateRequest) },
      responses: updatedCompany,
    }),
    async (c) =>
      c.json(toCompanyOut(wire, await updateCompany(c.var.deps, c.get('actor'), c.req.valid('param').companyId, c.req.valid('json'))), 200),
  );

  api.openapi(
    route(
      deleteById({
        path: '/companies/{companyId}', operationId: 'delete-company',
        summary: 'Delete company', description: 'Permanently deletes the company and its connections.',
        params: CompanyIdParam,
      }),
    ),
    async (c) => {
      await deleteCompany(c.var.deps, c.get('actor'), c.req.valid('param').companyId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    route(
      getById({
        path: '/companies/{companyId}/accessToken', operationId: 'get-company-access-token',
        summary: 'Get company access token', description: 'A one-day bearer token for this company only, for Embedded Link.',
        params: CompanyIdParam, schema: CompanyAccessTokenSchema, found: 'The token',
      }),
    ),
    async (c) => c.json(await getCompanyAccessToken(c.var.deps, c.get('actor'), c.req.valid('param').companyId), 200),
  );

  const revoke = deleteById({
    path: '/companies/{companyId}/accessToken', operationId: 'revoke-company-access-tokens',
    summary: 'Revoke company access tokens (Doorway extension)',
    description: 'Every access token issued for this company so far is refused from now on (Embedded Link answers 401); tokens fetched afterwards work.',
    params: CompanyIdParam,
  });
  api.openapi(
    extensionRoute({ ...revoke, responses: { ...revoke.responses, 204: { description: 'Revoked' } } }),
    async (c) => {
      await revokeCompanyAccessTokens(c.var.deps, c.get('actor'), c.req.valid('param').companyId);
      return c.body(null, 204);
    },
  );
}
