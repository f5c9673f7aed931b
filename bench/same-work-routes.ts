import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { newId } from '../src/domain/ids.js';
import type { CompanyJoinRow, CompanyRow, ConnectionRow, SameWorkStatements } from './same-work-sql.js';

/**
 * The minimal same-work references: for each API operation the benchmark measures, a route that
 * does only that operation's essential work with Doorway's own stack (Hono on @hono/node-server,
 * the API key found by its SHA-256 behind the same 5-second lookup cache, Doorway's SQL as
 * prepared better-sqlite3 / `pg` statements on the same database, zod for the body, and the same
 * JSON out). Whatever Doorway spends above these is its own overhead, not its stack's limit.
 * Paths match Doorway's, so the load targets differ only in their base URL.
 */

export interface IntegrationNames {
  /** Doorway's provider registry, resolved once; Doorway's mapper does the same map lookup per connection. */
  get(integrationKey: string): { integrationId: string; sourceId: string; name: string } | undefined;
}

export interface SameWorkOptions {
  statements: SameWorkStatements;
  /** The public base URL Doorway mints its Link URLs from. */
  publicUrl: string;
  integrations: IntegrationNames;
  /** Doorway's DOORWAY_API_KEY_CACHE_SECONDS in the bench config. */
  apiKeyCacheMs: number;
}

const Body = z.object({
  name: z.string().min(1),
  description: z.string().max(4000).nullable().optional(),
  // Codat's tag limits, as Doorway enforces them: at most 10, keys 1–27, values ≤ 100.
  tags: z
    .record(z.string().min(1).max(27), z.string().max(100))
    .refine((tags) => Object.keys(tags).length <= 10)
    .nullable()
    .optional(),
});

const DEFAULT_PAGE_SIZE = 100;

export function createSameWorkApp(options: SameWorkOptions): Hono {
  const { statements, publicUrl } = options;
  const authenticate = apiKeyAuthenticator(statements, options.apiKeyCacheMs);
  const app = new Hono();
  app.get('/bare', (c) => c.json({ hello: 'world' }));

  app.get('/companies/:id', async (c) => {
    const clientId = await authenticate(c.req.header('authorization'));
    if (!clientId) return unauthorized(c);
    const rows = await statements.companyWithConnections(clientId, c.req.param('id'));
    const first = rows[0];
    if (!first) return c.json({ statusCode: 404, error: 'Not Found' }, 404);
    const connections = rows.filter((row) => row.connection_id !== null).map(connectionPart);
    return c.json(companyOut(options, first, connections), 200);
  });

  app.post('/companies', async (c) => {
    const clientId = await authenticate(c.req.header('authorization'));
    if (!clientId) return unauthorized(c);
    const parsed = Body.safeParse(await c.req.json().catch(() => undefined));
    const name = parsed.success ? parsed.data.name.replace(/[^A-Za-z0-9\s\-',&@.?!]/g, '').replace(/\s+/g, ' ').trim() : '';
    if (!parsed.success || name.length === 0 || name.length > 500) return c.json({ statusCode: 400, error: 'Bad Request' }, 400);
    const now = new Date().toISOString();
    const tags = parsed.data.tags ?? {};
    const company: CompanyRow = {
      id: newId(), client_id: clientId, name, description: parsed.data.description ?? null, tags: JSON.stringify(tags),
      created: now, modified: now, last_sync: null, created_by_user_name: null,
    };
    const body = companyOut(options, company, []);
    // The outbox event's body, rendered once as Doorway's publisher does: the company without its connections.
    const { dataConnections: _omitted, ...payload } = body;
    const eventId = newId();
    await statements.insertCompany({
      company,
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
      event: { id: eventId, eventType: 'company.created', body: JSON.stringify({ id: eventId, eventType: 'company.created', generatedDate: now, payload }) },
    });
    return c.json(body, 200);
  });

  // Only the two merchant-id lookups the benchmark measures: `query=name=…` and `tags=<key>=…`.
  app.get('/companies', async (c) => {
    const clientId = await authenticate(c.req.header('authorization'));
    if (!clientId) return unauthorized(c);
    const query = c.req.query('query');
    const tagFilter = c.req.query('tags');
    const page = Number(c.req.query('page') ?? 1);
    const pageSize = Number(c.req.query('pageSize') ?? DEFAULT_PAGE_SIZE);
    const [field, value] = splitEquality(query ?? tagFilter);
    if (page !== 1 || pageSize !== DEFAULT_PAGE_SIZE || value === undefined || (query !== undefined && field !== 'name')) {
      return c.json({ statusCode: 400, error: 'Bad Request', message: 'same-work reference: page 1 of name= or tags=key= only' }, 400);
    }
    const companies = query !== undefined ? await statements.companiesByName(clientId, value) : await statements.companiesByTag(clientId, field, value);
    if (companies.length > 1) throw new Error('same-work reference: a merchant-id lookup found several companies');
    // As Doorway: the connections of the page's companies in one more read (one company: by its index).
    const connections = companies[0] ? await statements.connectionsOfCompany(clientId, companies[0].id) : [];
    const total = companies.length;
    const search = new URL(c.req.url).searchParams;
    return c.json(
      {
        results: companies.map((company) => companyOut(options, company, connections)),
        pageNumber: page,
        pageSize,
        totalResults: total,
        _links: pageLinks(search, page, pageSize, total),
      },
      200,
    );
  });
  return app;
}

/** `Authorization: Basic base64(key)` → SHA-256 → cached client id, else one indexed lookup. */
function apiKeyAuthenticator(statements: SameWorkStatements, ttlMs: number) {
  const cache = new Map<string, { clientId: string; expiresAt: number }>();
  return async (header: string | undefined): Promise<string | undefined> => {
    const match = header && /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
    if (!match?.[1]) return undefined;
    const keyHash = createHash('sha256').update(Buffer.from(match[1], 'base64').toString('utf8'), 'utf8').digest('base64url');
    const cached = cache.get(keyHash);
    if (cached && cached.expiresAt > Date.now()) return cached.clientId;
    const clientId = await statements.clientIdByKeyHash(keyHash);
    if (clientId !== undefined) cache.set(keyHash, { clientId, expiresAt: Date.now() + ttlMs });
    return clientId;
  };
}

const unauthorized = (c: Context) => c.json({ statusCode: 401, error: 'Unauthorized' }, 401);

function splitEquality(filter: string | undefined): [string, string | undefined] {
  const eq = filter?.indexOf('=') ?? -1;
  if (!filter || eq <= 0 || filter.includes('&&') || filter.includes('||') || filter[eq - 1] === '!') return ['', undefined];
  return [filter.slice(0, eq), filter.slice(eq + 1)];
}

function connectionPart(row: CompanyJoinRow): ConnectionRow {
  return {
    id: row.connection_id!, company_id: row.connection_company_id!, integration_key: row.connection_integration_key!,
    source_type: row.connection_source_type!, status: row.connection_status!, created: row.connection_created!,
    last_sync: row.connection_last_sync, connection_info: row.connection_connection_info,
    data_connection_errors: row.connection_data_connection_errors!,
  };
}

/** Doorway's Codat company shape, key for key (dataConnectionErrors are empty in the seeded data). */
function companyOut(options: SameWorkOptions, company: CompanyRow, connections: ConnectionRow[]) {
  return {
    id: company.id,
    name: company.name,
    ...(company.description !== null ? { description: company.description } : {}),
    platform: '',
    redirect: `${options.publicUrl}/link/company/${company.id}`,
    ...(company.last_sync ? { lastSync: company.last_sync } : {}),
    created: company.created,
    createdByUserName: company.created_by_user_name,
    products: [],
    tags: JSON.parse(company.tags) as Record<string, string>,
    referenceSubsidiaryCompanies: [],
    dataConnections: connections.map((connection) => {
      const integration = options.integrations.get(connection.integration_key);
      return {
        id: connection.id,
        integrationId: integration?.integrationId ?? '',
        integrationKey: connection.integration_key,
        sourceId: integration?.sourceId ?? '',
        sourceType: connection.source_type,
        platformName: integration?.name ?? connection.integration_key,
        linkUrl: `${options.publicUrl}/link/companies/${connection.company_id}/connections/${connection.id}/start`,
        status: connection.status,
        ...(connection.last_sync ? { lastSync: connection.last_sync } : {}),
        created: connection.created,
        dataConnectionErrors: JSON.parse(connection.data_connection_errors) as unknown[],
        connectionInfo: connection.connection_info === null ? null : (JSON.parse(connection.connection_info) as unknown),
      };
    }),
  };
}

function pageLinks(search: URLSearchParams, page: number, pageSize: number, total: number) {
  const href = (pageNumber: number) => {
    const params = new URLSearchParams(search);
    params.set('page', String(pageNumber));
    params.set('pageSize', String(pageSize));
    return { href: `/companies?${params.toString()}` };
  };
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return { self: { href: '/companies' }, current: href(page), ...(page < lastPage ? { next: href(page + 1) } : {}), ...(page > 1 ? { previous: href(page - 1) } : {}) };
}
