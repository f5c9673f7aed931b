import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors.js';
import { buildProxiedUrl, checkProxiedPath } from './proxy-target-url.js';

const BASE = new URL('https://api.platform.example/v2/');

describe('buildProxiedUrl', () => {
  it('appends the path and query below the base URL', () => {
    expect(buildProxiedUrl(BASE, 'invoices/INV%201', '?page=2&q=a%2Fb').href).toBe('https://api.platform.example/v2/invoices/INV%201?page=2&q=a%2Fb');
    expect(buildProxiedUrl(BASE, '', '').href).toBe('https://api.platform.example/v2/');
    expect(buildProxiedUrl(BASE, 'a.b/..c/...', '').pathname).toBe('/v2/a.b/..c/...');
  });

  it.each([
    'a/../b',
    '..',
    '.',
    'a/./b',
    'a/..',
    '%2e%2e/b',
    '%2E%2E/b',
    '%2E./b',
    '.%2e/b',
    'a/%2e',
    'a\\b',
    '..\\b',
    'a%5cb',
    'a%5Cb',
    'a%2fb',
    'a%2F..%2Fb',
    'a%00b',
    'a\u0000b',
    'a%0Ab',
    'a%7fb',
    '/evil.example/b',
    '//evil.example/b',
    'http://evil.example/',
    'https:%2F%2Fevil.example',
    'HTTPS://evil.example/',
    'javascript:alert(1)',
    'a%zzb',
  ])('refuses %j with a 400', (path) => {
    expect(() => buildProxiedUrl(BASE, path, '')).toThrow(AppError);
    try {
      checkProxiedPath(path);
    } catch (error) {
      expect((error as AppError).status).toBe(400);
    }
  });

  it('refuses a query with a fragment or raw control characters', () => {
    expect(() => buildProxiedUrl(BASE, 'a', '?x=1#frag')).toThrow(AppError);
    expect(() => buildProxiedUrl(BASE, 'a', '?x=\r\n')).toThrow(AppError);
  });

  it('checks the parsed result stays under the base path', () => {
    // A colon inside a later segment is a plain character, not a scheme.
    expect(buildProxiedUrl(BASE, 'a/http:x', '').pathname).toBe('/v2/a/http:x');
  });
});
