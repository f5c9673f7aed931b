/**
 * Linked OAuth connections the client can use, against a real authorization server
 * (oidc-provider) that rotates refresh tokens (a second use of one is invalid_grant and revokes
 * the grant) and issues 30-second access tokens: reads refresh exactly when due, concurrent reads
 * share one refresh, a revoked grant Deauthorizes with a verified webhook, and passing failures
 * keep the connection Linked until they have lasted TOKEN_REFRESH_FAILURE_DAYS separate days.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASIC_CLIENT, listenOidcServer, type OidcServer } from '../oauth/support/oidc-server.js';
import { TEST_DIALECTS } from '../support/databases.js';
import { adjustableClock, linkThroughOidc, writeOidcProvidersFile } from '../support/oidc-linking.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const DAY_MS = 86_400_000;
/** Past the effective margin of a 30-second token (half its lifetime), not past its expiry. */
const PAST_MARGIN_MS = 16_000;

describe.each(TEST_DIALECTS)('connection access tokens on %s', (dialect) => {
  const clock = adjustableClock();
  let as: OidcServer;
  let doorway: RunningDoorway;
  let receiver: WebhookReceiver;

  const tokenPath = (link: { companyId: string; connectionId: string }) => `/companies/${link.companyId}/connections/${link.connectionId}/accessToken`;
  const refreshes = () => as.tokenRequests.refresh_token ?? 0;

  beforeAll(async () => {
    const pending = await listenOidcServer({ rotateRefreshToken: true, accessTokenTtlSeconds: 30 });
    const providersFile = writeOidcProvidersFile([{ key: 'tbks', name: 'Test Books', issuer: pending.issuer, auth: { refreshTokenRotates: true } }]);
    doorway = await startDoorway({
      dialect,
      clock,
      webhookWorker: true,
      config: {
        providersFile,
        webhooks: { worker: 'off', allowPrivateDestinations: true, retryScheduleSeconds: [0, 0, 0], retentionDays: 30, timeoutMs: 2000, concurrency: 8 },
      },
    });
    as = pending.configure([`${doorway.url}/link/oauth/callback`]);
    expect((await doorway.api('PUT', '/integrations/tbks/settings', { enabled: true, clientId: BASIC_CLIENT.clientId, clientSecret: BASIC_CLIENT.clientSecret })).status).toBe(200);
    receiver = await startWebhookReceiver();
    const consumer = await doorway.api('POST', '/webhooks', { url: receiver.url, eventTypes: ['connection.disconnected'] });
    receiver.secrets.push((await doorway.api('GET', `/webhooks/${consumer.json.id}/secret`)).json.key as string);
  });

  afterAll(async () => {
    await doorway?.close();
    await as?.close();
    await receiver?.close();
  });

  it('answers a fresh token without a refresh, and refreshes exactly once past the effective margin', async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    const before = refreshes();
    const first = await doorway.api('GET', tokenPath(link));
    expect(first.status).toBe(200);
    expect(Object.keys(first.json).sort()).toEqual(['accessToken', 'connectionInfo', 'expiresAt', 'scopes', 'tokenType']);
    expect(first.json).toMatchObject({ tokenType: 'bearer', scopes: expect.arrayContaining(['accounting.read', 'offline_access']) });
    expect(JSON.stringify(first.json)).not.toMatch(/refresh/i);
    expect(refreshes()).toBe(before);

    clock.advance(PAST_MARGIN_MS);
    const second = await doorway.api('GET', tokenPath(link));
    expect(second.status).toBe(200);
    expect(second.json.accessToken).not.toBe(first.json.accessToken);
    expect(Date.parse(second.json.expiresAt as string)).toBeGreaterThan(Date.parse(first.json.expiresAt as string));
    expect(refreshes()).toBe(before + 1);

    // Fresh again: no second refresh; forceRefresh asks for one anyway.
    expect((await doorway.api('GET', tokenPath(link))).json.accessToken).toBe(second.json.accessToken);
    expect(refreshes()).toBe(before + 1);
    const forced = await doorway.api('GET', `${tokenPath(link)}?forceRefresh=true`);
    expect(forced.json.accessToken).not.toBe(second.json.accessToken);
    expect(refreshes()).toBe(before + 2);
    expect((await doorway.api('GET', `${tokenPath(link)}?forceRefresh=maybe`)).status).toBe(400);
  });

  it('spends one refresh token for 50 concurrent reads of an expiring connection', async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    const before = refreshes();
    clock.advance(PAST_MARGIN_MS);
    const reads = await Promise.all(Array.from({ length: 50 }, () => doorway.api('GET', tokenPath(link))));
    expect(reads.map((read) => read.status)).toEqual(Array(50).fill(200));
    expect(new Set(reads.map((read) => read.json.accessToken)).size).toBe(1);
    expect(refreshes()).toBe(before + 1);
    // A second spend of the rotated refresh token would have revoked the grant: it still refreshes.
    clock.advance(PAST_MARGIN_MS);
    expect((await doorway.api('GET', tokenPath(link))).status).toBe(200);
    expect(refreshes()).toBe(before + 2);
  });

  it('Deauthorizes a connection whose grant was revoked, with a verified connection.disconnected webhook', async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    as.revokeGrants();
    clock.advance(PAST_MARGIN_MS);
    const read = await doorway.api('GET', tokenPath(link));
    expect(read.status).toBe(409);
    expect(read.json.error).toMatch(/Deauthorized since \d{4}-\d\d-\d\dT.*invalid_grant/);

    const connection = (await doorway.api('GET', `/companies/${link.companyId}/connections/${link.connectionId}`)).json;
    expect(connection.status).toBe('Deauthorized');
    expect(connection.dataConnectionErrors.at(-1)).toMatchObject({ status: 'Active', statusCode: '400', statusText: 'Token request rejected (invalid_grant)' });
    await receiver.waitFor((received) => received.some((r) => r.event.payload.connection?.id === link.connectionId));
    const event = receiver.received.find((r) => r.event.payload.connection?.id === link.connectionId)!;
    expect(event.event).toMatchObject({ eventType: 'connection.disconnected', payload: { connection: { status: 'Deauthorized' }, referenceCompany: { id: link.companyId } } });
    expect(await doorway.runtime.deps.store.tokenRefresh.find(link.connectionId)).toBeUndefined();
    // Asking again does not go back to the platform.
    const requests = refreshes();
    expect((await doorway.api('GET', tokenPath(link))).status).toBe(409);
    expect(refreshes()).toBe(requests);
  });

  it('keeps a connection Linked through passing failures, retrying with backoff, and Deauthorizes it on the fourth separate day', async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    as.failTokenRequests(503);
    try {
      const before = refreshes();
      clock.advance(PAST_MARGIN_MS);
      // Day 1: the refresh fails, but the stored token is still valid: the client gets it.
      const stillValid = await doorway.api('GET', tokenPath(link));
      expect(stillValid.status).toBe(200);
      expect(refreshes()).toBe(before + 1);
      let state = await doorway.runtime.deps.store.tokenRefresh.find(link.connectionId);
      expect(state).toMatchObject({ failureDays: 1, lastError: expect.stringContaining('HTTP 503') });
      const retryInMs = Date.parse(state!.dueAt!) - clock.now().getTime();
      expect(retryInMs).toBeGreaterThan(20_000);
      expect(retryInMs).toBeLessThanOrEqual(3_600_000);

      // The background job retries once the backoff has passed (connections of earlier tests may be due too); the same day counts once.
      clock.advance(retryInMs + 1000);
      expect(await doorway.runtime.tokenRefreshJob.runOnce()).toBeGreaterThanOrEqual(1);
      expect(refreshes()).toBeGreaterThanOrEqual(before + 2);
      const retried = await doorway.runtime.deps.store.tokenRefresh.find(link.connectionId);
      expect(retried).toMatchObject({ failureDays: 1, failingSince: state!.failingSince, leaseUntil: null });
      expect(Date.parse(retried!.dueAt!)).toBeGreaterThan(clock.now().getTime());

      for (const day of [2, 3]) {
        clock.advance(DAY_MS);
        const expired = await doorway.api('GET', tokenPath(link));
        expect(expired.status).toBe(409);
        expect(expired.json.error).toMatch(/expired and refreshing it failed/);
        expect((await doorway.api('GET', `/companies/${link.companyId}/connections/${link.connectionId}`)).json.status).toBe('Linked');
        expect((await doorway.runtime.deps.store.tokenRefresh.find(link.connectionId))?.failureDays).toBe(day);
      }
      clock.advance(DAY_MS);
      const given = await doorway.api('GET', tokenPath(link));
      expect(given.status).toBe(409);
      expect(given.json.error).toMatch(/Deauthorized since .*failed on 4 separate days/);
      expect((await doorway.api('GET', `/companies/${link.companyId}/connections/${link.connectionId}`)).json.status).toBe('Deauthorized');
      // The event is in the outbox (the receiver would refuse its signature: Doorway's clock is days ahead of the receiver's).
      const events = await doorway.runtime.database.db.selectFrom('webhook_events').select('body').execute();
      expect(events.map((e) => JSON.parse(e.body) as { eventType: string; payload: { connection: { id: string } } }).filter((e) => e.payload.connection?.id === link.connectionId && e.eventType === 'connection.disconnected')).toEqual([
        expect.objectContaining({ payload: expect.objectContaining({ connection: expect.objectContaining({ status: 'Deauthorized' }) }) }),
      ]);
    } finally {
      as.failTokenRequests(null);
    }
  });

  it('stores nothing when the connection was unlinked while the platform answered a refresh', async () => {
    const link = await linkThroughOidc(doorway, 'tbks');
    const connectionPath = `/companies/${link.companyId}/connections/${link.connectionId}`;
    const clientId = doorway.runtime.defaultClient.client.id;
    // The token request is held at the authorization server until the unlink has committed.
    as.beforeTokenRequest(async () => {
      expect((await doorway.api('PATCH', connectionPath, { status: 'Unlinked' })).status).toBe(200);
      expect(await doorway.runtime.deps.store.connections.readCredentials(clientId, link.connectionId)).toBeNull();
    });
    const before = refreshes();
    const read = await doorway.api('GET', `${tokenPath(link)}?forceRefresh=true`);
    expect(refreshes()).toBe(before + 1);
    expect(read.status).toBe(409);
    expect(read.json.error).toMatch(/Unlinked/);
    // The refresh's new tokens did not land on the Unlinked row, whose tokens the unlink erased.
    expect(await doorway.runtime.deps.store.connections.readCredentials(clientId, link.connectionId)).toBeNull();
    expect((await doorway.api('GET', connectionPath)).json.status).toBe('Unlinked');
  });

  it('answers 404 for an unknown connection and 409 for one that is not Linked', async () => {
    const companyId = (await doorway.api('POST', '/companies', { name: 'Pending Ltd' })).json.id as string;
    const pending = (await doorway.api('POST', `/companies/${companyId}/connections`, { platformKey: 'tbks' })).json;
    const notLinked = await doorway.api('GET', tokenPath({ companyId, connectionId: pending.id as string }));
    expect(notLinked.status).toBe(409);
    expect(notLinked.json.error).toMatch(/PendingAuth/);
    expect((await doorway.api('GET', tokenPath({ companyId, connectionId: '0193a1b2-0000-7000-8000-00000000abcd' }))).status).toBe(404);
  });
});
