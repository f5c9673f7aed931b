import { addDays, buildAuthFunnel, type AuthFunnel } from '../../domain/link/auth-funnel.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import type { LinkDeps } from './link-deps.js';

/** The longest period one funnel covers: a year, leap day included. */
export const MAX_FUNNEL_DAYS = 366;
/** Without a period: the last 30 days, today (UTC) included. */
export const DEFAULT_FUNNEL_DAYS = 30;

export interface AuthFunnelInput {
  /** First day of the period, `YYYY-MM-DD` (UTC), inclusive. */
  from?: string | undefined;
  /** Last day of the period, `YYYY-MM-DD` (UTC), inclusive. */
  to?: string | undefined;
}

/**
 * The Hosted Link authorization funnel of the actor's client for a period of whole UTC days.
 *
 * Customers, not visits: every figure counts distinct companies, so a customer who reopens Link
 * (each page load is a new session) or opens it in two tabs is one customer, and completion rates
 * say what share of customers got through rather than being diluted by reloads.
 *
 * - steps: companies reaching opened → chose a platform → consent → authorization started →
 *   connected → completed in the period, where reaching a step means an event of that step or a
 *   later one (see `FUNNEL_STEPS`): a credentials form has no `authorization_started`, and a
 *   `failed` attempt counts as started.
 * - dropOut: companies that did not complete, by the furthest step they reached.
 * - categories / platforms: companies that attempted authorization (authorization_started,
 *   connected or failed on it), connected, and failed, per source type and per platform.
 * - weeks: per ISO week (Monday, UTC) the companies active that week, how many connected and how
 *   many completed that week, and completed ÷ opened.
 *
 * Events of other clients, and events outside the period, never count; events older than the
 * retention (LINK_EVENT_RETENTION_DAYS) are gone, which `eventsKeptFrom` tells. Counted in SQL by
 * `store.linkEvents.countAuthFunnel`; only the cumulative steps and empty weeks are filled in here.
 */
export async function getAuthFunnel(
  deps: Pick<ServiceDeps, 'store' | 'clock'> & Partial<Pick<LinkDeps, 'linkEventRetentionDays'>>,
  actor: Actor,
  input: AuthFunnelInput = {},
): Promise<AuthFunnel> {
  const now = deps.clock.now();
  const period = resolvePeriod(now, input);
  // The pruner deletes events created before now − retention: the day after that instant is whole.
  const retention = deps.linkEventRetentionDays;
  const keptFrom = retention === undefined ? null : addDays(new Date(now.getTime() - retention * 86_400_000).toISOString().slice(0, 10), 1);
  const counts = await deps.store.linkEvents.countAuthFunnel(actor.clientId, {
    from: `${period.from}T00:00:00.000Z`,
    to: `${addDays(period.to, 1)}T00:00:00.000Z`,
  });
  return buildAuthFunnel(period, counts, keptFrom);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A valid period of whole days, at most a year; either end may be left out. */
export function resolvePeriod(now: Date, input: AuthFunnelInput): { from: string; to: string } {
  const to = input.to ? parseDay('to', input.to) : now.toISOString().slice(0, 10);
  const from = input.from ? parseDay('from', input.from) : addDays(to, -(DEFAULT_FUNNEL_DAYS - 1));
  if (from > to) throw new AppError('BAD_REQUEST', `The period starts (${from}) after it ends (${to}).`);
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days > MAX_FUNNEL_DAYS) throw new AppError('BAD_REQUEST', `The period is ${days} days long; choose at most ${MAX_FUNNEL_DAYS} days.`);
  return { from, to };
}

function parseDay(name: string, value: string): string {
  // Round-tripping through Date rejects days that do not exist (2026-02-30 parses as March 2nd).
  const parsed = DAY.test(value) ? Date.parse(`${value}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== value) {
    throw new AppError('BAD_REQUEST', `'${name}' must be a date like 2026-01-31.`);
  }
  return value;
}
