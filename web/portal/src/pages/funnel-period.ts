/**
 * The Auth funnel page's period, kept in the URL query so a reload or a shared link shows the
 * same figures: `?days=7|30|90|365` (a preset ending today, UTC) or `?from=YYYY-MM-DD&to=YYYY-MM-DD`.
 * The server checks the dates; this only turns the query into the API's `from`/`to`.
 */
export const PRESET_DAYS = [7, 30, 90, 365] as const;
export const DEFAULT_DAYS = 30;

export interface FunnelPeriodChoice {
  from: string;
  to: string;
  /** The preset in use, or undefined for custom dates. */
  days: number | undefined;
}

const DAY_MS = 86_400_000;
export const utcDay = (date: Date) => date.toISOString().slice(0, 10);

export function periodFromQuery(query: URLSearchParams, now: Date): FunnelPeriodChoice {
  const from = query.get('from');
  const to = query.get('to');
  if (from && to) return { from, to, days: undefined };
  const asked = Number(query.get('days'));
  const days = (PRESET_DAYS as readonly number[]).includes(asked) ? asked : DEFAULT_DAYS;
  return { from: utcDay(new Date(now.getTime() - (days - 1) * DAY_MS)), to: utcDay(now), days };
}

export const funnelApiPath = (period: FunnelPeriodChoice) => `/funnel?from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
