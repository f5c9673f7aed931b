import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { addDays } from '../src/domain/link/auth-funnel.js';
import { getAuthFunnel } from '../src/services/link/get-auth-funnel.js';
import { createStaffUser } from '../src/services/portal-auth/create-staff-user.js';
import { signInStaff } from '../src/services/portal-auth/sign-in-staff.js';
import { startBenchDoorway, type BenchDoorway } from './doorway.js';
import { seedFunnelEvents } from './funnel-seed.js';
import { createKeepAliveAgent, httpRequest } from './http-client.js';
import type { LoadTarget } from './measure.js';
import type { BenchDialect, BenchSettings } from './settings.js';

/**
 * The funnel reads the period's events twice (steps and weeks; authorization attempts) and groups
 * them per company: at most four times the one COUNT(DISTINCT company_id) over the same rows, the
 * least a distinct-customer count can cost on this database, in this run. Absolute times are
 * shown too, but on a shared machine only the ratio is stable enough to be a target.
 */
export const FUNNEL_TARGETS = { maxTimesSameWork: 4 } as const;
const PERIODS = [30, 365] as const;
/** Timed runs per period after one untimed run; the median is reported. */
const RUNS = { 30: 15, 365: 5 } as const;
const HTTP_RUNS = 200;

export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
}

export interface FunnelPeriodResult {
  days: (typeof PERIODS)[number];
  events: number;
  /** The reference: one COUNT(DISTINCT company_id) over the same rows, through the same Kysely and driver. */
  sameWork: Timing;
  /** getAuthFunnel, the use-case the Portal calls: every statement of the funnel. */
  funnel: Timing;
  /** GET /portal/api/funnel as a signed-in viewer: session check, use-case, JSON. */
  http: Timing;
  verdict: 'PASS' | 'MISS';
}

export interface FunnelBenchmarkResult {
  benchmark: 'portal-funnel';
  database: BenchDialect;
  seeded: { companies: number; sessions: number; events: number; milliseconds: number };
  periods: FunnelPeriodResult[];
  /** Sequential GETs of the bare Hono route in the same run: what one HTTP round trip costs here. */
  bareHttp: Timing;
}

async function time(runs: number, work: () => Promise<unknown>): Promise<Timing> {
  await work(); // untimed: caches, prepared statements and the JIT warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)]!, minMs: samples[0]!, runs };
}

/**
 * A year of Link events for `settings.companies` customers of one client (1–3 visits each, 6–10
 * events a visit), then the auth funnel over the last 30 and 365 days, each next to a
 * same-work query over the very same rows, and through the Portal's HTTP route next to the bare
 * HTTP route of this run.
 */
export async function runFunnelBenchmark(dialect: BenchDialect, settings: BenchSettings, bare: LoadTarget): Promise<FunnelBenchmarkResult> {
  const doorway = await startBenchDoorway(dialect, settings);
  try {
    const { runtime, clientId } = doorway;
    const now = runtime.deps.clock.now();
    const seeded = await seedFunnelEvents(runtime.database.db, runtime.database.dialect, clientId, settings.companies, now);
    doorway.open();
    const cookie = await viewerSessionCookie(doorway.runtime, clientId);
    const today = now.toISOString().slice(0, 10);
    const periods: FunnelPeriodResult[] = [];
    for (const days of PERIODS) {
      const from = addDays(today, -(days - 1));
      const range = { from: `${from}T00:00:00.000Z`, to: `${addDays(today, 1)}T00:00:00.000Z` };
      let events = 0;
      const sameWork = await time(RUNS[days], async () => {
        const { rows } = await sql<{ companies: number | string; events: number | string }>`
          SELECT COUNT(DISTINCT company_id) AS companies, COUNT(*) AS events FROM link_events
          WHERE client_id = ${clientId} AND created >= ${range.from} AND created < ${range.to}`.execute(runtime.database.db);
        events = Number(rows[0]?.events ?? 0);
      });
      const funnel = await time(RUNS[days], () => getAuthFunnel(runtime.deps, { clientId }, { from, to: today }));
      // A fresh keep-alive agent per batch: the server closes a connection left idle while the
      // in-process runs took their time, and reusing it would fail.
      const agent = createKeepAliveAgent();
      const http = await time(RUNS[days], async () => {
        const reply = await httpRequest(agent, new URL(`/portal/api/funnel?from=${from}&to=${today}`, doorway.url), { headers: { cookie } });
        if (reply.status !== 200) throw new Error(`GET /portal/api/funnel answered ${reply.status}: ${reply.body.toString()}`);
      });
      agent.destroy();
      periods.push({ days, events, sameWork, funnel, http, verdict: funnel.medianMs <= FUNNEL_TARGETS.maxTimesSameWork * sameWork.medianMs ? 'PASS' : 'MISS' });
    }
    const agent = createKeepAliveAgent();
    const bareHttp = await time(HTTP_RUNS, async () => {
      const reply = await httpRequest(agent, new URL(bare.url));
      if (reply.status !== 200) throw new Error(`bare route answered ${reply.status}`);
    });
    agent.destroy();
    return { benchmark: 'portal-funnel', database: dialect, seeded, periods, bareHttp };
  } finally {
    await doorway.close();
  }
}

/** A viewer of the client, signed in through the use-case the sign-in route calls: its session cookie. */
async function viewerSessionCookie(runtime: BenchDoorway['runtime'], clientId: string): Promise<string> {
  const credentials = { email: 'funnel-viewer@bench.test', password: 'a bench password of some length' };
  await createStaffUser(runtime.deps, { clientId, ...credentials, role: 'viewer' });
  const opened = await signInStaff(runtime.deps, { ...credentials, address: '127.0.0.1' }, Promise.resolve(''));
  return `dw_portal_session=${opened.token}`;
}

export function formatFunnelResult(r: FunnelBenchmarkResult): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const ms = (t: Timing) => `${t.medianMs.toFixed(t.medianMs < 10 ? 2 : 0)} ms (min ${t.minMs.toFixed(t.minMs < 10 ? 2 : 0)})`;
  const { seeded } = r;
  return [
    `auth funnel (${r.database}): ${n(seeded.companies)} companies, ${n(seeded.sessions)} visits, ${n(seeded.events)} events over 365 days (seeded in ${(seeded.milliseconds / 1000).toFixed(1)} s); median of timed runs`,
    `  ${'period'.padEnd(9)}${'events'.padStart(11)}   ${'same-work COUNT(DISTINCT) (ref.)'.padEnd(34)}${'getAuthFunnel'.padEnd(24)}× ref.   target       ${'GET /portal/api/funnel'}`,
    ...r.periods.map(
      (p) =>
        `  ${`${p.days} days`.padEnd(9)}${n(p.events).padStart(11)}   ${ms(p.sameWork).padEnd(34)}${ms(p.funnel).padEnd(24)}` +
        `${(p.funnel.medianMs / p.sameWork.medianMs).toFixed(1).padStart(5)}    ≤ ${FUNNEL_TARGETS.maxTimesSameWork} × ${p.verdict}   ${ms(p.http)}`,
    ),
    `  bare Hono route over HTTP (ref.)  ${ms(r.bareHttp)}`,
  ].join('\n');
}
