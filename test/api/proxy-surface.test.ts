/**
 * The proxy surface itself: documented as a Doorway extension, behind the API key, and with
 * private destinations refused (OUTBOUND_ALLOW_PRIVATE_DESTINATIONS off) a platform API on a
 * loopback address is refused without naming it, while the built-in Sandbox's API, which is
 * Doorway itself under PUBLIC_URL, stays reachable.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESTINATION_NOT_ALLOWED } from '../../src/outbound/destination-guard.js';
import { rawRequest, startPlatformApiServer, type PlatformApiServer } from '../support/platform-api-server.js';
import { linkSandboxConnection } from '../support/proxy-connections.js';
import { startDoorway, type RunningDoorway } from '../support/start-doorway.js';

describe('the proxy surface, behind the destination guard', () => {
  let platform: PlatformApiServer;
  let doorway: RunningDoorway;
  beforeAll(async () => {
    platform = await startPlatformApiServer();
    const providersFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'doorway-proxy-')), 'providers.json');
    const api = { baseUrl: `${platform.url}/api` };
    fs.writeFileSync(providersFile, JSON.stringify([{ key: 'mqjo', name: 'Sandbox', sourceType: 'Accounting', isSandbox: true, auth: { type: 'sandbox' }, api }]));
    doorway = await startDoorway({ config: { providersFile, outbound: { allowPrivateDestinations: false } } });
  });
  afterAll(async () => {
    await doorway?.close();
    await platform?.close();
  });

  it('is described in the OpenAPI document as a Doorway extension', async () => {
    const document = (await (await fetch(`${doorway.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, { tags: string[] }>> };
    const operations = document.paths['/companies/{companyId}/connections/{connectionId}/proxy/{path}'];
    expect(Object.keys(operations ?? {}).sort()).toEqual(['delete', 'get', 'patch', 'post', 'put']);
    expect(operations!.get!.tags).toContain('Doorway extensions');
  });

  it('requires the API key', async () => {
    const linked = await linkSandboxConnection(doorway);
    const response = await rawRequest(doorway.url, `${linked.proxy}/echo`);
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ statusCode: 401, service: 'PublicApi' });
  });

  it('refuses a private platform address with 502, without saying which address', async () => {
    const linked = await linkSandboxConnection(doorway);
    platform.acceptedTokens.add(linked.accessToken);
    const response = await rawRequest(doorway.url, `${linked.proxy}/echo`, { headers: { Authorization: doorway.authHeader } });
    expect(response.status).toBe(502);
    const body = JSON.parse(response.body) as { error: string };
    expect(body.error).toContain(DESTINATION_NOT_ALLOWED);
    expect(body.error).not.toContain('127.0.0.1');
    expect(body.error).not.toContain('loopback');
    expect(platform.received).toHaveLength(0);
  });

  it("still reaches the built-in Sandbox's API, which is Doorway itself", async () => {
    const linked = await linkSandboxConnection(doorway, 'bnks');
    const response = await rawRequest(doorway.url, `${linked.proxy}/banking/accounts?page=1`, { headers: { Authorization: doorway.authHeader } });
    expect(response.status, response.body).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ results: expect.any(Array) });
  });
});
