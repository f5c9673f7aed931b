import { describe, expect, it } from 'vitest';
import { BUILT_IN_PROVIDERS } from './catalog/index.js';
import { deriveIntegrationId, deriveSourceId, uuidV5 } from './deterministic-id.js';
import { parseProviderDefinitions, providerDefinitionSchema, ProviderDefinitionError, type ProviderDefinitionInput } from './schema.js';
import { renderTemplate } from './url-template.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function oauthProvider(overrides: Partial<ProviderDefinitionInput> = {}, auth: Record<string, unknown> = {}): unknown {
  return {
    key: 'test',
    name: 'Test Platform',
    sourceType: 'Accounting',
    auth: { type: 'oauth2', authorizationUrl: 'https://auth.example.com/authorize', tokenUrl: 'https://auth.example.com/token', ...auth },
    ...overrides,
  };
}

/** The error message `parseProviderDefinitions` throws for one entry (fails the test if it does not throw). */
function errorFor(entry: unknown, source = 'test.json'): string {
  try {
    parseProviderDefinitions([entry], source);
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderDefinitionError);
    return (error as Error).message;
  }
  throw new Error('expected the definition to be rejected');
}

describe('built-in catalogue', () => {
  const definitions = parseProviderDefinitions(BUILT_IN_PROVIDERS, 'built-ins');

  it('validates every built-in provider', () => {
    expect(definitions).toHaveLength(BUILT_IN_PROVIDERS.length);
  });

  it('includes the platforms Link needs under their Codat keys', () => {
    const keys = definitions.map((definition) => definition.key);
    for (const key of ['mqjo', 'aiwb', 'bnks', 'gbol', 'qhyg', 'ndsk', 'fbrh', 'tgff', 'rwuv', 'pdvj', 'qudb', 'pbtz', 'vxvy', 'fztf', 'zsth', 'xcwv', 'exgd', 'yzth', 'upvr', 'ltpp']) {
      expect(keys).toContain(key);
    }
    expect(keys).not.toContain('suuo'); // Plaid is not OAuth nor a form; left out on purpose.
  });

  it('has unique keys, integration ids and source ids', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(definitions.map((d) => d.key))).toBe(true);
    expect(unique(definitions.flatMap((d) => [d.integrationId, d.sourceId]))).toBe(true);
  });

  it('marks the test platforms as sandboxes so Link can hide them', () => {
    const sandboxKeys = definitions.filter((d) => d.isSandbox).map((d) => d.key).sort();
    expect(sandboxKeys).toEqual(['aiwb', 'bnks', 'mqjo', 'ndsk', 'xcwv', 'yzth']);
  });

  it('models the provider quirks', () => {
    const byKey = new Map(definitions.map((d) => [d.key, d]));
    const auth = (key: string) => {
      const found = byKey.get(key)?.auth;
      if (found?.type !== 'oauth2') throw new Error(`${key} is not OAuth`);
      return found;
    };
    expect(auth('qhyg')).toMatchObject({ callbackMetadata: ['realmId'], tokenEndpointAuth: 'client_secret_basic' });
    expect(auth('ndsk').tokenUrl).toBe(auth('qhyg').tokenUrl);
    expect(auth('fbrh').tokenEndpointAuth).toBe('client_secret_basic');
    expect(auth('tgff').authorizationParams).toEqual({ filter: 'apiv3.1' });
    expect(auth('rwuv').authorizationParams).toEqual({ prompt: 'consent', access_type: 'offline' });
    expect(auth('pdvj')).toMatchObject({ authorizationParams: { prompt: 'consent' }, callbackMetadata: ['businessId'] });
    expect(auth('fztf').tokenParams).toEqual({ expiring: '1' });
    expect(auth('zsth').pkce).toBe(false);
    expect(auth('exgd').scopes).toEqual(['read_only']);
    expect(byKey.get('ltpp')?.auth.type).toBe('credentials');
    expect(byKey.get('ltpp')?.connectionConfig.find((f) => f.name === 'consumerSecret')?.secret).toBe(true);
  });
});

describe('deterministic ids', () => {
  it('implements UUIDv5 (RFC 9562 test vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('derives stable, distinct ids from the key', () => {
    // Pinned: these are persisted and returned by the API, so they must never change.
    expect(deriveIntegrationId('gbol')).toBe('592f1a50-7883-5267-aa5b-e7ecfedac234');
    expect(deriveSourceId('gbol')).toBe('a596e95e-b322-5d2f-a29b-2035a470349e');
    expect(deriveIntegrationId('gbol')).toMatch(UUID);
    expect(deriveIntegrationId('qhyg')).not.toBe(deriveIntegrationId('gbol'));
  });

  it('fills ids and logoUrl only when the definition leaves them out', () => {
    const derived = providerDefinitionSchema.parse(oauthProvider());
    expect(derived).toMatchObject({
      integrationId: deriveIntegrationId('test'),
      sourceId: deriveSourceId('test'),
      logoUrl: '/static/logos/test.svg',
    });
    const pinned = providerDefinitionSchema.parse(
      oauthProvider({ integrationId: '1d1a8f3c-5f0e-4a59-9d7e-2b8a3c4d5e6f', logoUrl: 'https://cdn.example.com/logo.svg' }),
    );
    expect(pinned.integrationId).toBe('1d1a8f3c-5f0e-4a59-9d7e-2b8a3c4d5e6f');
    expect(pinned.logoUrl).toBe('https://cdn.example.com/logo.svg');
  });
});

describe('defaults', () => {
  it('fills the OAuth defaults', () => {
    const parsed = providerDefinitionSchema.parse(oauthProvider());
    expect(parsed).toMatchObject({ isBeta: false, isOfflineConnector: false, isSandbox: false, connectionConfig: [] });
    expect(parsed.auth).toEqual({
      type: 'oauth2',
      authorizationUrl: 'https://auth.example.com/authorize',
      tokenUrl: 'https://auth.example.com/token',
      scopes: [],
      scopeSeparator: ' ',
      pkce: true,
      tokenEndpointAuth: 'client_secret_post',
      authorizationParams: {},
      tokenParams: {},
      callbackMetadata: [],
      tokenResponseMetadata: [],
      codeParam: 'code',
      refreshTokenRotates: false,
      refreshMarginSeconds: 900,
    });
  });

  it('does not share default arrays between definitions', () => {
    const first = providerDefinitionSchema.parse(oauthProvider());
    const second = providerDefinitionSchema.parse(oauthProvider());
    expect(first.connectionConfig).not.toBe(second.connectionConfig);
  });
});

describe('validation messages', () => {
  it('names the source, the entry and the field path', () => {
    const message = errorFor(oauthProvider({}, { tokenUrl: 'not a url' }), 'providers.json');
    expect(message).toContain('providers.json');
    expect(message).toContain('[0] (key "test") auth.tokenUrl:');
  });

  it('reports every problem, with nested paths in readable form', () => {
    const message = errorFor(
      oauthProvider({ key: 'TOOLONG', connectionConfig: [{ name: 'region', label: 'Region', type: 'select' }] } as Partial<ProviderDefinitionInput>),
    );
    expect(message).toContain('key: must be four lower-case letters');
    expect(message).toContain('connectionConfig[0].options: is required for a select field');
  });

  it('rejects unknown properties, so a misspelt setting is not silently ignored', () => {
    expect(errorFor(oauthProvider({}, { scope: ['x'] }))).toMatch(/auth: .*scope/);
  });

  it('rejects an unknown auth type', () => {
    expect(errorFor(oauthProvider({ auth: { type: 'oauth1' } } as unknown as Partial<ProviderDefinitionInput>))).toContain('auth.type');
  });

  it('rejects a field pattern that does not compile', () => {
    const entry = oauthProvider({ auth: { type: 'credentials' }, connectionConfig: [{ name: 'apiKey', label: 'API key', type: 'text', pattern: '([a-z' }] });
    expect(errorFor(entry)).toContain('connectionConfig[0].pattern: must be a valid regular expression');
  });

  it('requires password fields to be secret', () => {
    const entry = oauthProvider({ auth: { type: 'credentials' }, connectionConfig: [{ name: 'apiKey', label: 'API key', type: 'password' }] });
    expect(errorFor(entry)).toContain('connectionConfig[0].secret');
  });

  it('requires a credentials provider to declare its form', () => {
    expect(errorFor(oauthProvider({ auth: { type: 'credentials' } }))).toContain('connectionConfig: must declare at least one field');
  });

  it('requires a sandbox provider to be marked isSandbox', () => {
    expect(errorFor(oauthProvider({ auth: { type: 'sandbox' } }))).toContain('isSandbox: must be true');
  });

  it('allows the site-relative Sandbox API base only for the built-in Sandbox', () => {
    const sandbox = oauthProvider({ isSandbox: true, auth: { type: 'sandbox' }, api: { baseUrl: '/sandbox/api' } });
    expect(parseProviderDefinitions([sandbox], 'ok.json')[0]?.api).toEqual({ baseUrl: '/sandbox/api', headers: {}, tokenHeader: 'Authorization', tokenScheme: 'Bearer' });
    expect(errorFor(oauthProvider({ api: { baseUrl: '/sandbox/api' } }))).toContain('api.baseUrl: may be the site-relative /sandbox/api only for the built-in Sandbox');
    expect(errorFor(oauthProvider({ isSandbox: true, auth: { type: 'sandbox' }, api: { baseUrl: '/elsewhere' } }))).toContain('api.baseUrl: must be an absolute http(s) URL');
  });

  it('rejects parameters Doorway sets itself', () => {
    expect(errorFor(oauthProvider({}, { authorizationParams: { state: 'fixed' } }))).toContain('auth.authorizationParams: must not set');
    expect(errorFor(oauthProvider({}, { tokenParams: { client_secret: 'x' } }))).toContain('auth.tokenParams: must not set');
  });

  it('rejects duplicate keys and non-array input', () => {
    expect(() => parseProviderDefinitions([oauthProvider(), oauthProvider()], 'dupes.json')).toThrow(/dupes\.json[\s\S]*\[1\] \(key "test"\) key: duplicates the key of entry \[0\]/);
    expect(() => parseProviderDefinitions({ providers: [] }, 'x.json')).toThrow(/x\.json: expected an array/);
  });
});

describe('URL placeholders', () => {
  const subdomainField = { name: 'subdomain', label: 'Shop', type: 'text' };

  it('accepts placeholders that name a declared field', () => {
    const entry = oauthProvider({ connectionConfig: [subdomainField] } as Partial<ProviderDefinitionInput>, {
      authorizationUrl: 'https://${connectionConfig.subdomain}.example.com/authorize',
    });
    expect(() => parseProviderDefinitions([entry], 'test')).not.toThrow();
  });

  it('rejects a placeholder naming an undeclared field', () => {
    const entry = oauthProvider({}, { tokenUrl: 'https://${connectionConfig.subdomain}.example.com/token' });
    expect(errorFor(entry)).toContain('auth.tokenUrl: uses ${connectionConfig.subdomain} but connectionConfig declares no field "subdomain"');
  });

  it('rejects malformed and unclosed placeholders', () => {
    expect(errorFor(oauthProvider({}, { tokenUrl: 'https://${subdomain}.example.com/token' }))).toContain('auth.tokenUrl: has placeholder ${subdomain}');
    expect(errorFor(oauthProvider({}, { authorizationParams: { audience: '${connectionConfig.x' } }))).toContain('auth.authorizationParams.audience: has an unclosed');
  });

  it('rejects a placeholder naming a secret field', () => {
    const entry = oauthProvider({ connectionConfig: [{ name: 'apiKey', label: 'Key', type: 'password', secret: true }] } as Partial<ProviderDefinitionInput>, {
      tokenParams: { key: '${connectionConfig.apiKey}' },
    });
    expect(errorFor(entry)).toContain('auth.tokenParams.key: uses secret field "apiKey"');
  });

  it('renders placeholders with encoded values and refuses missing ones', () => {
    const template = 'https://${connectionConfig.subdomain}.example.com/a';
    expect(renderTemplate(template, { subdomain: 'shop-1' })).toBe('https://shop-1.example.com/a');
    expect(renderTemplate(template, { subdomain: 'evil.com/x?' })).toBe('https://evil.com%2Fx%3F.example.com/a');
    expect(() => renderTemplate(template, {})).toThrow('No value for ${connectionConfig.subdomain}');
    expect(() => renderTemplate('https://${connectionConfig.constructor}.example.com', {})).toThrow(/No value/);
  });
});

describe('how a connection is used (api, connectionInfoRequest, organisationField)', () => {
  it('accepts placeholders for keys the connection will hold: form fields, metadata, picks', () => {
    const definition = providerDefinitionSchema.parse(
      oauthProvider(
        {
          api: { baseUrl: 'https://api.example.com/${connectionInfo.realmId}', headers: { 'X-Tenant': '${connectionInfo.tenantId}' } },
          organisationField: 'tenantId',
        },
        {
          callbackMetadata: ['realmId'],
          connectionInfoRequest: { url: 'https://api.example.com/connections?realm=${connectionInfo.realmId}', pick: { tenantId: '0.tenantId' } },
        },
      ),
    );
    expect(definition.api).toMatchObject({ tokenHeader: 'Authorization', tokenScheme: 'Bearer' });
  });

  it('refuses unknown keys, keys the connectionInfo call picks used by that same call, and secret fields', () => {
    const unknown = errorFor(oauthProvider({ api: { baseUrl: 'https://api.example.com/${connectionInfo.realmId}' }, organisationField: 'orgId' }));
    expect(unknown).toMatch(/api\.baseUrl: uses \$\{connectionInfo\.realmId\}, which no form field/);
    expect(unknown).toMatch(/organisationField: names "orgId"/);
    const early = errorFor(oauthProvider({}, { connectionInfoRequest: { url: 'https://x.example/${connectionInfo.tenantId}', pick: { tenantId: '0.id' } } }));
    expect(early).toMatch(/auth\.connectionInfoRequest\.url: uses \$\{connectionInfo\.tenantId\}/);
    const secret = errorFor({
      key: 'cred',
      name: 'Creds',
      sourceType: 'Commerce',
      auth: { type: 'credentials' },
      connectionConfig: [{ name: 'apiKey', label: 'API key', type: 'password', secret: true }],
      api: { baseUrl: 'https://x.example', headers: { 'X-Key': '${connectionInfo.apiKey}' } },
    });
    expect(secret).toMatch(/api\.headers\.X-Key: uses secret field "apiKey".*api\.basicAuth/);
    expect(errorFor(oauthProvider({ api: { baseUrl: 'https://x.example/${connectionConfig.shop}' } }))).toMatch(/placeholders here must look like/);
  });

  it('lets only credentials platforms authenticate with declared form fields', () => {
    const basic = { usernameField: 'user', passwordField: 'secret' };
    expect(errorFor(oauthProvider({ api: { baseUrl: 'https://x.example', basicAuth: basic } }))).toMatch(/api\.basicAuth: is for credentials platforms/);
    const credentials = {
      key: 'cred',
      name: 'Creds',
      sourceType: 'Commerce',
      auth: { type: 'credentials' },
      connectionConfig: [{ name: 'user', label: 'User', type: 'text' }],
      api: { baseUrl: 'https://x.example', basicAuth: basic },
    };
    expect(errorFor(credentials)).toMatch(/api\.basicAuth\.passwordField: names "secret", which connectionConfig does not declare/);
  });

  it('declares how every real built-in platform is called', () => {
    const definitions = parseProviderDefinitions(BUILT_IN_PROVIDERS, 'built-ins');
    const real = definitions.filter((definition) => definition.auth.type !== 'sandbox');
    for (const definition of real) expect(definition.api?.baseUrl, definition.key).toMatch(/^(https:\/\/|\$\{connectionInfo\.)/);
    const xero = definitions.find((definition) => definition.key === 'gbol')!;
    expect(xero.organisationField).toBe('tenantId');
    expect(xero.auth.type === 'oauth2' && xero.auth.connectionInfoRequest?.pick.tenantId).toBe('0.tenantId');
  });
});

