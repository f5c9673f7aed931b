import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const OIDC_REDIRECT_URI = 'http://127.0.0.1:1/link/oauth/callback';
export const OIDC_ACCOUNT_ID = 'user-1';

/** Credentials with characters that strict form-encoding would change (`-`, `_`, `.`, `~`, `:`). */
export const BASIC_CLIENT = { clientId: 'doorway-basic', clientSecret: 'b4sic-secret_with.chars~and:colon' };
export const POST_CLIENT = { clientId: 'doorway-post', clientSecret: 'post-secret-0123456789' };

export interface OidcServer {
  issuer: string;
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
export async function startOidcServer(): Promise<OidcServer> {
  const pending = await listenOidcServer();
  return pending.configure([OIDC_REDIRECT_URI]);
}

/** The same server in two steps: listen first (to learn the issuer URL), configure clients after. */
export async function listenOidcServer(): Promise<PendingOidcServer> {
  let provider: Provider | undefined;
  const server: Server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end();
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
      features: { devInteractions: { enabled: false } },
      pkce: { methods: ['S256'], required: () => true },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['test-cookie-key-0123456789'] },
      jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
      findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
      // Explicit lifetimes and storage keep oidc-provider from printing its development notices.
      ttl: { AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, RefreshToken: 86_400, Session: 3600 },
      adapter: MemoryAdapter,
    });
    return { issuer, close };
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

/** oidc-provider's storage contract, in memory (one store per model name, shared by instances). */
class MemoryAdapter {
  static readonly stores = new Map<string, Map<string, StoredPayload>>();
  readonly #store: Map<string, StoredPayload>;

  constructor(model: string) {
    const existing = MemoryAdapter.stores.get(model);
    this.#store = existing ?? new Map();
    if (!existing) MemoryAdapter.stores.set(model, this.#store);
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

async function completeInteraction(provider: Provider, req: Parameters<Provider['interactionDetails']>[0], res: Parameters<Provider['interactionDetails']>[1]) {
  const { params } = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId: OIDC_ACCOUNT_ID, clientId: String(params.client_id) });
  grant.addOIDCScope(String(params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId: OIDC_ACCOUNT_ID }, consent: { grantId } }, { mergeWithLastSubmission: false });
}
