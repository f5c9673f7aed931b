import path from 'node:path';
import { forkBenchChild } from './child-process.js';
import { assess, assessSameWork, formatMeasurements, measure, type AssessedMeasurement, type LoadTarget, type Measurement } from './measure.js';
import type { PortalBenchReady, PortalBenchRequest } from './portal-companies-process.js';
import { PAGE_SIZE } from './portal-companies-same-work.js';
import type { BenchDialect, BenchSettings } from './settings.js';

export interface PortalCompaniesBenchmarkResult {
  benchmark: 'portal-companies';
  database: BenchDialect;
  companies: number;
  connections: number;
  seedMs: number;
  /** Under load: bare, then per operation the use-case and its same-work reference. */
  rows: AssessedMeasurement[];
  /** One request at a time: the response time a person waits for, free of queueing. */
  sequential: Measurement[];
}

/** What the Companies table asks for; each is measured through the use-case and by hand-written SQL. */
function operations(companies: number): Array<{ label: string; paths: string[] }> {
  // Five digits of a six-digit merchant name: ten companies each, found only by reading every name.
  const searches = Array.from({ length: 100 }, (_, i) => `/companies?search=${String(Math.floor((i * 9973) % Math.max(1, companies / 10))).padStart(5, '0')}`);
  return [
    { label: 'first page (newest 25, total)', paths: ['/companies'] },
    { label: 'search (name or tag substring)', paths: searches },
    { label: 'status filter (Deauthorized, total)', paths: ['/companies?status=Deauthorized'] },
  ];
}

/**
 * The Portal's Companies table over the settings' companies (100,000 by default), in a server
 * process of its own (portal-companies-process.ts) so its CPU is counted apart from autocannon.
 */
export async function runPortalCompaniesBenchmark(dialect: BenchDialect, settings: BenchSettings): Promise<PortalCompaniesBenchmarkResult> {
  const child = forkBenchChild<PortalBenchRequest>(new URL('./portal-companies-process.js', import.meta.url), 'Portal companies process');
  try {
    const ready = (await child.call({ op: 'start', dialect, settings, id: 0 })) as PortalBenchReady;
    const server = {
      cpuMicros: async () => (await child.call({ op: 'cpu', id: 0 })) as number,
      startProfile: async () => void (await child.call({ op: 'profile-start', id: 0 })),
      stopProfile: async (file: string) => void (await child.call({ op: 'profile-stop', file, id: 0 })),
    };
    // autocannon takes each request's path whole: the route's prefix goes into it.
    const target = (label: string, prefix: string, paths: string[]): LoadTarget => ({
      label,
      url: ready.referenceUrl,
      requests: paths.map((path) => ({ method: 'GET', path: `${prefix}${path}` })),
    });
    const bare: LoadTarget = { label: 'bare Hono JSON (reference)', url: `${ready.referenceUrl}/bare` };
    const profileFile = (name: string) => settings.cpuProfileDir && path.join(settings.cpuProfileDir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}.cpuprofile`);
    const rows: AssessedMeasurement[] = [];
    const sequential: Measurement[] = [];
    const one = { ...settings, connections: 1 };
    for (const { label, paths } of operations(ready.companies)) {
      const service = target(`searchCompanies: ${label}`, '/service', paths);
      const reference = target(`same-work SQL: ${label}`, '/same-work', paths);
      // The page's own request: session check, the use-case, the Portal's JSON, through Doorway's HTTP stack.
      const route: LoadTarget = {
        label: `GET /portal/api/companies (signed in): ${label}`,
        url: ready.doorwayUrl,
        headers: { cookie: ready.portalCookie },
        requests: paths.map((path) => ({ method: 'GET', path: `/portal/api${path}${path.includes('?') ? '&' : '?'}pageSize=${PAGE_SIZE}` })),
      };
      await requireSameAnswers(service, reference);
      await requireSameTotal(route, service);
      const bareRun = await measure(bare, settings, undefined, server);
      const routeRun = await measure(route, settings, profileFile(`${dialect}-portal-route-${label}`), server);
      const serviceRun = await measure(service, settings, profileFile(`${dialect}-portal-${label}`), server);
      const referenceRun = await measure(reference, settings, undefined, server);
      rows.push(
        assess(bareRun, bareRun, null),
        assess(routeRun, bareRun, null, referenceRun),
        assess(serviceRun, bareRun, null, referenceRun),
        assessSameWork(referenceRun, bareRun, serviceRun.operation),
      );
      for (const each of [route, service, reference]) sequential.push(await measure({ ...each, label: `${each.label}, one at a time` }, one, undefined, server));
    }
    return { benchmark: 'portal-companies', database: dialect, companies: ready.companies, connections: ready.connections, seedMs: ready.seedMs, rows, sequential };
  } finally {
    await child.close();
  }
}

/** The reference must find exactly what the use-case finds, or it does not do the same work. */
async function requireSameAnswers(service: LoadTarget, reference: LoadTarget): Promise<void> {
  const get = async (path: string | undefined) => {
    const response = await fetch(new URL(path ?? '/', service.url));
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    return text;
  };
  const theirRequests = reference.requests ?? [];
  for (const [i, request] of (service.requests ?? []).slice(0, 10).entries()) {
    const [ours, theirs] = [await get(request.path), await get(theirRequests[i]?.path)];
    if (ours !== theirs) throw new Error(`${service.label}: the same-work reference answers differently for ${request.path}:\n  use-case:  ${ours.slice(0, 300)}\n  reference: ${theirs.slice(0, 300)}`);
    const body = JSON.parse(ours) as { total: number; items: unknown[] };
    if (body.items.length === 0) throw new Error(`${service.label}: ${request.path} found nothing, so it measures nothing`);
  }
}

/** The real route must find what the use-case finds (its JSON is the Portal's, so only the totals are compared). */
async function requireSameTotal(route: LoadTarget, service: LoadTarget): Promise<void> {
  const serviceRequests = service.requests ?? [];
  for (const [i, request] of (route.requests ?? []).slice(0, 3).entries()) {
    const [ours, theirs] = await Promise.all([
      fetch(new URL(request.path ?? '/', route.url), { headers: route.headers ?? {} }),
      fetch(new URL(serviceRequests[i]?.path ?? '/', service.url)),
    ]);
    const [a, b] = [(await ours.json()) as { total?: number }, (await theirs.json()) as { total?: number }];
    if (ours.status !== 200 || a.total !== b.total) throw new Error(`${route.label}: HTTP ${ours.status}, total ${a.total} where the use-case found ${b.total}`);
  }
}

export function formatPortalCompaniesResult(r: PortalCompaniesBenchmarkResult): string {
  const latency = r.sequential.map((m) => `  ${m.operation.padEnd(92)} p50 ${String(m.p50Ms).padStart(4)} ms  p99 ${String(m.p99Ms).padStart(4)} ms  ${Math.round(m.requestsPerSec)} req/s`);
  return [
    `Portal Companies table (${r.database}): ${r.companies.toLocaleString('en-US')} companies, ${r.connections.toLocaleString('en-US')} connections (seeded in ${(r.seedMs / 1000).toFixed(1)} s)`,
    formatMeasurements(r.rows),
    'one request at a time (the response time a person waits for):',
    ...latency,
  ].join('\n');
}
