import type { LinkEventType } from './link-session.js';

/**
 * The authorization funnel's steps, in order. A customer (a company) "reached" a step in a period
 * if it has an event of that step *or of any later step* in the period: the Link flow legitimately
 * skips steps (an API-key platform's form goes from consent straight to `connected`, with no
 * `authorization_started`; a visit opened the day before the period may connect inside it), and
 * counting only literal events would let a later step outnumber an earlier one.
 */
export const FUNNEL_STEPS = ['opened', 'platform_chosen', 'consent_given', 'authorization_started', 'connected', 'completed'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/**
 * Which step each event type is evidence of. `failed` is an authorization that was attempted and
 * did not connect (an OAuth callback's error, an API-key form refused), so it proves
 * "authorization started". `category_chosen`, `exited`, `disconnected` and `company_created` are
 * no step: choosing a tab, leaving and unlinking say nothing about how far authorization got.
 */
export const FUNNEL_STEP_OF_EVENT: Partial<Record<LinkEventType, FunnelStep>> = {
  opened: 'opened',
  platform_chosen: 'platform_chosen',
  consent_given: 'consent_given',
  authorization_started: 'authorization_started',
  failed: 'authorization_started',
  connected: 'connected',
  completed: 'completed',
};

/** Event types that count as an attempt to authorize a platform (per-category and per-platform "started"). */
export const AUTHORIZATION_ATTEMPT_EVENTS = ['authorization_started', 'connected', 'failed'] as const satisfies readonly LinkEventType[];

/** A half-open UTC instant range, `from` inclusive and `to` exclusive (ISO-8601 strings). */
export interface FunnelPeriod {
  from: string;
  to: string;
}

export interface AuthorizationCounts {
  /** Companies that attempted authorization (authorization_started, connected or failed). */
  started: number;
  connected: number;
  failed: number;
}

/** What storage computes in SQL; everything else in `AuthFunnel` is derived from it. */
export interface FunnelCounts {
  /** Companies by the furthest step they reached in the period (steps nobody reached are absent). */
  furthest: Array<{ step: FunnelStep; companies: number }>;
  categories: Array<{ sourceType: string } & AuthorizationCounts>;
  platforms: Array<{ platformKey: string; sourceType: string } & AuthorizationCounts>;
  /** Per ISO week (Monday, UTC) with any funnel event: companies active that week, by how far they got that week. */
  weeks: Array<{ weekStart: string; opened: number; connected: number; completed: number }>;
}

export interface WeeklyFunnel {
  /** Monday of the ISO week, `YYYY-MM-DD` (UTC); the first and last weeks may be cut by the period. */
  weekStart: string;
  opened: number;
  connected: number;
  completed: number;
  /** completed ÷ opened of that week; null when nobody opened Link that week. */
  completionRate: number | null;
}

export interface AuthFunnel {
  /** The period as asked: inclusive UTC days `YYYY-MM-DD`. */
  period: { from: string; to: string };
  /** The first whole UTC day whose events are all still kept (older ones are pruned), when known. */
  eventsKeptFrom: string | null;
  /** Companies reaching each step (or a later one), in step order; never increasing. */
  steps: Array<{ step: FunnelStep; companies: number }>;
  /** Companies that did not complete, by the last step they reached (every step but `completed`). */
  dropOut: Array<{ step: FunnelStep; companies: number }>;
  categories: FunnelCounts['categories'];
  platforms: FunnelCounts['platforms'];
  /** Every week of the period, weeks without events as zeros. */
  weeks: WeeklyFunnel[];
}

/** Monday (UTC) of the ISO week holding `day` (`YYYY-MM-DD`). */
export function isoWeekStart(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** The funnel the Portal shows, from the counts storage computed. */
export function buildAuthFunnel(period: { from: string; to: string }, counts: FunnelCounts, eventsKeptFrom: string | null = null): AuthFunnel {
  const furthestOf = new Map(counts.furthest.map((row) => [row.step, row.companies]));
  const steps = FUNNEL_STEPS.map((step, index) => ({
    step,
    companies: FUNNEL_STEPS.slice(index).reduce((sum, later) => sum + (furthestOf.get(later) ?? 0), 0),
  }));
  const dropOut = FUNNEL_STEPS.filter((step) => step !== 'completed').map((step) => ({ step, companies: furthestOf.get(step) ?? 0 }));
  const byWeek = new Map(counts.weeks.map((week) => [week.weekStart, week]));
  const weeks: WeeklyFunnel[] = [];
  for (let week = isoWeekStart(period.from); week <= period.to; week = addDays(week, 7)) {
    const { opened = 0, connected = 0, completed = 0 } = byWeek.get(week) ?? {};
    weeks.push({ weekStart: week, opened, connected, completed, completionRate: opened > 0 ? completed / opened : null });
  }
  return { period, eventsKeptFrom, steps, dropOut, categories: counts.categories, platforms: counts.platforms, weeks };
}

/** `day` (`YYYY-MM-DD`) moved by `days`, in UTC. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
