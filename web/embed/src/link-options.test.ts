import { describe, expect, it } from 'vitest';
import { LinkApiError } from '../../link/src/api';
import { dataTypeTexts, mountPrimaryColor, mountTexts, serverOptions } from './link-options';
import { toErrorCallbackArgs } from './shell/errors';

describe('serverOptions', () => {
  it('sends only what changes the visit, each category with its rules and no browser-only fields', () => {
    expect(
      serverOptions({
        showLandingPage: false,
        showSandboxIntegrations: true,
        enableMultiEntityLinking: true,
        enableAdditionalConsent: true,
        hideBorder: true,
        nonce: 'n',
        text: { 'main.title': 'Hi' },
        theme: { colors: { primary: '#123456' } },
        sourceTypes: {
          accounting: { optional: false, enableIntegrations: true, enableFileUpload: true, allowedIntegrations: ['mqjo'], dataTypes: ['invoices'] },
          banking: { optional: true, enableIntegrations: false },
          businessDocuments: { optional: true },
        },
      }),
    ).toEqual({
      showLandingPage: false,
      showSandboxIntegrations: true,
      enableMultiEntityLinking: true,
      sourceTypes: { accounting: { optional: false, enableIntegrations: true, allowedIntegrations: ['mqjo'] }, banking: { optional: true, enableIntegrations: false } },
    });
  });

  it('sends nothing for a mount without options', () => {
    expect(serverOptions({})).toEqual({});
  });
});

describe('mountTexts', () => {
  it("keeps Codat's keys, maps the deprecated dataAccess ones, and lets a current key win", () => {
    expect(
      mountTexts({
        'accounting.consents.termsAndConditions': 'Current terms',
        'accounting.dataAccess.consent': 'Old terms',
        'banking.dataAccess.nextButton': 'Go',
        'commerce.dataAccess.additionalConsent.title': 'More',
        'accounting.dataAccess.dataTypes': ['invoices'],
        companyName: 'Acme Lending',
      }),
    ).toEqual({
      'accounting.consents.termsAndConditions': 'Current terms',
      'banking.consents.nextButton': 'Go',
      'commerce.additionalConsents.title': 'More',
      companyName: 'Acme Lending',
    });
  });
});

describe('dataTypeTexts', () => {
  it("lists a category's data types in its Platform data section, from sourceTypes or the deprecated text key", () => {
    expect(
      dataTypeTexts({
        sourceTypes: {
          accounting: { optional: false, enableIntegrations: true, dataTypes: ['invoices', 'balanceSheet', 'bankAccounts', 'invoices'] },
          banking: { optional: true, enableIntegrations: true, dataTypes: ['<script>', 'transactions'] },
        },
        text: { 'accounting.dataAccess.dataTypes': ['bills'], 'commerce.dataAccess.dataTypes': ['orders'] },
      }),
    ).toEqual({
      'accounting.consents.platformData': 'Invoices, Balance sheet and Bank accounts.',
      'banking.consents.platformData': 'Transactions.',
      'commerce.consents.platformData': 'Orders.',
    });
  });

  it('says nothing for a category without data types, so the client\'s own Platform data text stays', () => {
    expect(dataTypeTexts({ sourceTypes: { accounting: { optional: false, enableIntegrations: true, dataTypes: [] } } })).toEqual({});
    expect(dataTypeTexts({})).toEqual({});
  });
});

describe('mountPrimaryColor', () => {
  it('takes a hex colour and ignores anything else', () => {
    expect(mountPrimaryColor({ theme: { colors: { primary: '#0B6E4F' } } })).toBe('#0b6e4f');
    expect(mountPrimaryColor({ theme: { colors: { primary: 'url(x)' } } })).toBeUndefined();
    expect(mountPrimaryColor({})).toBeUndefined();
  });
});

describe('toErrorCallbackArgs', () => {
  it("gives Codat's shape: the status as errorCode, the server's correlation id, and whether a retry can help", () => {
    expect(toErrorCallbackArgs(new LinkApiError(401, 'unauthorized', 'The access token has expired.', 'corr-1'))).toEqual({
      correlationId: 'corr-1',
      message: 'The access token has expired.',
      errorCode: 401,
      userRecoverable: false,
    });
    expect(toErrorCallbackArgs(new LinkApiError(429, 'rate_limited', 'Slow down.'))).toEqual({ message: 'Slow down.', errorCode: 429, userRecoverable: true });
    expect(toErrorCallbackArgs(new LinkApiError(0, 'network_error', ''))).toEqual({ message: 'Doorway could not be reached.', userRecoverable: true });
    expect(toErrorCallbackArgs(new Error('closed'), true)).toEqual({ message: 'closed', userRecoverable: true });
  });
});
