import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.js';
import { resolveApiTarget } from './api-target.js';

const PUBLIC_URL = 'https://doorway.example.com';
const provider = (baseUrl: string, headers: Record<string, string> = {}) => ({ key: 'test', api: { baseUrl, headers, tokenHeader: 'Authorization', tokenScheme: 'Bearer' } });

function conflict(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(409);
    return (error as AppError).message;
  }
  throw new Error('expected a 409');
}

describe('resolveApiTarget', () => {
  it('returns the base URL ending in one slash, without query or fragment, and lower-cased header names', () => {
    const target = resolveApiTarget(provider('https://api.xero.com/api.xro/2.0?x=1#f', { 'Xero-Tenant-Id': 'fixed' }), null, PUBLIC_URL);
    expect(target.baseUrl.href).toBe('https://api.xero.com/api.xro/2.0/');
    expect(target.headers).toEqual({ 'xero-tenant-id': 'fixed' });
    expect(resolveApiTarget(provider('https://api.example.com/'), null, PUBLIC_URL).baseUrl.href).toBe('https://api.example.com/');
  });

  it('fills connectionInfo placeholders: URL-encoded in the URL, verbatim in headers', () => {
    const target = resolveApiTarget(
      provider('https://${connectionInfo.shop}.myshopify.com/admin/${connectionInfo.realm}', { 'Xero-Tenant-Id': '${connectionInfo.tenant}' }),
      { shop: 'acme', realm: 'a/b?c', tenant: 'id with/slash' },
      PUBLIC_URL,
    );
    expect(target.baseUrl.href).toBe('https://acme.myshopify.com/admin/a%2Fb%3Fc/');
    expect(target.headers['xero-tenant-id']).toBe('id with/slash');
  });

  it('cannot be steered to another host by a connectionInfo value', () => {
    const template = provider('https://${connectionInfo.shop}.myshopify.com/');
    expect(resolveApiTarget(template, { shop: 'evil.example' }, PUBLIC_URL).baseUrl.hostname).toBe('evil.example.myshopify.com');
    // Encoded, a separator cannot end the host: the URL is refused rather than re-pointed.
    for (const shop of ['evil.example/x', 'evil.example#', 'evil.example?', 'user@evil.example']) {
      expect(() => resolveApiTarget(template, { shop }, PUBLIC_URL), shop).toThrow(AppError);
    }
  });

  it('answers 409 naming what the connection lacks', () => {
    expect(conflict(() => resolveApiTarget(provider('https://x.example/${connectionInfo.realmId}'), {}, PUBLIC_URL))).toContain('connectionInfo.realmId');
    expect(conflict(() => resolveApiTarget(provider('https://x.example/', { T: '${connectionInfo.tenant}' }), { tenant: '' }, PUBLIC_URL))).toContain(
      'connectionInfo.tenant',
    );
    expect(conflict(() => resolveApiTarget(provider('https://x.example/${connectionInfo.constructor}'), {}, PUBLIC_URL))).toContain('constructor');
    expect(conflict(() => resolveApiTarget({ key: 'none', api: undefined }, {}, PUBLIC_URL))).toContain('declares no API');
  });

  it('resolves a site-relative base URL (the built-in Sandbox) against the public URL', () => {
    const sandbox = resolveApiTarget(provider('/sandbox/api'), null, 'https://doorway.example.com/base/');
    expect([sandbox.baseUrl.href, sandbox.isDoorwayItself]).toEqual(['https://doorway.example.com/base/sandbox/api/', true]);
    expect(resolveApiTarget(provider('https://api.example.com'), null, PUBLIC_URL).isDoorwayItself).toBe(false);
    expect(conflict(() => resolveApiTarget(provider('//evil.example/api'), null, PUBLIC_URL))).toContain('invalid API base URL');
  });
});
