import { describe, expect, it } from 'vitest';
import { isWebUrl } from './web-url.js';

describe('isWebUrl', () => {
  it('accepts https anywhere and http only on this machine', () => {
    for (const ok of ['https://cdn.example/logo.png', 'https://cdn.example:8443/a?b#c', 'http://localhost:3000/x', 'http://127.0.0.1/x', 'http://[::1]:8080/x']) {
      expect(isWebUrl(ok), ok).toBe(true);
    }
  });

  it('refuses script, data and file URLs, plain http elsewhere, and non-URLs', () => {
    const refused = [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
      'ftp://cdn.example/logo.png',
      'http://cdn.example/logo.png',
      'http://localhost.evil.example/logo.png',
      'http://127.0.0.2/logo.png',
      '//cdn.example/logo.png',
      '/logo.png',
      'not a url',
      '',
    ];
    for (const bad of refused) expect(isWebUrl(bad), bad).toBe(false);
  });
});
