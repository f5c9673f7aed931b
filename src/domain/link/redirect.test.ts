import { describe, expect, it } from 'vitest';
import { fillRedirectTemplate, redirectPlaceholders, redirectSettingsProblem, resolveRedirectUrl, templateOrigin, templatePlaceholders } from './redirect.js';

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

  it('refuses a host that a placeholder without // resolves to, whatever the template looks like', () => {
    for (const template of ['https:{h}/done', 'http:{h}/done', 'https:/{h}/done', 'https:\\{h}/done', 'HTTPS:{h}/done']) {
      expect(resolveRedirectUrl(template, {}, { h: 'evil.example' }, []), template).toMatchObject({ ok: false });
      expect(resolveRedirectUrl(template, {}, { h: 'evil.example' }, ['https://bank.example']).ok, template).toBe(false);
    }
    expect(resolveRedirectUrl('https:{h}/done', {}, { h: 'bank.example' }, ['https://bank.example'])).toEqual({ ok: true, url: 'https://bank.example/done' });
  });

  it('keeps a static origin fixed: values can only fill the path, query and fragment', () => {
    expect(resolveRedirectUrl('https://bank.example/{p}', {}, { p: '..%2F..' }, [])).toMatchObject({ ok: true });
    expect(resolveRedirectUrl('https://bank.example{p}/done', {}, { p: '.evil.example' }, []).ok).toBe(false);
    expect(resolveRedirectUrl('https://bank.example:{port}/done', {}, { port: '8443' }, []).ok).toBe(false);
    expect(resolveRedirectUrl('https://{u}@bank.example/done', {}, { u: 'evil.example' }, [])).toMatchObject({ ok: true, url: 'https://evil.example@bank.example/done' });
    expect(templateOrigin('https://bank.example/{companyId}?s={statusCode}')).toBe('https://bank.example');
    expect(templateOrigin('https:{h}/done')).toBeUndefined();
    expect(templateOrigin('{scheme}://bank.example/')).toBeUndefined();
  });

  it('sends browsers only to https, or http on this machine', () => {
    expect(resolveRedirectUrl('http://lender.example/done', {}, {}, []).ok).toBe(false);
    expect(resolveRedirectUrl('http://localhost:3000/done', {}, {}, []).ok).toBe(true);
    expect(resolveRedirectUrl('http://127.0.0.1:3000/done', {}, {}, []).ok).toBe(true);
  });
});

describe('redirect tester helpers', () => {
  it('lists a template’s placeholders once each, in order', () => {
    expect(templatePlaceholders('https://x.example/{a}/{companyId}?b={b}&a={a}')).toEqual(['a', 'companyId', 'b']);
    expect(templatePlaceholders('https://x.example/')).toEqual([]);
  });

  it('fills reserved placeholders from an outcome, as the end of a visit does', () => {
    const values = redirectPlaceholders({
      clientId: 'cl',
      companyId: 'co',
      connection: { id: 'cn', platformKey: 'mqjo', sourceType: 'Accounting' },
      platform: { integrationId: 'i', sourceId: 's', name: 'Sandbox' },
      statusCode: '403',
    });
    expect(values).toMatchObject({ connectionId: 'cn', platform: 'mqjo', platformName: 'Sandbox', errorMessage: 'User cancelled.', statusText: '' });
    expect(redirectPlaceholders({ clientId: 'cl', companyId: 'co', statusCode: '200' })).toMatchObject({ connectionId: '', platform: '', errorMessage: '' });
  });

  it('shows the filled URL even where the check would refuse it', () => {
    expect(fillRedirectTemplate('https://{h}/x?c={companyId}', { companyId: 'a b' }, { h: 'evil.example' })).toBe('https://evil.example/x?c=a%20b');
  });

  it('names what a profile save would refuse', () => {
    expect(redirectSettingsProblem('', [])).toBeUndefined();
    expect(redirectSettingsProblem('https://x.example/{companyId}', [])).toBeUndefined();
    expect(redirectSettingsProblem('', ['ftp://x.example'])).toContain('whiteListUrls entry');
    expect(redirectSettingsProblem('https://{h}/done', [])).toContain('whiteListUrls');
    expect(redirectSettingsProblem('mailto:{x}', ['https://x.example'])).toContain('redirectUrl must be');
  });
});
