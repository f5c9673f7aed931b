import type { Context, Hono } from 'hono';
import { AppError } from '../../domain/errors.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import { createCompany } from '../../services/companies/create-company.js';
import { deleteCompany } from '../../services/companies/delete-company.js';
import { getCompanyOverview } from '../../services/companies/get-company-overview.js';
import { listCompanyEvents } from '../../services/companies/list-company-events.js';
import { searchCompanies, summarise } from '../../services/companies/search-companies.js';
import { updateCompany } from '../../services/companies/update-company.js';
import type { LinkDeps } from '../../services/link/link-deps.js';
import {
  createCompanyBody,
  portalCompanyRow,
  portalConnectionView,
  updateCompanyBody,
  type PortalCompanyDetail,
  type PortalCompanyEventPage,
  type PortalCompanyPage,
  type PortalCompanyRow,
} from '../../wire/portal/companies.js';
import { requireRole } from './portal-auth.js';
import { readPortalBody } from './portal-body.js';
import type { PortalContext } from './portal-context.js';
import type { PortalEnv } from './portal-env.js';

/** A provider's display name, or its key for one no longer configured. */
export const platformNames = (deps: LinkDeps) => (key: string) => deps.providers.get(key)?.name ?? key;

export function companyRowOf(deps: LinkDeps, found: CompanyWithConnections): PortalCompanyRow {
  return portalCompanyRow(found.company, found.connections, summarise(found.connections), deps.urls, platformNames(deps));
}

/**
 * The Companies and Company pages: the table (search, status filter, sort, page: all in SQL, in
 * `searchCompanies`), create, the company's detail with token health, edit, delete, and its event
 * history. The same use-cases as the public API, for the signed-in user's client.
 */
export function registerCompaniesRoutes(api: Hono<PortalEnv>, portal: PortalContext): void {
  const { deps } = portal;
  const names = platformNames(deps);

  api.get('/portal/api/companies', async (c) => {
    const result = await searchCompanies(deps, c.get('actor'), {
      search: c.req.query('search'),
      status: c.req.query('status'),
      sort: c.req.query('sort') || undefined,
      descending: directionOf(c.req.query('order')),
      page: integerQuery(c, 'page'),
      pageSize: integerQuery(c, 'pageSize'),
    });
    const body: PortalCompanyPage = {
      items: result.items.map((row) => portalCompanyRow(row.company, row.connections, row.summary, deps.urls, names)),
      total: result.total,
      page: result.page,
      pageSize: result.pageSize,
    };
    return c.json(body);
  });

  api.post('/portal/api/companies', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, createCompanyBody);
    const created = await createCompany(deps, c.get('actor'), { ...body, createdByUserName: c.get('staff').email });
    return c.json(companyRowOf(deps, created), 201);
  });

  api.get('/portal/api/companies/:companyId', async (c) => {
    const overview = await getCompanyOverview(deps, c.get('actor'), c.req.param('companyId'));
    const body: PortalCompanyDetail = {
      ...companyRowOf(deps, overview),
      modified: overview.company.modified,
      connections: overview.connections.map((connection) => ({
        ...portalConnectionView(connection, deps.urls, names),
        tokenHealth: overview.tokenHealth[connection.id] ?? null,
      })),
    };
    return c.json(body);
  });

  api.patch('/portal/api/companies/:companyId', async (c) => {
    requireRole(c, 'developer');
    const body = await readPortalBody(c, updateCompanyBody);
    const updated = await updateCompany(deps, c.get('actor'), c.req.param('companyId'), body);
    return c.json(companyRowOf(deps, updated));
  });

  api.delete('/portal/api/companies/:companyId', async (c) => {
    requireRole(c, 'developer');
    await deleteCompany(deps, c.get('actor'), c.req.param('companyId'));
    return c.body(null, 204);
  });

  api.get('/portal/api/companies/:companyId/events', async (c) => {
    const page = await listCompanyEvents(deps, c.get('actor'), c.req.param('companyId'), { page: integerQuery(c, 'page'), pageSize: integerQuery(c, 'pageSize') });
    const body: PortalCompanyEventPage = page;
    return c.json(body);
  });
}

/** `?page=2`: absent is undefined (the default); anything but digits is a clear 400. */
export function integerQuery(c: Context, name: string): number | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new AppError('BAD_REQUEST', `${name} must be a whole number.`);
  return Number(raw);
}

function directionOf(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'asc' || raw === 'desc') return raw === 'desc';
  throw new AppError('BAD_REQUEST', "order must be 'asc' or 'desc'.");
}
