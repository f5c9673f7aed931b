import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PROVIDERS } from './catalog/index.js';
import { loadProvidersFile } from './load-providers-file.js';
import { createProviderRegistry } from './registry.js';

const localXero = {
  key: 'gbol',
  name: 'Xero (local test server)',
  sourceType: 'Accounting',
  auth: { type: 'oauth2', authorizationUrl: 'http://127.0.0.1:9999/authorize', tokenUrl: 'http://127.0.0.1:9999/token' },
};

const customPlatform = {
  key: 'acme',
  name: 'Acme Ledger',
  sourceType: 'Accounting',
  auth: { type: 'credentials' },
  connectionConfig: [{ name: 'apiKey', label: 'API key', type: 'password', secret: true }],
};

describe('createProviderRegistry', () => {
  it('serves the built-in catalogue by default', () => {
    const registry = createProviderRegistry();
    expect(registry.all()).toHaveLength(BUILT_IN_PROVIDERS.length);
    expect(registry.get('gbol')?.name).toBe('Xero');
    expect(registry.get('zzzz')).toBeUndefined();
    expect(registry.get('constructor')).toBeUndefined();
  });

  it('lets an extra definition replace a built-in by key, in place, keeping its ids', () => {
    const builtIn = createProviderRegistry();
    const registry = createProviderRegistry({ extraDefinitions: [localXero], extraSource: 'test' });
    const xero = registry.get('gbol');
    expect(xero?.auth).toMatchObject({ authorizationUrl: 'http://127.0.0.1:9999/authorize', tokenUrl: 'http://127.0.0.1:9999/token' });
    expect(xero?.integrationId).toBe(builtIn.get('gbol')?.integrationId);
    expect(registry.all().map((p) => p.key)).toEqual(builtIn.all().map((p) => p.key));
  });

  it('adds new providers after the built-ins', () => {
    const registry = createProviderRegistry({ extraDefinitions: [customPlatform] });
    expect(registry.all().at(-1)?.key).toBe('acme');
    expect(registry.get('acme')?.logoUrl).toBe('/static/logos/acme.svg');
  });

  it('rejects invalid extra definitions, naming their source', () => {
    const broken = { ...customPlatform, sourceType: 'Payroll' };
    expect(() => createProviderRegistry({ extraDefinitions: [broken], extraSource: '/etc/doorway/providers.json' })).toThrow(
      /\/etc\/doorway\/providers\.json[\s\S]*\[0\] \(key "acme"\) sourceType:/,
    );
  });

  it('keeps registries independent and their definitions immutable', () => {
    const overridden = createProviderRegistry({ extraDefinitions: [localXero] });
    const plain = createProviderRegistry();
    expect(plain.get('gbol')?.name).toBe('Xero');
    expect(overridden.get('gbol')?.name).toBe('Xero (local test server)');
    const xero = plain.get('gbol');
    expect(() => {
      (xero as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => (plain.all() as unknown[]).push(xero)).toThrow(TypeError);
    if (xero?.auth.type === 'oauth2') expect(Object.isFrozen(xero.auth.scopes)).toBe(true);
  });
});

describe('loadProvidersFile', () => {
  let dir: string;
  const write = async (name: string, content: string) => {
    const path = join(dir, name);
    await writeFile(path, content, 'utf8');
    return path;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doorway-providers-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a bare array', async () => {
    const path = await write('array.json', JSON.stringify([customPlatform]));
    expect(await loadProvidersFile(path)).toEqual([customPlatform]);
  });

  it('reads {"providers": [...]} and tolerates a byte-order mark', async () => {
    const path = await write('object.json', `\uFEFF${JSON.stringify({ providers: [localXero] })}`);
    const registry = createProviderRegistry({ extraDefinitions: await loadProvidersFile(path), extraSource: path });
    expect(registry.get('gbol')?.name).toBe('Xero (local test server)');
  });

  it('names the file when the JSON is malformed', async () => {
    const path = await write('bad.json', '[{"key": "acme",]');
    await expect(loadProvidersFile(path)).rejects.toThrow(`Providers file ${path} is not valid JSON`);
  });

  it('names the file when it cannot be read', async () => {
    const path = join(dir, 'missing.json');
    await expect(loadProvidersFile(path)).rejects.toThrow(`Cannot read providers file ${path}`);
  });

  it('names the file when the top level has the wrong shape', async () => {
    const path = await write('shape.json', '{"provider": []}');
    await expect(loadProvidersFile(path)).rejects.toThrow(`Providers file ${path} must hold a JSON array`);
  });
});
