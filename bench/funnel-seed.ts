import { performance } from 'node:perf_hooks';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { LinkEventType } from '../src/domain/link/link-session.js';
import { newId, randomToken } from '../src/domain/ids.js';
import { seededRandom } from '../src/domain/seeded-random.js';
import { refreshPlannerStatistics, type Dialect } from '../src/storage/kysely/database.js';
import type { LinkEventsTable, Tables } from '../src/storage/kysely/tables.js';

export interface SeededFunnelEvents {
  companies: number;
  sessions: number;
  events: number;
  milliseconds: number;
}

const DAY_MS = 86_400_000;
// 1,000 rows × 10 columns: far below SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
const ROWS_PER_STATEMENT = 1_000;
const STATEMENTS_PER_TRANSACTION = 20;

/** What customers connect, weighted roughly as a lender's customers would. */
const PLATFORMS: Array<{ key: string; sourceType: string; credentials: boolean; weight: number }> = [
  { key: 'xero', sourceType: 'Accounting', credentials: false, weight: 30 },
  { key: 'qbo', sourceType: 'Accounting', credentials: false, weight: 25 },
  { key: 'sage', sourceType: 'Accounting', credentials: false, weight: 8 },
  { key: 'freeagent', sourceType: 'Accounting', credentials: false, weight: 4 },
  { key: 'plaid', sourceType: 'Banking', credentials: false, weight: 12 },
  { key: 'truelayer', sourceType: 'Banking', credentials: false, weight: 6 },
  { key: 'shopify', sourceType: 'Commerce', credentials: false, weight: 6 },
  { key: 'stripe', sourceType: 'Commerce', credentials: true, weight: 5 },
  { key: 'woocommerce', sourceType: 'Commerce', credentials: true, weight: 4 },
];
const TOTAL_WEIGHT = PLATFORMS.reduce((sum, p) => sum + p.weight, 0);

type Step = { type: LinkEventType; platform?: (typeof PLATFORMS)[number]; detail?: string };

/**
 * One visit as the Link flow records it: opened, a category tab, one or two platforms looked at,
 * consent, the OAuth redirect (API-key platforms go from consent to the form's outcome), connected
 * or failed (a failure may be retried once), then Complete or Exit; some visitors leave at each step.
 */
function visitSteps(random: () => number): Step[] {
  const pick = () => {
    let roll = random() * TOTAL_WEIGHT;
    return PLATFORMS.find((p) => (roll -= p.weight) < 0) ?? PLATFORMS[0]!;
  };
  const steps: Step[] = [{ type: 'opened' }, { type: 'category_chosen' }];
  if (random() < 0.08) return [...steps, { type: 'category_chosen' }, { type: 'exited' }];
  let platform = pick();
  if (random() < 0.3) steps.push({ type: 'platform_chosen', platform: pick() });
  steps.push({ type: 'platform_chosen', platform });
  if (random() < 0.12) return [...steps, { type: 'exited' }];
  let connected = false;
  for (let attempt = 0; attempt < 2 && !connected; attempt++) {
    if (attempt > 0) {
      platform = random() < 0.5 ? platform : pick();
      steps.push({ type: 'platform_chosen', platform });
    }
    steps.push({ type: 'consent_given', platform });
    if (platform.credentials && random() < 0.15) return [...steps, { type: 'exited' }]; // left the form
    if (!platform.credentials) {
      steps.push({ type: 'authorization_started', platform });
      if (random() < 0.1) return steps; // never came back from the platform
    }
    connected = random() < 0.8;
    steps.push(connected ? { type: 'connected', platform } : { type: 'failed', platform, detail: '{"kind":"access_denied","statusCode":"403"}' });
    if (!connected && random() < 0.4) break;
  }
  steps.push({ type: connected && random() < 0.9 ? 'completed' : 'exited' });
  return steps;
}

/**
 * A year of Hosted Link events for `companies` customers of one client, written straight into
 * `link_events` (what `recordLinkEvent` writes) with multi-row inserts: 1 to 3 visits per
 * customer at random moments of the past 365 days, events a few seconds apart, in time order
 * as a real table fills. Statistics are refreshed afterwards, as production would have them.
 */
export async function seedFunnelEvents(db: Kysely<Tables>, dialect: Dialect, clientId: string, companies: number, now: Date): Promise<SeededFunnelEvents> {
  const started = performance.now();
  const random = seededRandom(11);
  const companyIds = Array.from({ length: companies }, () => newId());
  const visits: Array<{ company: number; start: number }> = [];
  for (let company = 0; company < companies; company++) {
    const count = 1 + Math.floor(random() * 3);
    for (let v = 0; v < count; v++) visits.push({ company, start: now.getTime() - 365 * DAY_MS + Math.floor(random() * 365 * DAY_MS) });
  }
  visits.sort((a, b) => a.start - b.start);

  let pending: Insertable<LinkEventsTable>[][] = [];
  let batch: Insertable<LinkEventsTable>[] = [];
  let events = 0;
  const flush = async () => {
    const statements = batch.length > 0 ? [...pending, batch] : pending;
    pending = [];
    batch = [];
    await db.transaction().execute(async (trx) => {
      for (const rows of statements) await trx.insertInto('link_events').values(rows).execute();
    });
  };
  for (const visit of visits) {
    const companyId = companyIds[visit.company]!;
    const sessionId = randomToken(24);
    let at = visit.start;
    for (const step of visitSteps(random)) {
      at = Math.min(at + 1000 + Math.floor(random() * 20_000), now.getTime() - 1);
      batch.push({
        id: newId(), client_id: clientId, company_id: companyId, session_id: sessionId, connection_id: step.platform ? `conn-${visit.company}-${step.platform.key}` : null,
        platform_key: step.platform?.key ?? null, source_type: step.platform?.sourceType ?? null, type: step.type, detail: step.detail ?? null,
        created: new Date(at).toISOString(),
      });
      events++;
      if (batch.length === ROWS_PER_STATEMENT) {
        pending.push(batch);
        batch = [];
        if (pending.length === STATEMENTS_PER_TRANSACTION) await flush();
      }
    }
  }
  await flush();
  if (dialect === 'postgres') await sql`ANALYZE`.execute(db);
  else await refreshPlannerStatistics(db);
  return { companies, sessions: visits.length, events, milliseconds: performance.now() - started };
}
