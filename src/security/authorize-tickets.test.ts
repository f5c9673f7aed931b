import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAuthorizeTickets } from './authorize-tickets.js';
import { createCompanyAccessTokens } from './company-access-tokens.js';

describe('embedded authorize tickets', () => {
  const key = randomBytes(32);
  const tickets = createAuthorizeTickets(key);
  const claims = { sessionId: 'session-1', connectionId: 'connection-1', expiresAt: 2_000 };

  it('verifies its own ticket until it expires', () => {
    const ticket = tickets.issue(claims);
    expect(ticket).toMatch(/^dwt_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(tickets.verify(ticket, 1_999)).toEqual(claims);
    expect(tickets.verify(ticket, 2_000)).toBeUndefined();
  });

  it('rejects another connection, other keys, a company access token and garbage', () => {
    const ticket = tickets.issue(claims);
    const signature = ticket.split('.')[1];
    const forged = Buffer.from(JSON.stringify({ s: 'session-1', c: 'connection-2', exp: 2_000 })).toString('base64url');
    expect(tickets.verify(`dwt_${forged}.${signature}`, 1_000)).toBeUndefined();
    expect(createAuthorizeTickets(randomBytes(32)).verify(ticket, 1_000)).toBeUndefined();
    // Even signed with the same key, another purpose's value never passes as a ticket.
    expect(tickets.verify(createCompanyAccessTokens(key).issue({ clientId: 'a', companyId: 'b', expiresAt: 2_000 }), 1_000)).toBeUndefined();
    expect(tickets.verify('', 1_000)).toBeUndefined();
    expect(tickets.verify(`dwt_${'a'.repeat(5_000)}.b`, 1_000)).toBeUndefined();
  });
});
