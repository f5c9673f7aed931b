import { Hono } from 'hono';
import { CONNECTION_STATUSES } from '../src/domain/connection.js';
import { searchCompanies } from '../src/services/companies/search-companies.js';
import { foldForSearch } from '../src/domain/company-search.js';
import { answerParent } from './child-process.js';
import { createObservedProcess } from './cpu-profile.js';
import { startBenchDoorway, type BenchDoorway } from './doorway.js';
import { listen, type Listening } from './listen.js';
import { openPortalSameWork, PAGE_SIZE, type PortalSameWork, type SameWorkPage } from './portal-companies-same-work.js';
import { merchantUid, seedCompanies } from './seed-companies.js';
import { signInBenchViewer } from './portal-sign-in.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/**
 * Child-process entry of the Portal Companies benchmark: the real Doorway on a database seeded
 * with the settings' companies (two tags each; a quarter Linked, a tenth PendingAuth, 2 %
 * Deauthorized, 1 % Unlinked, the rest without connections), and beside it on a second port of
 * the same process `/bare`, `/service/companies` (Hono calling the `searchCompanies` use-case
 * directly, for the signed-in client) and `/same-work/companies` (the same page by hand-written
 * SQL, portal-companies-same-work.ts). Both answer the same JSON, which the parent compares. The
 * real Portal route, `/portal/api/companies`, is measured on Doorway's port with a signed-in
 * viewer's session cookie.
 */

export type PortalBenchRequest =
  | { op: 'start'; dialect: BenchDialect; settings: BenchSettings; id: number }
  | { op: 'cpu'; id: number }
  | { op: 'profile-start'; id: number }
  | { op: 'profile-stop'; file: string; id: number }
  | { op: 'close'; id: number };

export interface PortalBenchReady {
  doorwayUrl: string;
  referenceUrl: string;
  /** The Cookie header of a signed-in viewer: the real Portal route's requests carry it. */
  portalCookie: string;
  companies: number;
  connections: number;
  seedMs: number;
}

const REGIONS = ['north', 'south', 'east', 'west'];

/** The seeded shape: which status (if any) company `i`'s one connection has. */
export function seededStatus(i: number): (typeof CONNECTION_STATUSES)[number] | undefined {
  if (i % 4 === 0) return 'Linked';
  if (i % 10 === 1) return 'PendingAuth';
  if (i % 50 === 3) return 'Deauthorized';
  if (i % 100 === 7) return 'Unlinked';
  return undefined;
}

let doorway: BenchDoorway | undefined;
let reference: Listening | undefined;
let sameWork: PortalSameWork | undefined;
let closing: Promise<void> | undefined;
const observed = createObservedProcess();

const close = () =>
  (closing ??= (async () => {
    await observed.stop();
    await reference?.close();
    await sameWork?.close();
    await doorway?.close();
  })());

async function start(request: Extract<PortalBenchRequest, { op: 'start' }>): Promise<PortalBenchReady> {
  doorway = await startBenchDoorway(request.dialect, request.settings);
  const { runtime, clientId } = doorway;
  const seeded = await seedCompanies(runtime.database.db, runtime.database.dialect, clientId, request.settings.companies, {
    tags: (i) => ({ uid: merchantUid(i), region: REGIONS[i % REGIONS.length]! }),
    connection: seededStatus,
  });
  doorway.open();
  const portalCookie = await signInBenchViewer(doorway);
  sameWork = openPortalSameWork(runtime.config.database);
  const work = sameWork;
  const app = new Hono();
  app.get('/bare', (c) => c.json({ hello: 'world' }));
  app.get('/service/companies', async (c) => {
    const result = await searchCompanies(runtime.deps, { clientId }, { search: c.req.query('search'), status: c.req.query('status'), pageSize: PAGE_SIZE });
    const items = result.items.map(({ company, summary }) => ({ id: company.id, name: company.name, created: company.created, tags: company.tags, summary }));
    return c.json({ total: result.total, items });
  });
  app.get('/same-work/companies', async (c) => {
    const search = c.req.query('search');
    const page = await work.page(clientId, { search: search ? foldForSearch(search.trim()) : undefined, status: c.req.query('status') }, PAGE_SIZE);
    return c.json(sameWorkBody(page));
  });
  reference = await listen(app.fetch);
  return { doorwayUrl: doorway.url, referenceUrl: reference.url, portalCookie, companies: request.settings.companies, connections: seeded.connections, seedMs: seeded.milliseconds };
}

function sameWorkBody(page: SameWorkPage) {
  const summaries = new Map<string, Record<string, number>>();
  for (const row of page.rows) summaries.set(row.id, Object.fromEntries(CONNECTION_STATUSES.map((status) => [status, 0])));
  for (const { company_id, status } of page.statuses) {
    const summary = summaries.get(company_id);
    if (summary) summary[status] = (summary[status] ?? 0) + 1;
  }
  const items = page.rows.map((row) => ({ id: row.id, name: row.name, created: row.created, tags: JSON.parse(row.tags) as unknown, summary: summaries.get(row.id) }));
  return { total: page.total, items };
}

async function handle(request: PortalBenchRequest): Promise<unknown> {
  switch (request.op) {
    case 'start':
      return start(request);
    case 'cpu':
    case 'profile-start':
    case 'profile-stop':
      return observed.answer(request);
    case 'close':
      await close();
      return null;
  }
}

answerParent('portal-companies-process.js', handle, close);
