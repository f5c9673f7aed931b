import { describe, expect, it } from 'vitest';
import {
  inspectConnectionInfoTemplate,
  isConnectionInfoUrlTemplate,
  MissingConnectionInfoError,
  renderConnectionInfoHeader,
  renderConnectionInfoTemplate,
} from './url-template.js';

describe('connectionInfo templates', () => {
  it('lists the keys a template uses and what is malformed', () => {
    expect(inspectConnectionInfoTemplate('https://x.example/${connectionInfo.realmId}/${connectionInfo.accounts-server}')).toEqual({
      keys: ['realmId', 'accounts-server'],
      problems: [],
    });
    expect(inspectConnectionInfoTemplate('https://x.example/${connectionConfig.shop}/${connectionInfo.a').problems).toEqual([
      { kind: 'malformed', text: '${connectionConfig.shop}' },
      { kind: 'unclosed' },
    ]);
  });

  it('URL-encodes values so a captured value cannot change the host or path', () => {
    const info = { realmId: '123/../../admin?x=1', division: 42 };
    expect(renderConnectionInfoTemplate('https://api.example/v3/company/${connectionInfo.realmId}', info)).toBe(
      'https://api.example/v3/company/123%2F..%2F..%2Fadmin%3Fx%3D1',
    );
    expect(renderConnectionInfoTemplate('https://api.example/${connectionInfo.division}', info)).toBe('https://api.example/42');
  });

  it('takes the origin from a leading placeholder only when its value is a plain http(s) URL', () => {
    expect(renderConnectionInfoTemplate('${connectionInfo.storeUrl}/wp-json/wc/v3', { storeUrl: 'https://shop.example.com/' })).toBe(
      'https://shop.example.com/wp-json/wc/v3',
    );
    expect(renderConnectionInfoTemplate('${connectionInfo.api_domain}/books/v3', { api_domain: 'https://www.zohoapis.eu' })).toBe('https://www.zohoapis.eu/books/v3');
    for (const storeUrl of ['ftp://shop.example.com', 'shop.example.com', 'https://user:pw@shop.example.com', 'https://shop.example.com/?a=1']) {
      expect(() => renderConnectionInfoTemplate('${connectionInfo.storeUrl}/wp-json', { storeUrl }), storeUrl).toThrow(/must be an http\(s\) URL/);
    }
    expect(isConnectionInfoUrlTemplate('${connectionInfo.storeUrl}/wp-json/wc/v3')).toBe(true);
    expect(isConnectionInfoUrlTemplate('/relative/${connectionInfo.x}')).toBe(false);
  });

  it('names the missing key, and never reads Object.prototype', () => {
    expect(() => renderConnectionInfoTemplate('https://x.example/${connectionInfo.tenantId}', {})).toThrow(MissingConnectionInfoError);
    expect(() => renderConnectionInfoTemplate('https://x.example/${connectionInfo.constructor}', {})).toThrow(/connectionInfo\.constructor/);
    expect(() => renderConnectionInfoTemplate('https://x.example/${connectionInfo.tenantId}', null)).toThrow(/connectionInfo\.tenantId/);
  });

  it('puts header values in as they are but refuses control characters', () => {
    expect(renderConnectionInfoHeader('${connectionInfo.tenantId}', { tenantId: 'a b/c' })).toBe('a b/c');
    expect(() => renderConnectionInfoHeader('${connectionInfo.tenantId}', { tenantId: 'a\r\nX-Evil: 1' })).toThrow(/control character/);
  });
});
