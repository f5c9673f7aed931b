import { describe, expect, it } from 'vitest';
import { resolveRedirectUrl } from './redirect.js';

describe('resolveRedirectUrl', () => {
  it('fills reserved and custom placeholders, URL-encoded, missing ones empty', () => {
    const result = resolveRedirectUrl(
      'https://redirect.site/{sourceType}/?flow=Codat&statuscode={statusCode}&errormessage={errorMessage}&c={clientType}&j={journey}',
      { sourceType: 'Accounting', statusCode: '403', errorMessage: 'User cancelled.' },
      { clientType: 'a b&c' },
      [],
    );
    expect(result).toEqual({
      ok: true,
      url: 'https://redirect.site/Accounting/?flow=Codat&statuscode=403&errormessage=User%20cancelled.&c=a%20b%26c&j=',
    });
  });

  it('refuses a dynamic host that is not allow-listed, accepts one that is', () => {
    const template = 'https://{environment}.mybank.io/success';
    expect(resolveRedirectUrl(template, {}, { environment: 'evil.com#' }, ['https://uat.mybank.io/success']).ok).toBe(false);
    expect(resolveRedirectUrl(template, {}, { environment: 'uat' }, []).ok).toBe(false);
    expect(resolveRedirectUrl(template, {}, { environment: 'uat' }, ['https://uat.mybank.io/success'])).toEqual({ ok: true, url: 'https://uat.mybank.io/success' });
  });

  it('enforces the allow-list for static URLs when one is configured', () => {
    expect(resolveRedirectUrl('https://bank.example/done', {}, {}, ['https://other.example']).ok).toBe(false);
    expect(resolveRedirectUrl('https://bank.example/done?x=1', {}, {}, ['https://bank.example']).ok).toBe(true);
    expect(resolveRedirectUrl('https://bank.example/done', {}, {}, []).ok).toBe(true);
  });

  it('never produces a non-http URL', () => {
    expect(resolveRedirectUrl('{scheme}://x', {}, { scheme: 'javascript' }, []).ok).toBe(false);
    expect(resolveRedirectUrl('javascript:alert(1)', {}, {}, []).ok).toBe(false);
  });
});
