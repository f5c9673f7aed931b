import type { OpenAPIHono } from '@hono/zod-openapi';
import { createConnection } from '../../services/connections/create-connection.js';
import { deleteConnection } from '../../services/connections/delete-connection.js';
import { getConnection } from '../../services/connections/get-connection.js';
import { listConnections } from '../../services/connections/list-connections.js';
import { unlinkConnection } from '../../services/connections/unlink-connection.js';
import { updateConnectionAuthorization } from '../../services/connections/update-connection-authorization.js';
import { getUsableConnection } from '../../services/connections/get-usable-connection.js';
import { AccessTokenQuery, ConnectionAccessTokenSchema, toConnectionAccessTokenOut } from '../../wire/codat/connection-access-token.js';
import {
  AuthorizationBody,
  ConnectionSchema,
  ConnectionsSchema,
  CreateConnectionBody,
  toConnectionOut,
  UpdateConnectionStatus,
} from '../../wire/codat/connections.js';
import { PagingQuery, toPageOut } from '../../wire/codat/paging.js';
import { CompanyIdParam, ConnectionIdParams } from '../../wire/codat/params.js';
import type { WireContext } from '../../wire/codat/wire-context.js';
import type { HttpEnv } from '../env.js';
import { codatRoutes, errorResponses, getById, json, jsonBody } from './route-helpers.js';

const route = codatRoutes(['Connections']);
const extensionRoute = codatRoutes(['Connections', 'Doorway extensions']);

export function registerConnectionRoutes(api: OpenAPIHono<HttpEnv>, wire: WireContext): void {
  api.openapi(
    route({
      method: 'get', path: '/companies/{companyId}/connections', operationId: 'list-connections',
      summary: 'List connections',
      request: { params: CompanyIdParam, query: PagingQuery },
      responses: { 200: json(ConnectionsSchema, 'A page of connections'), ...errorResponses(400, 404) },
    }),
    async (c) => {
      const { companyId } = c.req.valid('param');
      const result = await listConnections(c.var.deps, c.get('actor'), companyId, c.req.valid('query'));
      const path = `/companies/${companyId}/connections`;
      return c.json(toPageOut(result, (connection) => toConnectionOut(wire, connection), path, new URL(c.req.url).searchParams), 200);
    },
  );

  api.openapi(
    route({
      method: 'post', path: '/companies/{companyId}/connections', operationId: 'create-connection',
      summary: 'Create connection',
      description: 'Creates a PendingAuth connection; its `linkUrl` leads straight to the platform\'s authorization. 409 if the company already has a Linked accounting connection.',
      request: { params: CompanyIdParam, body: jsonBody(CreateConnectionBody) },
      responses: { 200: json(ConnectionSchema, 'The new connection'), ...errorResponses(400, 404, 409) },
    }),
    async (c) =>
      c.json(toConnectionOut(wire, await createConnection(c.var.deps, c.get('actor'), c.req.valid('param').companyId, c.req.valid('json').platformKey)), 200),
  );

  api.openapi(
    route(
      getById({
        path: '/companies/{companyId}/connections/{connectionId}', operationId: 'get-connection',
        summary: 'Get connection', params: ConnectionIdParams, schema: ConnectionSchema, found: 'The connection',
      }),
    ),
    async (c) => {
      const { companyId, connectionId } = c.req.valid('param');
      return c.json(toConnectionOut(wire, await getConnection(c.var.deps, c.get('actor'), companyId, connectionId)), 200);
    },
  );

  api.openapi(
    route({
      method: 'delete', path: '/companies/{companyId}/connections/{connectionId}', operationId: 'delete-connection',
      summary: 'Delete connection', description: 'Irreversible. Returns 200 with no body, as Codat does.',
      request: { params: ConnectionIdParams },
      responses: { 200: { description: 'Deleted' }, ...errorResponses(404) },
    }),
    async (c) => {
      const { companyId, connectionId } = c.req.valid('param');
      await deleteConnection(c.var.deps, c.get('actor'), companyId, connectionId);
      return c.body(null, 200);
    },
  );

  api.openapi(
    route({
      method: 'patch', path: '/companies/{companyId}/connections/{connectionId}', operationId: 'unlink-connection',
      summary: 'Unlink connection', description: 'Only `{"status":"Unlinked"}` on a Linked connection is accepted (400 for other statuses, 409 for other current states).',
      request: { params: ConnectionIdParams, body: jsonBody(UpdateConnectionStatus) },
      responses: { 200: json(ConnectionSchema, 'The unlinked connection'), ...errorResponses(400, 404, 409) },
    }),
    async (c) => {
      const { companyId, connectionId } = c.req.valid('param');
      const connection = await unlinkConnection(c.var.deps, c.get('actor'), companyId, connectionId, c.req.valid('json').status);
      return c.json(toConnectionOut(wire, connection), 200);
    },
  );

  api.openapi(
    route({
      method: 'put', path: '/companies/{companyId}/connections/{connectionId}/authorization', operationId: 'update-connection-authorization',
      summary: 'Update authorization', description: 'Stores the given credentials (encrypted at rest) and marks the connection Linked.',
      request: { params: ConnectionIdParams, body: jsonBody(AuthorizationBody) },
      responses: { 200: json(ConnectionSchema, 'The linked connection'), ...errorResponses(400, 404, 409) },
    }),
    async (c) => {
      const { companyId, connectionId } = c.req.valid('param');
      const connection = await updateConnectionAuthorization(c.var.deps, c.get('actor'), companyId, connectionId, c.req.valid('json'));
      return c.json(toConnectionOut(wire, connection), 200);
    },
  );

  api.openapi(
    extensionRoute({
      method: 'get', path: '/companies/{companyId}/connections/{connectionId}/accessToken', operationId: 'get-connection-access-token',
      summary: 'Get connection access token (Doorway extension)',
      description:
        'What the client needs to call the platform itself for a Linked connection. An OAuth connection answers `{accessToken, tokenType, expiresAt, scopes, connectionInfo}`: ' +
        'a token valid for at least the platform\'s refresh margin (Doorway refreshes it first when it is due, or when `forceRefresh=true`; concurrent calls share one refresh). ' +
        'A connection linked through a credentials form answers `{fields, connectionInfo}`: the values the business entered. Never a refresh token. ' +
        '409 when the connection is not Linked (the message says its status and, when Deauthorized, since when and why), including when a refresh finds the grant revoked.',
      request: { params: ConnectionIdParams, query: AccessTokenQuery },
      responses: { 200: json(ConnectionAccessTokenSchema, 'The credentials to use now'), ...errorResponses(400, 404, 409) },
    }),
    async (c) => {
      const { companyId, connectionId } = c.req.valid('param');
      const usable = await getUsableConnection(c.var.deps, c.get('actor'), companyId, connectionId, { forceRefresh: c.req.valid('query').forceRefresh === 'true' });
      return c.json(toConnectionAccessTokenOut(usable), 200);
    },
  );
}
