import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  AUTHORIZATION_ATTEMPT_EVENTS,
  FUNNEL_STEP_OF_EVENT,
  FUNNEL_STEPS,
  type AuthorizationCounts,
  type FunnelCounts,
  type FunnelPeriod,
} from '../../../domain/link/auth-funnel.js';
import type { Dialect } from '../database.js';
import type { Tables } from '../tables.js';

/**
 * The auth funnel of one client over a period, counted in SQL: every statement reads the client's
 * events in the period through `link_events_funnel` (client_id, created, then every column the
 * funnel reads, so neither database touches the table) and returns a few dozen rows at most,
 * however many events there are. A customer is a company: `COUNT(DISTINCT company_id)`, so a
 * customer reopening Link, or opening it in two tabs, is still one customer.
 */
export async function countAuthFunnel(db: Kysely<Tables>, dialect: Dialect, clientId: string, period: FunnelPeriod): Promise<FunnelCounts> {
  const inPeriod = sql`client_id = ${clientId} AND created >= ${period.from} AND created < ${period.to}`;
  const [furthest, categories, platforms, weeks] = await Promise.all([
    furthestSteps(db, inPeriod),
    authorizationCounts(db, inPeriod, false),
    authorizationCounts(db, inPeriod, true),
    weeklyCounts(db, dialect, inPeriod),
  ]);
  return {
    furthest,
    categories: categories.map(({ platformKey: _none, ...category }) => category),
    platforms: platforms.map(({ platformKey, ...platform }) => ({ platformKey: platformKey ?? '', ...platform })),
    weeks,
  };
}

const STEP_EVENTS = Object.keys(FUNNEL_STEP_OF_EVENT);
const COMPLETED_RANK = FUNNEL_STEPS.length;
const CONNECTED_RANK = FUNNEL_STEPS.indexOf('connected') + 1;

/** 1 (opened) … 6 (completed): the rank of the step an event is evidence of, so MAX is the furthest step. */
const stepRank = sql<number>`CASE type ${sql.join(
  Object.entries(FUNNEL_STEP_OF_EVENT).map(([type, step]) => sql`WHEN ${sql.lit(type)} THEN ${sql.lit(FUNNEL_STEPS.indexOf(step) + 1)}`),
  sql` `,
)} END`;
const stepEvents = sql`type IN (${sql.join(STEP_EVENTS.map((type) => sql.lit(type)))})`;

async function furthestSteps(db: Kysely<Tables>, inPeriod: RawBuilder<unknown>): Promise<FunnelCounts['furthest']> {
  const { rows } = await sql<{ furthest: number; companies: number | string }>`
    SELECT furthest, COUNT(*) AS companies FROM (
      SELECT company_id, MAX(${stepRank}) AS furthest FROM link_events
      WHERE ${inPeriod} AND ${stepEvents} AND company_id IS NOT NULL
      GROUP BY company_id
    ) per_company
    GROUP BY furthest`.execute(db);
  return rows
    .map((row) => ({ rank: Number(row.furthest), companies: Number(row.companies) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ rank, companies }) => ({ step: FUNNEL_STEPS[rank - 1]!, companies }));
}

interface AuthorizationRow extends AuthorizationCounts {
  sourceType: string;
  platformKey: string | null;
}

/**
 * Companies that attempted, connected and failed authorization, per category or per platform.
 * A category's figures are counted over its events, not summed over its platforms: a customer who
 * tried two accounting platforms is one customer of Accounting.
 */
async function authorizationCounts(db: Kysely<Tables>, inPeriod: RawBuilder<unknown>, perPlatform: boolean): Promise<AuthorizationRow[]> {
  const platform = perPlatform ? sql`platform_key` : sql`NULL`;
  const groupBy = perPlatform ? sql`source_type, platform_key` : sql`source_type`;
  const { rows } = await sql<{ source_type: string; platform_key: string | null; started: number | string; connected: number | string; failed: number | string }>`
    SELECT source_type, ${platform} AS platform_key,
      COUNT(DISTINCT company_id) AS started,
      COUNT(DISTINCT CASE WHEN type = 'connected' THEN company_id END) AS connected,
      COUNT(DISTINCT CASE WHEN type = 'failed' THEN company_id END) AS failed
    FROM link_events
    WHERE ${inPeriod} AND type IN (${sql.join(AUTHORIZATION_ATTEMPT_EVENTS.map((type) => sql.lit(type)))})
      AND company_id IS NOT NULL AND source_type IS NOT NULL AND platform_key IS NOT NULL
    GROUP BY ${groupBy}
    ORDER BY started DESC, ${groupBy}`.execute(db);
  return rows.map((row) => ({
    sourceType: row.source_type,
    platformKey: row.platform_key,
    started: Number(row.started),
    connected: Number(row.connected),
    failed: Number(row.failed),
  }));
}

/**
 * The Monday (UTC) of an event's ISO week as `YYYY-MM-DD`, the one place the dialects differ.
 * `created` is ISO-8601 UTC text, so its first ten characters are its UTC day. SQLite: the next
 * Sunday (the day itself if it is one) minus six days; PostgreSQL: date_trunc('week'), which
 * truncates to Monday.
 */
function weekStartOf(dialect: Dialect): RawBuilder<string> {
  return dialect === 'postgres'
    ? sql<string>`to_char(date_trunc('week', CAST(substr(created, 1, 10) AS timestamp)), 'YYYY-MM-DD')`
    : sql<string>`date(substr(created, 1, 10), 'weekday 0', '-6 days')`;
}

/** Per week: companies with a funnel event that week, and how many of them connected or completed that week. */
async function weeklyCounts(db: Kysely<Tables>, dialect: Dialect, inPeriod: RawBuilder<unknown>): Promise<FunnelCounts['weeks']> {
  const { rows } = await sql<{ week_start: string; opened: number | string; connected: number | string; completed: number | string }>`
    SELECT week_start, COUNT(*) AS opened,
      SUM(CASE WHEN furthest >= ${sql.lit(CONNECTED_RANK)} THEN 1 ELSE 0 END) AS connected,
      SUM(CASE WHEN furthest >= ${sql.lit(COMPLETED_RANK)} THEN 1 ELSE 0 END) AS completed
    FROM (
      SELECT ${weekStartOf(dialect)} AS week_start, company_id, MAX(${stepRank}) AS furthest FROM link_events
      WHERE ${inPeriod} AND ${stepEvents} AND company_id IS NOT NULL
      GROUP BY 1, company_id
    ) per_company_week
    GROUP BY week_start
    ORDER BY week_start`.execute(db);
  return rows.map((row) => ({ weekStart: row.week_start, opened: Number(row.opened), connected: Number(row.connected), completed: Number(row.completed) }));
}
