import { createObservedProcess } from './cpu-profile.js';
import { startBenchDoorway, type BenchDoorway } from './doorway.js';
import { listen, type Listening } from './listen.js';
import { createSameWorkApp } from './same-work-routes.js';
import { openSameWorkStatements, type SameWorkStatements } from './same-work-sql.js';
import { linkTokenConnections } from './access-token-target.js';
import { merchantUid, seedCompanies, type SeededCompanies } from './seed-companies.js';
import { linkProxyConnection } from './proxy-connection.js';
import type { ApiServerReady, ApiServerRequest, ApiSample } from './api-server.js';
import { answerParent } from './child-process.js';

/**
 * Child-process entry of the API benchmark: the server process under test. It runs the real
 * Doorway (built by `createRuntime`) and, on a second port of the same process and the same
 * database, the bare Hono route and the same-work reference routes. The load generator stays in
 * the parent, so `process.cpuUsage()` here is the servers' CPU alone.
 */

/** How many distinct companies the read benchmarks rotate through (enough to defeat a single hot row). */
const SAMPLE_SIZE = 300;

let doorway: BenchDoorway | undefined;
let reference: Listening | undefined;
let statements: SameWorkStatements | undefined;
const observed = createObservedProcess();
let closing: Promise<void> | undefined;

function close(): Promise<void> {
  // Reference first (its pool and its SQLite handle), then Doorway, which drops the database.
  return (closing ??= (async () => {
    await observed.stop();
    await reference?.close();
    await statements?.close();
    await doorway?.close();
  })());
}

async function start(request: Extract<ApiServerRequest, { op: 'start' }>): Promise<ApiServerReady> {
  const { dialect, settings } = request;
  doorway = await startBenchDoorway(dialect, settings, request.providersFile ? { providersFile: request.providersFile } : {});
  const { runtime } = doorway;
  const seeded = await seedCompanies(runtime.database.db, runtime.database.dialect, doorway.clientId, settings.companies);
  const tokenPaths = await linkTokenConnections(runtime.deps, doorway.clientId);
  doorway.open();
  statements = openSameWorkStatements(runtime.config.database);
  const providers = runtime.deps.providers;
  reference = await listen(
    createSameWorkApp({
      statements,
      publicUrl: runtime.config.publicUrl,
      integrations: { get: (key) => providers.get(key) },
      apiKeyCacheMs: runtime.config.apiKeyCacheSeconds * 1000,
    }).fetch,
  );
  return {
    doorwayUrl: doorway.url,
    referenceUrl: reference.url,
    authorization: doorway.authorization,
    companies: settings.companies,
    seededConnections: seeded.connections,
    seedMs: seeded.milliseconds,
    sample: { ...sample(seeded), tokenPaths },
  };
}

async function handle(request: ApiServerRequest): Promise<unknown> {
  switch (request.op) {
    case 'start':
      return start(request);
    case 'cpu':
    case 'profile-start':
    case 'profile-stop':
      return observed.answer(request);
    case 'proxy-connection':
      if (!doorway) throw new Error('not started');
      return linkProxyConnection(doorway);
    case 'close':
      await close();
      return null;
  }
}

/** Companies spread evenly over the whole table, not just the newest or oldest. */
function sample(seeded: SeededCompanies): Omit<ApiSample, 'tokenPaths'> {
  const count = Math.min(SAMPLE_SIZE, seeded.ids.length);
  const picks = Array.from({ length: count }, (_, i) => Math.floor(((i + 0.5) * seeded.ids.length) / count));
  return { ids: picks.map((i) => seeded.ids[i] as string), names: picks.map((i) => seeded.names[i] as string), uids: picks.map((i) => merchantUid(i)) };
}

answerParent('api-server-process.js', handle, close);
