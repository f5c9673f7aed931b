import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  ChoosePlatformBodySchema,
  ConnectionReplySchema,
  CredentialsBodySchema,
  CredentialsReplySchema,
  InviteBodySchema,
  InviteReplySchema,
  LinkErrorSchema,
  LinkEventBodySchema,
  LinkStateSchema,
  NextReplySchema,
  RedirectReplySchema,
} from '../../wire/link/link-api-schemas.js';

/**
 * The Link UI's JSON API as OpenAPI route definitions, with the contract's schemas from
 * src/wire/link. The Link surface serves them (link-api.ts); the one OpenAPI document, built by
 * the API surface, lists them through `registerLinkApiDocumentation`, tagged as internal because
 * only Doorway's own Link UI calls them.
 */
export const LINK_API_TAG = 'Link UI (internal)';
export const LINK_API_BASE = '/link/api';

/** The two halves of the Link API's authentication, for the document's securitySchemes. */
export const LINK_API_SECURITY_SCHEMES = {
  link_session: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: "The page's link session id, from the bootstrap data. Accepted only with the browser cookie that opened the session.",
  },
  link_browser: { type: 'apiKey', in: 'cookie', name: 'dw_browser', description: 'HttpOnly, SameSite=Lax cookie naming this browser.' },
} as const;

const security = [{ link_session: [], link_browser: [] }];
const tags = [LINK_API_TAG];

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const errors = {
  400: json(LinkErrorSchema, 'The form or request is not valid; `message` is shown to the user.'),
  403: json(LinkErrorSchema, 'No session, an expired one, or one that belongs to another browser.'),
  404: json(LinkErrorSchema, 'Unknown connection or invitation.'),
  409: json(LinkErrorSchema, 'The connection or session is not in a state that allows this step.'),
  429: json(LinkErrorSchema, 'Too many requests.'),
};

const ConnectionIdParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
const ClientSlugParams = z.object({ clientSlug: z.string().openapi({ param: { name: 'clientSlug', in: 'path' } }) });

const route = <const P extends string>(method: 'get' | 'post', path: P, summary: string) =>
  ({ method, path: `${LINK_API_BASE}${path}` as `${typeof LINK_API_BASE}${P}`, summary, tags, security, operationId: `link-ui-${method}-${path.replace(/[{}]/g, '').replace(/\W+/g, '-').replace(/^-|-$/g, '')}` }) as const;

export const getStateRoute = createRoute({
  ...route('get', '/state', "The session's company, branding, texts, categories and connections"),
  responses: { 200: json(LinkStateSchema, 'The Link state'), ...errors },
});

export const postEventRoute = createRoute({
  ...route('post', '/events', 'Record a step of the journey (category or platform chosen)'),
  request: { body: body(LinkEventBodySchema) },
  responses: { 204: { description: 'Recorded' }, ...errors },
});

export const createConnectionRoute = createRoute({
  ...route('post', '/connections', 'Start a connection to the chosen platform'),
  request: { body: body(ChoosePlatformBodySchema) },
  responses: { 200: json(ConnectionReplySchema, 'The new (or resumed) connection'), ...errors },
});

/** An operation on one connection, named by its id, with no body. */
const onConnection = <const P extends string, S extends z.ZodTypeAny>(method: 'get' | 'post', path: P, summary: string, reply: S, description: string) =>
  createRoute({ ...route(method, `/connections/{id}${path}`, summary), request: { params: ConnectionIdParams }, responses: { 200: json(reply, description), ...errors } });

const AFTER_CONSENT = 'Leave for the platform, or show the credentials form';
export const getConnectionRoute = onConnection('get', '', 'One connection of this company', ConnectionReplySchema, 'The connection');
export const consentRoute = onConnection('post', '/consent', 'Consent to share data: what comes next', NextReplySchema, AFTER_CONSENT);
export const reconnectRoute = onConnection('post', '/reconnect', 'Authorize an existing connection again: what comes next', NextReplySchema, AFTER_CONSENT);
export const disconnectRoute = onConnection('post', '/disconnect', 'Disconnect a connection', ConnectionReplySchema, 'The unlinked connection');

export const credentialsRoute = createRoute({
  ...route('post', '/connections/{id}/credentials', 'Submit the credentials form'),
  request: { params: ConnectionIdParams, body: body(CredentialsBodySchema) },
  responses: { 200: json(CredentialsReplySchema, 'The connection, and a redirect when the platform needs one'), ...errors },
});

export const completeRoute = createRoute({
  ...route('post', '/complete', 'Finish the flow'),
  responses: { 200: json(RedirectReplySchema, "Where to send the browser: the client's redirect or the done page"), ...errors },
});

export const exitRoute = createRoute({
  ...route('post', '/exit', 'Leave the flow'),
  responses: { 200: json(RedirectReplySchema, "Where to send the browser: the client's redirect or the done page"), ...errors },
});

export const inviteRoute = createRoute({
  ...route('post', '/invite/{clientSlug}', 'Create the company of an Invite URL visit'),
  request: { params: ClientSlugParams, body: body(InviteBodySchema) },
  responses: { 200: json(InviteReplySchema, "The new company's Link page"), ...errors },
});

export const LINK_API_ROUTES = [
  getStateRoute,
  postEventRoute,
  createConnectionRoute,
  getConnectionRoute,
  consentRoute,
  reconnectRoute,
  credentialsRoute,
  disconnectRoute,
  completeRoute,
  exitRoute,
  inviteRoute,
] as const;

/** Adds the Link API's operations and security schemes to an OpenAPI document's registry. */
export function registerLinkApiDocumentation(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const [name, scheme] of Object.entries(LINK_API_SECURITY_SCHEMES)) registry.registerComponent('securitySchemes', name, scheme);
  for (const route of LINK_API_ROUTES) registry.registerPath(route);
}
