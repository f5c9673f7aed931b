import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_TEXT } from '../../../../src/domain/link/default-text';
import type { LinkConnection } from '../../../../src/wire/link/link-api-schemas';
import { previewInviteInfo, previewLinkState, type LinkPreviewInput } from './preview-state';
import { testPlatform } from './test-platforms';

const platform = testPlatform;

const INTEGRATIONS = [
  platform('xero', 'Xero', 'Accounting'),
  platform('mqjo', 'Sandbox', 'Accounting', { isSandbox: true, authType: 'sandbox' }),
  platform('qbo0', 'QuickBooks', 'Accounting', { enabled: false }),
  platform('bnks', 'Bank Sandbox', 'Banking', { isSandbox: true, authType: 'sandbox' }),
  platform('shop', 'Shopify', 'Commerce'),
];

const input = (settings: LinkPreviewInput['settings'] = {}, extra: Partial<LinkPreviewInput> = {}): LinkPreviewInput => ({
  settings,
  integrations: INTEGRATIONS,
  clientName: 'Lender Ltd',
  ...extra,
});

const connection = (id: string, platformKey: string, status: LinkConnection['status']): LinkConnection => ({
  id,
  platformKey,
  platformName: platformKey,
  integrationId: 'i1',
  sourceId: 's1',
  sourceType: 'Accounting',
  logoUrl: '',
  status,
  created: '2026-01-01T00:00:00.000Z',
  linkedAt: null,
  lastError: null,
});

describe('previewLinkState', () => {
  it('offers, per enabled category, the enabled platforms by name, with the default copy', () => {
    const state = previewLinkState(input(), []);
    expect(state.categories.map((c) => [c.key, c.optional, c.allowMultiple, c.integrations.map((i) => i.key)])).toEqual([
      ['accounting', false, false, ['mqjo', 'xero']],
      ['banking', true, true, ['bnks']],
    ]);
    expect(state.text['landing.title']).toBe(DEFAULT_LINK_TEXT['landing.title']);
    expect(state.client).toEqual({ name: 'Lender Ltd', logoUrl: null, iconUrl: null });
    expect(state.canComplete).toBe(false);
    expect(state.redirectConfigured).toBe(false);
  });

  it('follows unsaved settings: texts, categories, platform lists, sandbox visibility, branding', () => {
    const state = previewLinkState(
      input({
        showLandingPage: true,
        showSandboxIntegrations: false,
        text: { 'landing.title': 'Welcome to Lender', 'main.title': '  ' },
        categories: {
          accounting: { enabled: true, optional: true, allowedIntegrations: ['xero'] },
          banking: { enabled: false, optional: true, allowedIntegrations: null },
          commerce: { enabled: true, optional: false, allowedIntegrations: null },
        },
        branding: { logoUrl: 'https://cdn.lender.example/logo.png', iconUrl: null, primaryColor: '#aa0000', secondaryColor: '#001100' },
      }),
      [],
    );
    expect(state.showLandingPage).toBe(true);
    expect(state.text['landing.title']).toBe('Welcome to Lender');
    // A blank text falls back to the default, as on the server.
    expect(state.text['main.title']).toBe(DEFAULT_LINK_TEXT['main.title']);
    expect(state.categories.map((c) => [c.key, c.optional, c.integrations.map((i) => i.key)])).toEqual([
      ['accounting', true, ['xero']],
      ['commerce', false, ['shop']],
    ]);
    expect(state.branding).toEqual({ primaryColor: '#aa0000', secondaryColor: '#001100' });
    expect(state.client.logoUrl).toBe('https://cdn.lender.example/logo.png');
  });

  it('uses the profile logo when the branding has none, and shows no logo for a URL Link would refuse', () => {
    expect(previewLinkState(input({}, { clientLogoUrl: 'https://lender.example/p.png' }), []).client.logoUrl).toBe('https://lender.example/p.png');
    const hostile = input({ branding: { logoUrl: 'javascript:alert(1)', iconUrl: 'http://evil.example/i.png', primaryColor: '#1f4bd8', secondaryColor: '#0b1b3f' } });
    expect(previewLinkState(hostile, []).client).toMatchObject({ logoUrl: null, iconUrl: null });
  });

  it('puts connections in their category and completes once every required one is Linked', () => {
    const pending = previewLinkState(input(), [connection('c1', 'xero', 'PendingAuth')]);
    expect(pending.categories[0]?.connections.map((c) => c.id)).toEqual(['c1']);
    expect(pending.canComplete).toBe(false);
    const linked = previewLinkState(input(), [connection('c1', 'xero', 'Linked')]);
    expect(linked.canComplete).toBe(true);
    // Once the settings hide the platform, its connection is not shown (nor counted).
    const hidden = previewLinkState(input({ categories: { accounting: { enabled: true, optional: false, allowedIntegrations: ['mqjo'] } } as LinkPreviewInput['settings']['categories'] }), [
      connection('c1', 'xero', 'Linked'),
    ]);
    expect(hidden.categories[0]?.connections).toEqual([]);
    expect(hidden.canComplete).toBe(false);
  });
});

describe('previewInviteInfo', () => {
  it('carries the invite page’s unsaved title, body and brand colour', () => {
    const info = previewInviteInfo(input({ text: { 'invite.title': 'Join Lender', 'invite.body': 'Tell us your name.' } }, { clientSlug: 'lender' }));
    expect(info).toEqual({ clientSlug: 'lender', title: 'Join Lender', body: 'Tell us your name.', clientName: 'Lender Ltd', logoUrl: null, primaryColor: '#1f4bd8' });
    expect(previewInviteInfo(input()).title).toBe(DEFAULT_LINK_TEXT['invite.title']);
  });
});
