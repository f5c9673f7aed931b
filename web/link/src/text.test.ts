import { describe, expect, it } from 'vitest';
import { LinkApiError } from './api';
import { describeError } from './errors';
import { serverText, substitute, uiText, UI_COPY } from './text';

describe('substitute', () => {
  it('fills {companyName} and {platformName}, every occurrence', () => {
    expect(substitute('{companyName} shares {platformName} data. {companyName} agrees.', { companyName: 'Acme', platformName: 'Xero' })).toBe(
      'Acme shares Xero data. Acme agrees.',
    );
  });

  it('leaves unknown placeholders and lone braces alone', () => {
    expect(substitute('Hello {name} {} {platform Name}', { companyName: 'Acme' })).toBe('Hello {name} {} {platform Name}');
  });

  it('never substitutes inside a substituted value', () => {
    expect(substitute('{companyName} uses {platformName}', { companyName: '{platformName} Ltd', platformName: 'Xero' })).toBe(
      '{platformName} Ltd uses Xero',
    );
  });

  it('treats values as plain text, including $ patterns', () => {
    expect(substitute('{companyName}', { companyName: "$& $1 $$ <b>'" })).toBe("$& $1 $$ <b>'");
  });

  it('does not resolve inherited object properties', () => {
    expect(substitute('{toString}', {})).toBe('{toString}');
  });
});

describe('serverText / uiText', () => {
  it('reads contract keys from the server and substitutes them', () => {
    expect(serverText({ 'accounting.consents.title': 'Connect {platformName}' }, 'accounting.consents.title', { platformName: 'Xero' })).toBe('Connect Xero');
    expect(serverText({}, 'main.title')).toBe('');
  });

  it('uses built-in chrome copy unless the server overrides the key', () => {
    expect(uiText({}, 'ui.result.success', { platformName: 'Xero' })).toBe('Connected to Xero');
    expect(uiText({ 'ui.result.success': 'Verbunden mit {platformName}' }, 'ui.result.success', { platformName: 'Xero' })).toBe('Verbunden mit Xero');
    expect(Object.keys(UI_COPY).every((k) => k.startsWith('ui.'))).toBe(true);
  });
});


describe('describeError', () => {
  it("prefers the server's message", () => {
    expect(describeError({}, new LinkApiError(429, 'rate_limited', 'Too many attempts, try again in a minute.'))).toBe(
      'Too many attempts, try again in a minute.',
    );
  });

  it('falls back to network or generic wording', () => {
    expect(describeError({}, new LinkApiError(0, 'network_error', ''))).toBe(UI_COPY['ui.error.network']);
    expect(describeError({}, new LinkApiError(500, 'http_500', ''))).toBe(UI_COPY['ui.error.generic']);
    expect(describeError({}, new Error('boom'))).toBe(UI_COPY['ui.error.generic']);
  });
});
