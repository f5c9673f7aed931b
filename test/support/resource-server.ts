import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A platform's API as a resource server: a real HTTP server on 127.0.0.1 that answers only bearer
 * tokens its authorization server says are active (issued there, unexpired, not revoked), so a
 * 200 proves Doorway presented a token that really works. It reports one organisation, which a
 * test may switch (the business signing in to other books):
 * - `GET /connections` → `[{ tenantId, tenantName }]` (Xero's shape, for `connectionInfoRequest`);
 * - `GET /api/organisation` → `{ tenantId, tenantName, requestedTenant }`, where `requestedTenant`
 *   echoes the `Xero-tenant-id` header the caller sent.
 */
export interface ResourceServer {
  url: string;
  /** The organisation the server reports now. */
  organisation: { tenantId: string; tenantName: string };
  /** Every request: path, headers, and whether its token was accepted. */
  requests: { path: string; headers: IncomingHttpHeaders; accepted: boolean }[];
  close(): Promise<void>;
}

export interface ResourceServerOptions {
  /** Whether the authorization server considers `token` active (e.g. OidcServer.accessTokenIsActive). */
  isActive(token: string): Promise<boolean>;
  organisation?: { tenantId: string; tenantName: string };
}

export async function startResourceServer(options: ResourceServerOptions): Promise<ResourceServer> {
  const requests: ResourceServer['requests'] = [];
  const organisation = { ...(options.organisation ?? { tenantId: 'tenant-1', tenantName: 'Books One' }) };
  const server = createServer((request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const path = new URL(request.url ?? '/', 'http://resource.test').pathname;
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    request.resume();
    void (token ? options.isActive(token) : Promise.resolve(false))
      .then((accepted) => {
        requests.push({ path, headers: request.headers, accepted });
        if (!accepted) return answer(401, { error: 'invalid_token' });
        if (request.method === 'GET' && path === '/connections') return answer(200, [{ ...organisation }]);
        if (request.method === 'GET' && path === '/api/organisation') return answer(200, { ...organisation, requestedTenant: request.headers['xero-tenant-id'] ?? null });
        return answer(404, { error: 'not_found' });
      })
      .catch((error: unknown) => answer(500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    organisation,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
