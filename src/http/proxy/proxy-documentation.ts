import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorMessageSchema } from '../../wire/codat/errors.js';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ErrorMessageSchema } } });

const DESCRIPTION = [
  "Forwards the request to the platform's own API for a Linked connection: the platform's `api.baseUrl`, then `{path}`, then the query string, with the platform's fixed `api.headers` and the connection's credentials as the platform takes them: an OAuth access token in `api.tokenHeader` after `api.tokenScheme` (by default `Authorization: Bearer …`; Shopify's bare `X-Shopify-Access-Token`, Zoho's `Zoho-oauthtoken`), plus the OAuth app's client id in `api.clientIdHeader` (MYOB); form credentials as HTTP Basic from the fields `api.basicAuth` names (WooCommerce). These headers replace any of the same name the client sends. The platform's answer (status, headers, body) comes back verbatim and streamed, both ways.",
  '',
  "Not forwarded: the client's `Authorization`, `Host`, `Cookie`, `Expect`, `Forwarded`/`X-Forwarded-*`, `X-Correlation-Id`, `Doorway-Retries` and hop-by-hop headers (`Connection` and those it names, `Keep-Alive`, `Proxy-Authorization`, `Proxy-Connection`, `TE`, `Trailer`, `Transfer-Encoding`, `Upgrade`). Not returned: hop-by-hop headers and `Set-Cookie`. An `Idempotency-Key` is the platform's: Doorway forwards it and keeps no record of it.",
  '',
  '`{path}` must stay below the base URL: `.`/`..` segments (however encoded), backslashes, encoded slashes (`%2F`, `%5C`), control characters, a leading `/` or an absolute URL are refused with 400.',
  '',
  "A 401 from the platform makes Doorway refresh the connection's token and send the request once more, when the body can be replayed (none, or a declared `Content-Length` up to 1 MB; a larger or chunked body streams through once and is never retried).",
  '',
  "Connections holding form credentials (API keys) are proxied only when the platform declares how to send them (`api.basicAuth`, or `api.headers` filled from the form's non-secret fields); otherwise 409. Doorway's own errors are in Codat's `ErrorMessage` envelope: 400, 401, 404, 409, 502 (platform unreachable, or its address not allowed), 504 (no response headers within `PROXY_TIMEOUT_MS`).",
].join('\n');

const params = z.object({
  companyId: z.uuid().openapi({ description: 'Unique identifier for a company.' }),
  connectionId: z.uuid().openapi({ description: 'Unique identifier for a connection.' }),
  path: z.string().openapi({ description: "The path below the platform's API base URL, e.g. `api.xro/2.0/Invoices`." }),
});

const headers = z.object({
  'Doorway-Retries': z
    .string()
    .regex(/^[0-3]$/)
    .optional()
    .openapi({
      description:
        'Optional, 0–3 (default 0). For GET, HEAD, OPTIONS, PUT and DELETE with a replayable body: retry a 429 or 5xx answer up to this many times, waiting as the `Retry-After` header says (seconds or an HTTP date; an answer asking for more than 10 s is returned as is), else 250 ms doubling. Not forwarded.',
    }),
});

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The proxy in the one OpenAPI document, as a Doorway extension (its sub-app routes it outside zod-openapi). */
export function registerProxyDocumentation(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const method of METHODS) {
    registry.registerPath({
      method,
      path: '/companies/{companyId}/connections/{connectionId}/proxy/{path}',
      operationId: `proxy-${method}`,
      tags: ['Connections', 'Doorway extensions'],
      summary: `Proxy a ${method.toUpperCase()} request to the platform's API`,
      description: DESCRIPTION,
      security: [{ auth_header: [] }],
      request: { params, headers },
      responses: {
        default: { description: "The platform's answer, passed through verbatim." },
        400: error('The proxied path or `Doorway-Retries` is not allowed.'),
        401: error('Missing or invalid API key.'),
        404: error('Unknown company or connection.'),
        409: error('The connection is not Linked, holds no OAuth token, or lacks the connectionInfo its platform API address needs.'),
        502: error('The platform could not be reached, or its address is not allowed.'),
        504: error('The platform did not answer within PROXY_TIMEOUT_MS.'),
      },
    });
  }
}
