import path from 'node:path';
import type autocannon from 'autocannon';
import { startBenchDoorway, type BenchDoorway } from './doorway.js';
import { assess, measure, type AssessedMeasurement, type LoadTarget, type Measurement, type Target } from './measure.js';
import { merchantUid, seedCompanies, type SeededCompanies } from './seed-companies.js';
import type { BenchDialect, BenchSettings } from './settings.js';

export interface ApiBenchmarkResult {
  benchmark: 'api';
  database: BenchDialect;
  companies: number;
  seededConnections: number;
  seedMs: number;
  /** The bare route's slowest and fastest run; rows are compared with the fastest. */
  bareRange: { min: number; max: number };
  rows: AssessedMeasurement[];
}

/** How many distinct companies the read benchmarks rotate through (enough to defeat a single hot row). */
const SAMPLE_SIZE = 300;

/** The Codat-compatible companies API against 100,000 companies, relative to a bare Hono route. */
export async function runApiBenchmark(dialect: BenchDialect, settings: BenchSettings, bare: LoadTarget): Promise<ApiBenchmarkResult> {
  const doorway = await startBenchDoorway(dialect, settings);
  try {
    const { db, dialect: storeDialect } = doorway.runtime.database;
    const seeded = await seedCompanies(db, storeDialect, doorway.clientId, settings.companies);
    doorway.open();
    const targets = apiTargets(doorway, sample(seeded));
    await probe(doorway, targets);

    const profileFile = (label: string) =>
      settings.cpuProfileDir && path.join(settings.cpuProfileDir, `${dialect}-${label.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}.cpuprofile`);
    // The bare route runs right before every operation, and every operation is compared with the
    // fastest of those runs: on a shared machine one slow bare run would otherwise flatter
    // everything after it. Conservative by construction.
    const measured: Array<{ result: Measurement; goal: Target | null }> = [];
    const bareRuns: Measurement[] = [];
    // Diagnostic, no target: Doorway's middleware stack without auth or database, which splits
    // the gap to bare into "HTTP layer" and "auth + storage + mapping".
    const healthz: LoadTarget = { label: 'GET /healthz (diagnostic)', url: `${doorway.url}/healthz` };
    for (const { target, goal } of [...targets, { target: healthz, goal: null }]) {
      bareRuns.push(await measure(bare, settings, profileFile(`${bare.label} before ${target.label}`)));
      measured.push({ result: await measure(target, settings, profileFile(target.label)), goal });
    }
    const bareResult = bareRuns.reduce((best, run) => (run.requestsPerSec > best.requestsPerSec ? run : best));
    const rows = [assess(bareResult, bareResult, null), ...measured.map(({ result, goal }) => assess(result, bareResult, goal))];
    return {
      benchmark: 'api',
      database: dialect,
      companies: settings.companies,
      seededConnections: seeded.connections,
      seedMs: seeded.milliseconds,
      bareRange: { min: Math.min(...bareRuns.map((run) => run.requestsPerSec)), max: bareResult.requestsPerSec },
      rows,
    };
  } finally {
    await doorway.close();
  }
}

interface Sample {
  ids: string[];
  names: string[];
  /** The `uid` tag of each picked company (its merchant id). */
  uids: string[];
}

/** Companies spread evenly over the whole table, not just the newest or oldest. */
function sample(seeded: SeededCompanies): Sample {
  const count = Math.min(SAMPLE_SIZE, seeded.ids.length);
  const picks = Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * seeded.ids.length) / count));
  return { ids: picks.map((i) => seeded.ids[i] as string), names: picks.map((i) => seeded.names[i] as string), uids: picks.map((i) => merchantUid(i)) };
}

interface GoalTarget {
  target: LoadTarget;
  goal: { minShareOfBare: number; maxP99Ms: number };
  /** Checks one real response, so a broken route cannot pass as a fast one. */
  check(response: Response, request: autocannon.Request): Promise<void>;
}

function apiTargets(doorway: BenchDoorway, picked: Sample): GoalTarget[] {
  const headers = { authorization: doorway.authorization };
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };
  return [
    {
      target: {
        label: 'GET /companies/{id}',
        url: doorway.url,
        headers,
        requests: picked.ids.map((id) => ({ method: 'GET', path: `/companies/${id}` })),
      },
      goal: { minShareOfBare: 0.5, maxP99Ms: 20 },
      check: async (response, request) => {
        const body = (await response.json()) as { id?: string };
        if (`/companies/${body.id}` !== request.path) throw new Error(`GET ${request.path} returned company ${body.id}`);
      },
    },
    {
      target: {
        label: 'POST /companies',
        url: `${doorway.url}/companies`,
        method: 'POST',
        headers: jsonHeaders,
        body: JSON.stringify({ name: 'Bench Co', tags: { uid: 'b-1' } }),
      },
      goal: { minShareOfBare: 0.2, maxP99Ms: 20 },
      check: async (response) => {
        const body = (await response.json()) as { name?: string };
        if (body.name !== 'Bench Co') throw new Error(`POST /companies returned ${JSON.stringify(body).slice(0, 200)}`);
      },
    },
    {
      target: {
        label: 'GET /companies?query=name=…',
        url: doorway.url,
        headers,
        requests: picked.names.map((name) => ({ method: 'GET', path: `/companies?page=1&query=${encodeURIComponent(`name=${name}`)}` })),
      },
      goal: { minShareOfBare: 0.2, maxP99Ms: 20 },
      check: findsExactlyOne,
    },
    {
      target: {
        label: 'GET /companies?tags=uid=…',
        url: doorway.url,
        headers,
        requests: picked.uids.map((uid) => ({ method: 'GET', path: `/companies?page=1&tags=${encodeURIComponent(`uid=${uid}`)}` })),
      },
      goal: { minShareOfBare: 0.2, maxP99Ms: 20 },
      check: findsExactlyOne,
    },
  ];
}

/** A merchant-id lookup must find its one company, or the figures measure a broken query. */
async function findsExactlyOne(response: Response, request: autocannon.Request): Promise<void> {
  const body = (await response.json()) as { totalResults?: number };
  if (body.totalResults !== 1) throw new Error(`GET ${request.path} found ${body.totalResults} companies, expected 1`);
}

async function probe(doorway: BenchDoorway, targets: GoalTarget[]): Promise<void> {
  for (const { target, check } of targets) {
    const request: autocannon.Request = target.requests?.[0] ?? { method: target.method ?? 'GET', path: new URL(target.url).pathname };
    const url = new URL(request.path ?? '/', doorway.url);
    const response = await fetch(url, {
      method: request.method ?? target.method ?? 'GET',
      headers: target.headers ?? {},
      ...(target.body !== undefined ? { body: target.body } : {}),
    });
    if (response.status !== 200) throw new Error(`${target.label}: probe got HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
    await check(response, request);
  }
}
