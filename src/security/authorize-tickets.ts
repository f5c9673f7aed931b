import { createSignedClaims } from './signed-claims.js';

/**
 * Embedded Link's ticket into the platform's authorization (docs/embedded-link.md): the consent
 * answer of an embedded session names it in the embedded authorize URL, which the popup opens.
 * The popup carries no access token and, on the client's origin, cannot send the page's session
 * header, so this short-lived signed claim is what proves the session asked for this connection.
 */
export interface AuthorizeTicketClaims {
  sessionId: string;
  connectionId: string;
  expiresAt: number; // unix seconds
}

export interface AuthorizeTickets {
  issue(claims: AuthorizeTicketClaims): string;
  verify(ticket: string, nowSeconds: number): AuthorizeTicketClaims | undefined;
}

/** Long enough to pass a slow platform's sign-in page to the popup, short enough to be useless later. */
export const AUTHORIZE_TICKET_TTL_SECONDS = 600;

export function createAuthorizeTickets(signingKey: Buffer): AuthorizeTickets {
  const signed = createSignedClaims(signingKey, 'dwt_');
  return {
    issue: (claims) => signed.sign({ s: claims.sessionId, c: claims.connectionId, exp: claims.expiresAt }),
    verify(ticket, nowSeconds) {
      const parsed = signed.open(ticket) as { s: string; c: string; exp: number } | undefined;
      if (!parsed || parsed.exp <= nowSeconds) return undefined;
      return { sessionId: parsed.s, connectionId: parsed.c, expiresAt: parsed.exp };
    },
  };
}
