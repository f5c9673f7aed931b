import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../../domain/errors.js';
import { roleAllows, type StaffRole } from '../../domain/portal/staff.js';
import { authenticateStaffSession } from '../../services/portal-auth/authenticate-staff-session.js';
import type { ServiceDeps } from '../../services/deps.js';
import { readSessionCookie } from './portal-cookies.js';
import type { PortalEnv } from './portal-env.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const sameToken = (a: string | undefined, b: string): boolean => {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/**
 * A state-changing request must come from Doorway's own Portal page: the browser's Origin (when
 * it sends one) must be Doorway's, and the page must echo its CSRF token in a header, which a
 * cross-site page can neither read nor send without a CORS preflight that nothing here answers.
 */
export function checkCsrf(c: Context, expected: string, publicOrigin: string): void {
  const origin = c.req.header('Origin');
  if (origin !== undefined && origin !== publicOrigin) throw new AppError('FORBIDDEN', 'This request did not come from the Portal.');
  if (!sameToken(c.req.header('X-CSRF-Token'), expected)) {
    throw new AppError('FORBIDDEN', 'This request is missing its CSRF token. Reload the page and try again.');
  }
}

/**
 * Every Portal API route behind it needs a live session; changes also need the session's CSRF
 * token. Sets `staff` (the actor: its clientId scopes every service call) and `staffSession`.
 */
export function requireStaff(deps: Pick<ServiceDeps, 'store' | 'clock'>, publicOrigin: string): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c);
    const found = token ? await authenticateStaffSession(deps, token) : undefined;
    if (!found) throw new AppError('UNAUTHORIZED', 'Your session has ended. Sign in again.');
    if (!SAFE_METHODS.has(c.req.method)) checkCsrf(c, found.session.csrfToken, publicOrigin);
    c.set('staff', found.actor);
    c.set('staffSession', found.session);
    c.set('actor', { clientId: found.actor.clientId });
    await next();
  };
}

/** Refuses (403) a signed-in user whose role is below `needed`. Call it first in a handler that changes things. */
export function requireRole(c: Context<PortalEnv>, needed: StaffRole): void {
  if (!roleAllows(c.get('staff').role, needed)) {
    throw new AppError('FORBIDDEN', needed === 'admin' ? 'Only admins can do that.' : 'Your role can view this but not change it.');
  }
}

/** Middleware form of `requireRole`, for a whole group of routes. */
export const allowRole =
  (needed: StaffRole): MiddlewareHandler<PortalEnv> =>
  async (c, next) => {
    requireRole(c, needed);
    await next();
  };
