import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { registerSandboxRoutes } from '../../../src/http/sandbox/sandbox-routes.js';
import { buildAuthorizationUrl, createPkcePair, resolveOAuth2, type ResolvedOAuth2 } from '../../../src/providers/oauth2/index.js';
import { createProviderRegistry } from '../../../src/providers/registry.js';
import { createStore } from '../../../src/storage/kysely/create-store.js';
import { migrateToLatest, openDatabase, type Database } from '../../../src/storage/kysely/database.js';
import type { Store } from '../../../src/storage/ports.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from '../../support/databases.js';

export const SANDBOX_APP = { clientId: 'doorway-sandbox-client', clientSecret: 'sandbox-secret_0123456789' };
export const SANDBOX_START = new Date('2025-06-01T09:00:00.000Z');

export interface SandboxServer {
  readonly publicUrl: string;
  readonly redirectUri: string;
  /** The accounting Sandbox (mqjo) as the OAuth engine resolves it. */
  readonly sandbox: ResolvedOAuth2;
  readonly store: Store;
  /** The Sandbox's clock; reset to SANDBOX_START before each test. */
  now: Date;
  resolve(platformKey: string): ResolvedOAuth2;
}

/**
 * The Sandbox routes on a real HTTP server over a real, migrated database of the given dialect
 * (grants live there), with a settable clock; hooks registered in the calling describe block.
 */
export function sandboxServerForSuite(dialect: TestDialect, ttls = { accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 30 * 86_400 }): SandboxServer {
  let server: ServerType | undefined;
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  const state = { publicUrl: '', store: undefined as Store | undefined, now: SANDBOX_START };
  const registry = createProviderRegistry();
  const resolve = (platformKey: string) => {
    const provider = registry.get(platformKey);
    if (!provider) throw new Error(`${platformKey} is missing from the catalogue`);
    return resolveOAuth2(provider, { publicUrl: state.publicUrl });
  };

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    database = openDatabase(testDb.config);
    await migrateToLatest(database.db, database.dialect);
    const store = createStore(database.db, database.dialect);
    state.store = store;
    // The public URL is only known once listening, so the app is attached after listen.
    let handler: (request: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
    server = await new Promise<ServerType>((done) => {
      const s = serve({ fetch: (request) => handler(request), port: 0, hostname: '127.0.0.1' }, () => done(s));
    });
    state.publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const app = new Hono();
    registerSandboxRoutes(app, {
      signingKey: Buffer.alloc(32, 9),
      ...SANDBOX_APP,
      publicUrl: state.publicUrl,
      grants: store.sandboxGrants,
      ...ttls,
      clock: { now: () => state.now },
    });
    handler = app.fetch;
  });

  afterAll(async () => {
    await new Promise<void>((done) => {
      if (!server) return done();
      server.close(() => done());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await database?.close();
    await testDb?.drop();
  });

  beforeEach(() => {
    state.now = SANDBOX_START;
  });

  return {
    get publicUrl() {
      return state.publicUrl;
    },
    get redirectUri() {
      return `${state.publicUrl}/link/oauth/callback`;
    },
    get sandbox() {
      return resolve('mqjo');
    },
    get store() {
      if (!state.store) throw new Error('the Sandbox server is not started yet');
      return state.store;
    },
    get now() {
      return state.now;
    },
    set now(value: Date) {
      state.now = value;
    },
    resolve,
  };
}

const HTML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescapeHtml = (value: string) => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => HTML_ENTITIES[entity] ?? entity);

/** The form a browser would submit: the hidden inputs, plus the tester's choices. */
export function formFrom(html: string, choices: Record<string, string>): URLSearchParams {
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.append(unescapeHtml(match[1] ?? ''), unescapeHtml(match[2] ?? ''));
  }
  for (const [name, value] of Object.entries(choices)) form.set(name, value);
  return form;
}

export async function submitForm(url: string, form: URLSearchParams): Promise<Response> {
  return fetch(url, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
}

/** Opens the consent page of `provider`, picks a dataset, clicks a button; returns the callback the browser is sent to. */
export async function decideOnConsent(
  server: SandboxServer,
  decision: 'authorize' | 'cancel' | 'error',
  dataset = 'us-saas',
  provider: ResolvedOAuth2 = server.sandbox,
) {
  const pkce = createPkcePair();
  const state = 'link-session-state';
  const url = buildAuthorizationUrl(provider, { clientId: SANDBOX_APP.clientId, redirectUri: server.redirectUri, state, codeChallenge: pkce.challenge });
  const html = await (await fetch(url)).text();
  const response = await submitForm(url, formFrom(html, { dataset, decision }));
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(server.redirectUri);
  expect(location.searchParams.get('state')).toBe(state);
  return { callbackParams: location.searchParams, verifier: pkce.verifier };
}
