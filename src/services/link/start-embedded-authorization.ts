import { AppError } from '../../domain/errors.js';
import type { LinkDeps } from './link-deps.js';
import { hashBrowserSecret } from './require-link-session.js';
import { startAuthorization } from './start-authorization.js';

export const TICKET_REFUSED = 'This sign-in link has expired or is not valid. Please close this window and try connecting again.';
const RETURN_URL_MAX_LENGTH = 2000;

/**
 * `GET /link/embed/authorize?ticket=…[&returnUrl=…]`: the popup (or, when popups are blocked,
 * the client's whole page) of an embedded session starts the platform's authorization. The
 * ticket is the proof that the session asked for it (there is no session cookie to check); the
 * OAuth state is bound to this window's own browser cookie, so only this window can complete it.
 * It writes nothing but the OAuth state, which expires and is pruned like every other.
 */
export async function startEmbeddedAuthorization(
  deps: LinkDeps,
  input: { ticket: string; browserSecret: string; returnUrl: string | undefined },
): Promise<string> {
  const now = deps.clock.now();
  const claims = deps.authorizeTickets.verify(input.ticket, Math.floor(now.getTime() / 1000));
  const session = claims && (await deps.store.linkSessions.find(claims.sessionId));
  if (!claims || !session || session.embed === null || session.expiresAt <= now.toISOString()) throw new AppError('FORBIDDEN', TICKET_REFUSED);
  const returnUrl = input.returnUrl === undefined ? null : returnUrlOn(session.embed.origin, input.returnUrl);
  return startAuthorization(deps, session, claims.connectionId, { browserHash: hashBrowserSecret(input.browserSecret), returnUrl });
}

/** A full-page round trip may only come back to the page's own origin, exactly: anything else would be an open redirect. */
function returnUrlOn(origin: string, returnUrl: string): string {
  const parsed = returnUrl.length <= RETURN_URL_MAX_LENGTH && URL.canParse(returnUrl) ? new URL(returnUrl) : undefined;
  if (!parsed || parsed.origin !== origin || parsed.username || parsed.password) {
    throw new AppError('BAD_REQUEST', 'This sign-in link cannot return to that page. Please go back to the application and try again.');
  }
  return parsed.href;
}
