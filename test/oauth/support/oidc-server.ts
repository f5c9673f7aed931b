import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const OIDC_REDIRECT_URI = 'http://127.0.0.1:1/link/oauth/callback';
export const OIDC_ACCOUNT_ID = 'user-1';

/** Credentials with characters that strict form-encoding would change (`-`, `_`, `.`, `~`, `:`). */
export const BASIC_CLIENT = { clientId: 'doorway-basic', clientSecret: 'b4sic-secret_with.chars~and:colon' };
export const POST_CLIENT = { clientId: 'doorway-post', clientSecret: 'post-secret-0123456789' };

export interface OidcServerOptions {
  /** Every refresh returns a new refresh token and consumes the old one (reuse: invalid_grant, grant revoked). */
  rotateRefreshToken?: boolean;
  /** Access-token lifetime (default 3600 s). */
  accessTokenTtlSeconds?: number;
  /** RFC 7009 revocation at `{issuer}/token/revocation`, with the clients' token endpoint authentication. */
  revocation?: boolean;
}

export interface OidcServer {
  issuer: string;
  /** Token-endpoint requests so far, by grant type (`authorization_code`, `refresh_token`), failed ones included. */
  readonly tokenRequests: Readonly<Record<string, number>>;
  /** Revokes every grant given so far: their refresh tokens answer invalid_grant from now on. */
  revokeGrants(): void;
  /** True while `token` is an access token this server issued, unexpired and not revoked (what a resource server checks). */
  accessTokenIsActive(token: string): Promise<boolean>;
  /** Answers token requests with this HTTP status (e.g. 503, as an overloaded proxy would) until set back to null. */
  failTokenRequests(status: number | null): void;
  /** Runs (awaited) when a token request arrives, before it is answered: something else happens meanwhile. */
  beforeTokenRequest(hook: (() => Promise<void>) | null): void;
  close(): Promise<void>;
}

export interface PendingOidcServer {
  issuer: string;
  /** Creates the provider once the relying party's callback URL is known (it may listen later). */
  configure(redirectUris: string[]): OidcServer;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (oidc-provider 8) with two confidential clients, PKCE S256 required, and
 * an automated interaction that logs `user-1` in and grants every requested scope, so a flow runs
 * with no UI. devInteractions are off: the route below is the only way through.
 */
export async function startOidcServer(options: OidcServerOptions = {}): Promise<OidcServer> {
  const pending = await listenOidcServer(options);
  return pending.configure([OIDC_REDIRECT_URI]);
}

/** The same server in two steps: listen first (to learn the issuer URL), configure clients after. */
export async function listenOidcServer(options: OidcServerOptions = {}): Promise<PendingOidcServer> {
  let provider: Provider | undefined;
  const tokenRequests: Record<string, number> = {};
  const count = (grantType: unknown) => {
    const key = typeof grantType === 'string' ? grantType : 'unknown';
    tokenRequests[key] = (tokenRequests[key] ?? 0) + 1;
  };
  let failStatus: number | null = null;
  let beforeToken: (() => Promise<void>) | null = null;
  const adapter = memoryAdapter();
  const server: Server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
      return;
    }
    if (failStatus !== null && req.method === 'POST' && req.url?.startsWith('/token')) {
      const status = failStatus;
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        count(new URLSearchParams(body).get('grant_type'));
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end('Service Unavailable');
      });
      return;
    }
    if (beforeToken !== null && req.method === 'POST' && req.url === '/token') {
      const hook = beforeToken;
      beforeToken = null;
      req.pause();
      void hook().finally(() => {
        req.resume();
        provider?.callback()(req, res);
      });
      return;
    }
    if (req.method === 'GET' && req.url?.startsWith('/interaction/')) {
      void completeInteraction(provider, req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const configure = (redirectUris: string[]): OidcServer => {
    const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const common = { redirect_uris: redirectUris, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] };
    provider = new Provider(issuer, {
      clients: [
        { ...common, client_id: BASIC_CLIENT.clientId, client_secret: BASIC_CLIENT.clientSecret, token_endpoint_auth_method: 'client_secret_basic' },
        { ...common, client_id: POST_CLIENT.clientId, client_secret: POST_CLIENT.clientSecret, token_endpoint_auth_method: 'client_secret_post' },
      ],
      scopes: ['openid', 'offline_access', 'accounting.read'],
      features: { devInteractions: { enabled: false }, ...(options.revocation ? { revocation: { enabled: true } } : {}) },
      pkce: { methods: ['S256'], required: () => true },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['test-cookie-key-0123456789'] },
      jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
      // Explicit lifetimes and storage keep oidc-provider from printing its development notices.
      ttl: {
        AccessToken: options.accessTokenTtlSeconds ?? 3600,
        AuthorizationCode: 60,
        Grant: 30 * 86_400,
        IdToken: 3600,
        Interaction: 600,
        RefreshToken: 30 * 86_400,
        Session: 3600,
      },
      ...(options.rotateRefreshToken === undefined ? {} : { rotateRefreshToken: options.rotateRefreshToken }),
      adapter: adapter.Adapter,
    });
    // After the route ran, its parsed parameters say which grant the request was for.
    provider.use(async (ctx, next) => {
      await next();
      if (ctx.oidc?.route === 'token') count(ctx.oidc.params?.grant_type);
    });
    return {
      issuer,
      get tokenRequests() {
        return { ...tokenRequests };
      },
      revokeGrants: () => adapter.revokeAll(),
      accessTokenIsActive: async (token) => {
        const found = await provider!.AccessToken.find(token);
        return found !== undefined && !found.isExpired;
      },
      failTokenRequests: (status) => {
        failStatus = status;
      },
      beforeTokenRequest: (hook) => {
        beforeToken = hook;
      },
      close,
    };
  };
  return { issuer, configure, close };
}

interface StoredPayload {
  grantId?: string;
  userCode?: string;
  uid?: string;
  consumed?: number;
  [key: string]: unknown;
}

/** oidc-provider's storage contract, in memory: one store per model name, per server (shared by that server's instances). */
function memoryAdapter() {
  const stores = new Map<string, Map<string, StoredPayload>>();
  class MemoryAdapter {
    readonly #store: Map<string, StoredPayload>;

    constructor(model: string) {
      const existing = stores.get(model);
      this.#store = existing ?? new Map();
      if (!existing) stores.set(model, this.#store);
    }

    async upsert(id: string, payload: StoredPayload): Promise<void> {
      this.#store.set(id, payload);
    }

    async find(id: string): Promise<StoredPayload | undefined> {
      return this.#store.get(id);
    }

    async findByUserCode(userCode: string): Promise<StoredPayload | undefined> {
      return [...this.#store.values()].find((payload) => payload.userCode === userCode);
    }

    async findByUid(uid: string): Promise<StoredPayload | undefined> {
      return [...this.#store.values()].find((payload) => payload.uid === uid);
    }

    async consume(id: string): Promise<void> {
      const payload = this.#store.get(id);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      this.#store.delete(id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const [id, payload] of this.#store) if (payload.grantId === grantId) this.#store.delete(id);
    }
  }
  return {
    Adapter: MemoryAdapter,
    /** Deletes every grant and every token issued under one: what a user revoking access does. */
    revokeAll(): void {
      stores.get('Grant')?.clear();
      for (const store of stores.values()) for (const [id, payload] of store) if (payload.grantId) store.delete(id);
    },
  };
}

async function completeInteraction(provider: Provider, req: Parameters<Provider['interactionDetails']>[0], res: Parameters<Provider['interactionDetails']>[1]) {
  const { params } = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: OIDC_ACCOUNT_ID, clientId: String(params.client_id) });
  grant.addOIDCScope(String(params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: OIDC_ACCOUNT_ID }, consent: { grantId } }, { mergeWithLastSubmission: false });
}
