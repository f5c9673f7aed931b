/**
 * The Portal JSON API's auth funnel contract (`GET /portal/api/funnel?from=&to=`): a response
 * type the browser imports (`import type` only). What each figure counts is documented in
 * docs/portal.md ("Auth funnel") and `src/services/link/get-auth-funnel.ts`; every figure is a
 * number of customers (companies), never of visits.
 */

export type FunnelStepName = 'opened' | 'platform_chosen' | 'consent_given' | 'authorization_started' | 'connected' | 'completed';

export interface AuthorizationCountsView {
  started: number;
  connected: number;
  failed: number;
}

export interface AuthFunnelView {
  /** Inclusive UTC days, `YYYY-MM-DD`. */
  period: { from: string; to: string };
  /** The first whole UTC day whose Link events are all still kept (LINK_EVENT_RETENTION_DAYS); older ones are pruned. */
  eventsKeptFrom: string | null;
  /** Customers reaching each step or a later one, in step order. */
  steps: Array<{ step: FunnelStepName; companies: number }>;
  /** Customers that did not complete, by the furthest step they reached. */
  dropOut: Array<{ step: FunnelStepName; companies: number }>;
  categories: Array<{ sourceType: string } & AuthorizationCountsView>;
  /** `platformName`: the provider's name, or its key when the platform is no longer configured. */
  platforms: Array<{ platformKey: string; platformName: string; sourceType: string } & AuthorizationCountsView>;
  /** Every ISO week (Monday, UTC) of the period. */
  weeks: Array<{ weekStart: string; opened: number; connected: number; completed: number; completionRate: number | null }>;
}
