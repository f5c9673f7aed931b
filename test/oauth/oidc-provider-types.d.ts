/**
 * oidc-provider 8 ships no type declarations (and @types/oidc-provider is not installed), so this
 * declares just the surface the OAuth tests use: constructing a provider, its Node request handler,
 * the interaction API that logs a user in and records consent, `use` (Koa middleware), and the
 * AccessToken model a resource server looks tokens up in.
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none';
    [key: string]: unknown;
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    scopes?: string[];
    features?: Record<string, { enabled: boolean; [key: string]: unknown }>;
    pkce?: { methods?: string[]; required?: (ctx: unknown, client: unknown) => boolean };
    interactions?: { url?: (ctx: unknown, interaction: { uid: string }) => string };
    cookies?: { keys?: string[]; [key: string]: unknown };
    jwks?: { keys: object[] };
    findAccount?: (ctx: unknown, sub: string) => Promise<{ accountId: string; claims: () => Promise<Record<string, unknown>> } | undefined>;
    ttl?: Record<string, number>;
    [key: string]: unknown;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, string | undefined>;
    session?: { accountId?: string };
    grantId?: string;
  }

  export interface Grant {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
    /** Koa middleware around every route; after `next()`, `ctx.oidc` names the route and its parsed parameters. */
    use(middleware: (ctx: { oidc?: { route?: string; params?: Record<string, unknown> } }, next: () => Promise<void>) => Promise<void>): this;
    readonly Grant: new (properties: { accountId: string; clientId: string }) => Grant;
    /** Issued access tokens; `find` answers undefined for unknown (or revoked) ones. */
    readonly AccessToken: { find(token: string): Promise<{ isExpired: boolean; grantId?: string } | undefined> };
  }
}
