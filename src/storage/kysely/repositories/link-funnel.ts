import { sql, type Kysely, type RawBuilder } from 'kysely';
import {
  addDays,
  AUTHORIZATION_ATTEMPT_EVENTS,
  FUNNEL_STEP_OF_EVENT,
  FUNNEL_STEPS,
  isoWeekStart,
  type AuthorizationCounts,
  type FunnelCounts,
  type FunnelPeriod,
} from '../../../domain/link/auth-funnel.js';
import type { Tables } from '../tables.js';

/**
 * The auth funnel of one client over a period, counted in SQL in two statements, each reading the
 * client's events in the period once through `link_events_by_client` (client_id, created) and
 * answering a few dozen rows however many events there are. A customer is a company: rows are
 * grouped per company, so a customer reopening Link, or opening it in two tabs, is one customer.
 * The same SQL runs on SQLite and PostgreSQL (ISO weeks come from bound boundaries, not from a
 * dialect's date functions).
 *
 * The cost is the grouping per company (a sort of the period's events on SQLite); a covering
 * index in created order was measured and saved little of it, so none is kept for this.
 */
export async function countAuthFunnel(db: Kysely<Tables>, clientId: string, period: FunnelPeriod): Promise<FunnelCounts> {
  const inPeriod = sql`client_id = ${clientId} AND created >= ${period.from} AND created < ${period.to}`;
  const [steps, attempts] = await Promise.all([stepsAndWeeks(db, inPeriod, period), authorizationCounts(db, inPeriod)]);
  return { ...steps, ...attempts };
}

const COMPLETED_RANK = FUNNEL_STEPS.length;
const CONNECTED_RANK = FUNNEL_STEPS.indexOf('connected') + 1;
const STEP_TYPES = Object.keys(FUNNEL_STEP_OF_EVENT);
const types = (list: readonly string[]) => sql`type IN (${sql.join(list.map((type) => sql.lit(type)))})`;

/** 1 (opened) … 6 (completed): the rank of the step an event is evidence of, so MAX is the furthest step. */
const stepRank = sql<number>`CASE type ${sql.join(
  Object.entries(FUNNEL_STEP_OF_EVENT).map(([type, step]) => sql`WHEN ${sql.lit(type)} THEN ${sql.lit(FUNNEL_STEPS.indexOf(step) + 1)}`),
  sql` `,
)} END`;

/**
 * The index of an event's ISO week within the period (0: the week holding `period.from`), as a
 * balanced tree of comparisons of `created` with each later Monday: ~6 text comparisons a row for
 * a year, cheaper than parsing dates in SQL, and identical SQL on both databases.
 */
function weekIndex(mondays: string[], low = 0, high = mondays.length): RawBuilder<number> {
  if (low === high) return sql<number>`${sql.lit(low)}`;
  const middle = Math.ceil((low + high) / 2);
  return sql<number>`CASE WHEN created < ${mondays[middle - 1]} THEN ${weekIndex(mondays, low, middle - 1)} ELSE ${weekIndex(mondays, middle, high)} END`;
}

/** Mondays 00:00 UTC after the period's first week and before its end, as ISO instants. */
function laterMondays(period: FunnelPeriod): string[] {
  const mondays: string[] = [];
  for (let day = addDays(isoWeekStart(period.from.slice(0, 10)), 7); `${day}T00:00:00.000Z` < period.to; day = addDays(day, 7)) {
    mondays.push(`${day}T00:00:00.000Z`);
  }
  return mondays;
}

type Count = number | string; // PostgreSQL answers COUNT and SUM as bigint strings

/**
 * One grouping per (company, week) with the furthest step reached that week; from it, per week the
 * companies active, connected and completed, and per company its furthest step of the period.
 */
async function stepsAndWeeks(db: Kysely<Tables>, inPeriod: RawBuilder<unknown>, period: FunnelPeriod): Promise<Pick<FunnelCounts, 'furthest' | 'weeks'>> {
  const { rows } = await sql<{ kind: 'week' | 'furthest'; key: Count; companies: Count; connected: Count; completed: Count }>`
    WITH per_company_week AS (
      SELECT company_id, ${weekIndex(laterMondays(period))} AS week, MAX(${stepRank}) AS furthest
      FROM link_events
      WHERE ${inPeriod} AND ${types(STEP_TYPES)} AND company_id IS NOT NULL
      GROUP BY company_id, 2
    )
    SELECT 'week' AS kind, week AS key, COUNT(*) AS companies,
      SUM(CASE WHEN furthest >= ${sql.lit(CONNECTED_RANK)} THEN 1 ELSE 0 END) AS connected,
      SUM(CASE WHEN furthest >= ${sql.lit(COMPLETED_RANK)} THEN 1 ELSE 0 END) AS completed
    FROM per_company_week GROUP BY week
    UNION ALL
    SELECT 'furthest', furthest, COUNT(*), 0, 0
    FROM (SELECT company_id, MAX(furthest) AS furthest FROM per_company_week GROUP BY company_id) per_company
    GROUP BY furthest`.execute(db);
  const firstMonday = isoWeekStart(period.from.slice(0, 10));
  const byKey = (a: { key: Count }, b: { key: Count }) => Number(a.key) - Number(b.key);
  return {
    furthest: rows
      .filter((row) => row.kind === 'furthest')
      .sort(byKey)
      .map((row) => ({ step: FUNNEL_STEPS[Number(row.key) - 1]!, companies: Number(row.companies) })),
    weeks: rows
      .filter((row) => row.kind === 'week')
      .sort(byKey)
      .map((row) => ({
        weekStart: addDays(firstMonday, 7 * Number(row.key)),
        opened: Number(row.companies),
        connected: Number(row.connected),
        completed: Number(row.completed),
      })),
  };
}

/**
 * Companies that attempted, connected and failed authorization, per platform and per category,
 * from one grouping per (platform, company). A category's figures are distinct companies over its
 * platforms, not sums: a customer who tried two accounting platforms is one customer of Accounting.
 */
async function authorizationCounts(db: Kysely<Tables>, inPeriod: RawBuilder<unknown>): Promise<Pick<FunnelCounts, 'categories' | 'platforms'>> {
  const { rows } = await sql<{ source_type: string; platform_key: string | null; started: Count; connected: Count; failed: Count }>`
    WITH per_platform_company AS (
      SELECT source_type, platform_key, company_id,
        MAX(CASE WHEN type = 'connected' THEN 1 ELSE 0 END) AS connected,
        MAX(CASE WHEN type = 'failed' THEN 1 ELSE 0 END) AS failed
      FROM link_events
      WHERE ${inPeriod} AND ${types(AUTHORIZATION_ATTEMPT_EVENTS)}
        AND company_id IS NOT NULL AND source_type IS NOT NULL AND platform_key IS NOT NULL
      GROUP BY source_type, platform_key, company_id
    )
    SELECT source_type, platform_key, COUNT(*) AS started, SUM(connected) AS connected, SUM(failed) AS failed
    FROM per_platform_company GROUP BY source_type, platform_key
    UNION ALL
    SELECT source_type, NULL, COUNT(DISTINCT company_id),
      COUNT(DISTINCT CASE WHEN connected = 1 THEN company_id END),
      COUNT(DISTINCT CASE WHEN failed = 1 THEN company_id END)
    FROM per_platform_company GROUP BY source_type`.execute(db);
  const counts = (row: (typeof rows)[number]): AuthorizationCounts => ({ started: Number(row.started), connected: Number(row.connected), failed: Number(row.failed) });
  // Most attempted first, then by name, so the order is stable.
  const ordered = rows.sort((a, b) => Number(b.started) - Number(a.started) || compare(a.source_type, b.source_type) || compare(a.platform_key ?? '', b.platform_key ?? ''));
  return {
    categories: ordered.filter((row) => row.platform_key === null).map((row) => ({ sourceType: row.source_type, ...counts(row) })),
    platforms: ordered.flatMap((row) => (row.platform_key === null ? [] : [{ platformKey: row.platform_key, sourceType: row.source_type, ...counts(row) }])),
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
