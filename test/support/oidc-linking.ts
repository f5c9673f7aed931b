import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { followRedirectsUntil } from '../oauth/support/browser.js';
import type { Clock } from '../../src/domain/clock.js';
import { HttpLinkClient } from './http-link-client.js';
import type { RunningDoorway } from './start-doorway.js';

/** A Doorway clock that runs with real time but can be moved forward (token expiry, daily schedules). */
export interface AdjustableClock extends Clock {
  advance(ms: number): void;
}

export function adjustableClock(): AdjustableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      offsetMs += ms;
    },
  };
}

/** An operator providers file (DOORWAY_PROVIDERS_FILE) with OAuth platforms served by test authorization servers. */
export function writeOidcProvidersFile(platforms: { key: string; name: string; issuer: string; auth?: Record<string, unknown> }[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-providers-')), 'providers.json');
  const providers = platforms.map(({ key, name, issuer, auth }) => ({
    key,
    name,
    sourceType: 'Accounting',
    auth: {
      type: 'oauth2',
      authorizationUrl: `${issuer}/auth`,
      tokenUrl: `${issuer}/token`,
      scopes: ['openid', 'offline_access', 'accounting.read'],
      tokenEndpointAuth: 'client_secret_basic',
      // oidc-provider issues a refresh token for offline_access only with explicit consent.
      authorizationParams: { prompt: 'consent' },
      ...auth,
    },
  }));
  fs.writeFileSync(file, JSON.stringify({ providers }));
  return file;
}

/**
 * Links a new company's connection to `platformKey` the way a business does, over plain HTTP:
 * Link page, platform, consent, the authorization server's automated login and consent, callback.
 */
export async function linkThroughOidc(doorway: RunningDoorway, platformKey: string): Promise<{ companyId: string; connectionId: string }> {
  const companyId = (await doorway.api('POST', '/companies', { name: 'Refreshing Ltd' })).json.id as string;
  const browser = new HttpLinkClient(doorway.url);
  const { sessionId } = await browser.open(`/link/company/${companyId}`);
  const chosen = await browser.api(sessionId, 'POST', '/connections', { platformKey });
  const connectionId = chosen.json.connection.id as string;
  const consent = await browser.api(sessionId, 'POST', `/connections/${connectionId}/consent`);
  const toPlatform = await browser.follow(consent.json.next.url as string);
  const callback = await followRedirectsUntil(new URL(toPlatform.location!, doorway.url).href, `${doorway.url}/link/oauth/callback`);
  const back = await browser.follow(callback.href);
  expect(back.location).toBe(`/link/s/${sessionId}?result=${connectionId}`);
  const connection = await doorway.api('GET', `/companies/${companyId}/connections/${connectionId}`);
  expect(connection.json.status).toBe('Linked');
  return { companyId, connectionId };
}
