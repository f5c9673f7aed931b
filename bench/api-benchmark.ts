import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type autocannon from 'autocannon';
import { accessTokenTarget } from './access-token-target.js';
import { startApiServer, type ApiSample, type ApiServer } from './api-server.js';
import { assess, assessSameWork, compareWithSameWork, measure, type AssessedMeasurement, type LoadTarget, type Measurement, type Target } from './measure.js';
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
  /** Per operation: Doorway next to its minimal same-work reference, measured one after the other. */
  sameWork: SameWorkComparison[];
}

export interface SameWorkComparison {
  operation: string;
  doorway: { requestsPerSec: number; serverCpuUsPerRequest: number | null };
  reference: { requestsPerSec: number; serverCpuUsPerRequest: number | null };
  /** Doorway's requests/s as a fraction of the reference's. */
  shareOfSameWork: number | null;
  /** Doorway's server CPU per request as a multiple of the reference's. */
  cpuVsSameWork: number | null;
}

/**
 * The Codat-compatible companies API against 100,000 companies, relative to a bare Hono route and,
 * per operation, to a same-work reference route (bench/same-work-routes.ts). All three are served
 * by one child process, so its CPU time per request is the servers' alone.
 */
export async function runApiBenchmark(dialect: BenchDialect, settings: BenchSettings): Promise<ApiBenchmarkResult> {
  const server = await startApiServer(dialect, settings);
  try {
    const targets = apiTargets(server, server.doorwayUrl, server.sample);
    const references = apiTargets(server, server.referenceUrl, server.sample).map((reference) => ({
      ...reference,
      target: { ...reference.target, label: `same-work ${reference.target.label}` },
    }));
    requireSameResponses(targets, await probe(server.doorwayUrl, targets), await probe(server.referenceUrl, references));
    const keyed = await idempotentTargets(server);
    const accessToken = await accessTokenTarget(server.doorwayUrl, server.authorization, server.sample.tokenPaths);
    const bare: LoadTarget = { label: 'bare Hono JSON (reference)', url: `${server.referenceUrl}/bare` };

    const profileFile = (label: string) =>
      settings.cpuProfileDir && path.join(settings.cpuProfileDir, `${dialect}-${label.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}.cpuprofile`);
    const run = (target: LoadTarget, profileLabel = target.label) => measure(target, settings, profileFile(profileLabel), server);
    // The bare route runs right before every operation, and every operation is compared with the
    // fastest of those runs: on a shared machine one slow bare run would otherwise flatter
    // everything after it. Conservative by construction. Each operation's same-work reference
    // runs right after it, so the two see the same machine.
    const measured: Array<{ result: Measurement; goal: Target | null; sameWork?: Measurement }> = [];
    const bareRuns: Measurement[] = [];
    // Diagnostic, no target: Doorway's middleware stack without auth or database, which splits
    // the gap to bare into "HTTP layer" and "auth + storage + mapping".
    const healthz: LoadTarget = { label: 'GET /healthz (diagnostic)', url: `${server.doorwayUrl}/healthz` };
    // The keyed POSTs run right after the same POST without a key (no same-work reference). Access-token
    // reads run right after GET /companies/{id}, next to the same minimal same-work GET reference.
    const plan = targets.flatMap(({ target, goal }, i) => [
      { target, goal, reference: references[i] },
      ...(target.label === 'GET /companies/{id}' ? [{ target: accessToken, goal: null, reference: references[i] }] : []),
      ...(target.label === 'POST /companies' ? keyed.map((k) => ({ target: k, goal: null, reference: undefined })) : []),
    ]);
    for (const { target, goal, reference } of [...plan, { target: healthz, goal: null, reference: undefined }]) {
      bareRuns.push(await run(bare, `${bare.label} before ${target.label}`));
      const result = await run(target);
      const sameWork = reference && (await run(reference.target));
      measured.push({ result, goal, ...(sameWork ? { sameWork } : {}) });
    }
    const bareResult = bareRuns.reduce((best, run) => (run.requestsPerSec > best.requestsPerSec ? run : best));
    const rows = [assess(bareResult, bareResult, null)];
    for (const { result, goal, sameWork } of measured) {
      rows.push(assess(result, bareResult, goal, sameWork));
      if (sameWork) rows.push(assessSameWork(sameWork, bareResult, result.operation));
    }
    return {
      benchmark: 'api',
      database: dialect,
      companies: server.companies,
      seededConnections: server.seededConnections,
      seedMs: server.seedMs,
      bareRange: { min: Math.min(...bareRuns.map((run) => run.requestsPerSec)), max: bareResult.requestsPerSec },
      rows,
      sameWork: measured.flatMap(({ result, sameWork }) => (sameWork ? [compare(result, sameWork)] : [])),
    };
  } finally {
    await server.close();
  }
}

function compare(doorway: Measurement, reference: Measurement): SameWorkComparison {
  const figures = (m: Measurement) => ({ requestsPerSec: m.requestsPerSec, serverCpuUsPerRequest: m.serverCpuUsPerRequest });
  return { operation: doorway.operation, doorway: figures(doorway), reference: figures(reference), ...compareWithSameWork(doorway, reference) };
}

interface GoalTarget {
  target: LoadTarget;
  goal: { minShareOfBare: number; maxP99Ms: number };
  /** Checks one real response, so a broken route cannot pass as a fast one. */
  check(response: Response, request: autocannon.Request): Promise<void>;
}

/** The measured operations against `baseUrl`: Doorway's or the same-work reference routes (same paths). */
function apiTargets(server: ApiServer, baseUrl: string, picked: ApiSample): GoalTarget[] {
  const headers = { authorization: server.authorization };
  const jsonHeaders = { ...headers, 'content-type': 'application/json' };
  return [
    {
      target: {
        label: 'GET /companies/{id}',
        url: baseUrl,
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
        url: `${baseUrl}/companies`,
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
        url: baseUrl,
        headers,
        requests: picked.names.map((name) => ({ method: 'GET', path: `/companies?page=1&query=${encodeURIComponent(`name=${name}`)}` })),
      },
      goal: { minShareOfBare: 0.2, maxP99Ms: 20 },
      check: findsExactlyOne,
    },
    {
      target: {
        label: 'GET /companies?tags=uid=…',
        url: baseUrl,
        headers,
        requests: picked.uids.map((uid) => ({ method: 'GET', path: `/companies?page=1&tags=${encodeURIComponent(`uid=${uid}`)}` })),
      },
      goal: { minShareOfBare: 0.2, maxP99Ms: 20 },
      check: findsExactlyOne,
    },
  ];
}

/**
 * POST /companies with an `Idempotency-Key`: first use (a fresh key per request, so each one
 * claims, writes and stores its answer) and replay (one key, already used: each request is
 * answered from the stored record). Probed first: first uses write, a replay says so.
 */
async function idempotentTargets(server: ApiServer): Promise<LoadTarget[]> {
  const body = JSON.stringify({ name: 'Bench Co', tags: { uid: 'b-1' } });
  const post = (key: string) =>
    fetch(`${server.doorwayUrl}/companies`, { method: 'POST', headers: { authorization: server.authorization, 'content-type': 'application/json', 'idempotency-key': key }, body });
  const replayKey = `bench-replay-${randomUUID()}`;
  const [fresh, first, replay] = [await post(randomUUID()), await post(replayKey), await post(replayKey)];
  const [freshText, firstText, replayText] = [await fresh.text(), await first.text(), await replay.text()];
  if (fresh.status !== 200 || fresh.headers.get('idempotent-replayed') !== null || !freshText.includes('"Bench Co"')) {
    throw new Error(`POST /companies with a new Idempotency-Key: HTTP ${fresh.status} ${freshText.slice(0, 200)}`);
  }
  if (replay.status !== 200 || replay.headers.get('idempotent-replayed') !== 'true' || replayText !== firstText) {
    throw new Error(`POST /companies replayed: HTTP ${replay.status} ${replayText.slice(0, 200)}`);
  }
  const target = (label: string, key: string, idReplacement: boolean): LoadTarget => ({
    label,
    url: `${server.doorwayUrl}/companies`,
    method: 'POST',
    headers: { authorization: server.authorization, 'content-type': 'application/json', 'idempotency-key': key },
    body,
    idReplacement,
  });
  return [target('POST /companies + Idempotency-Key (first use)', 'bench-[<id>]', true), target('POST /companies + Idempotency-Key (replay)', replayKey, false)];
}

/** A merchant-id lookup must find its one company, or the figures measure a broken query. */
async function findsExactlyOne(response: Response, request: autocannon.Request): Promise<void> {
  const body = (await response.json()) as { totalResults?: number };
  if (body.totalResults !== 1) throw new Error(`GET ${request.path} found ${body.totalResults} companies, expected 1`);
}

/** How many of each operation's requests the probe sends (and compares between Doorway and its reference). */
const PROBED_REQUESTS = 100;

/** Real responses of each target (its first requests), checked; returns their bodies per target. */
async function probe(baseUrl: string, targets: GoalTarget[]): Promise<string[][]> {
  const bodies: string[][] = [];
  for (const { target, check } of targets) {
    const requests = target.requests?.slice(0, PROBED_REQUESTS) ?? [{ method: target.method ?? 'GET', path: new URL(target.url).pathname }];
    const texts: string[] = [];
    for (const request of requests) {
      const response = await fetch(new URL(request.path ?? '/', baseUrl), {
        method: request.method ?? target.method ?? 'GET',
        headers: target.headers ?? {},
        ...(target.body !== undefined ? { body: target.body } : {}),
      });
      if (response.status !== 200) throw new Error(`${target.label} at ${baseUrl}: probe got HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
      await check(response.clone(), request);
      texts.push(await response.text());
    }
    bodies.push(texts);
  }
  return bodies;
}

/**
 * A reference that answers differently does not do the same work: reads must be byte-identical
 * to Doorway's; a create (new id, new time) must have the same JSON shape.
 */
function requireSameResponses(targets: GoalTarget[], doorway: string[][], reference: string[][]): void {
  targets.forEach(({ target }, i) => {
    const ours = doorway[i] ?? [];
    const theirs = reference[i] ?? [];
    ours.forEach((text, j) => {
      const other = theirs[j] ?? '';
      const same = target.method === 'POST' ? JSON.stringify(shapeOf(JSON.parse(text))) === JSON.stringify(shapeOf(JSON.parse(other))) : text === other;
      if (!same) throw new Error(`${target.label}: the same-work reference answers differently:\n  Doorway:   ${text.slice(0, 400)}\n  reference: ${other.slice(0, 400)}`);
    });
  });
}

/** Keys and value types, not values. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shapeOf(v)]));
  return value === null ? 'null' : typeof value;
}
