import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HttpLinkClient } from './http-link-client.js';

/** Writes a DOORWAY_PROVIDERS_FILE holding these definitions; returns its path. */
export function writeProvidersFile(definitions: unknown[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-providers-')), 'providers.json');
  fs.writeFileSync(file, JSON.stringify({ providers: definitions }));
  return file;
}

/** "Test Books" (`tbks`), an accounting platform served by the oidc-provider test server at `issuer`. */
export function oidcTestPlatform(issuer: string, auth: Record<string, unknown> = {}, definition: Record<string, unknown> = {}) {
  return {
    key: 'tbks',
    name: 'Test Books',
    sourceType: 'Accounting',
    auth: { type: 'oauth2', authorizationUrl: `${issuer}/auth`, tokenUrl: `${issuer}/token`, tokenEndpointAuth: 'client_secret_basic', scopes: ['openid'], ...auth },
    ...definition,
  };
}

/**
 * Follows redirects from `startUrl` (through the platform's automated login and consent) until
 * Doorway's OAuth callback has answered; returns that answer.
 */
export async function authorizeThroughRedirects(browser: HttpLinkClient, startUrl: string, doorwayUrl: string) {
  let url = new URL(startUrl, doorwayUrl);
  for (let hop = 0; hop < 12; hop++) {
    const response = await browser.request('GET', url.href);
    if (url.pathname === '/link/oauth/callback') return response;
    if (!response.location) throw new Error(`no redirect from ${url.href} (HTTP ${response.status}): ${response.text.slice(0, 200)}`);
    url = new URL(response.location, url);
  }
  throw new Error('too many redirects');
}
