import { describe, expect, it } from 'vitest';
import { LinkApiError } from '../api';
import { createPreviewLinkApi, PREVIEW_DESTINATION, previewDestination } from './preview-api';
import type { LinkPreviewInput } from './preview-state';
import { testPlatform } from './test-platforms';

const platform = testPlatform;

const field = { name: 'apiKey', label: 'API key', type: 'password' as const, required: true };

function setup(settings: LinkPreviewInput['settings'] = {}) {
  const current: { input: LinkPreviewInput } = {
    input: {
      settings,
      clientName: 'Lender Ltd',
      integrations: [
        platform('xero', 'Xero', 'Accounting'),
        platform('wooc', 'WooCommerce', 'Commerce', { authType: 'credentials', fields: [field] }),
        platform('shop', 'Shopify', 'Commerce', { fields: [{ ...field, name: 'shop', label: 'Shop', type: 'text' }] }),
        platform('bnks', 'Bank Sandbox', 'Banking', { isSandbox: true, authType: 'sandbox' }),
      ],
    },
  };
  const api = createPreviewLinkApi(() => current.input, () => new Date('2026-02-03T04:05:06.000Z'));
  return { api, current };
}

const withCommerce = { categories: { accounting: { enabled: true, optional: false, allowedIntegrations: null }, banking: { enabled: true, optional: true, allowedIntegrations: null }, commerce: { enabled: true, optional: true, allowedIntegrations: null } } };

describe('the preview Link API', () => {
  it('answers from the latest settings on every call, never from the server', async () => {
    const { api, current } = setup();
    expect((await api.getState()).text['main.title']).toBe('Connect your accounts');
    current.input = { ...current.input, settings: { text: { 'main.title': 'Share your books' } } };
    expect((await api.getState()).text['main.title']).toBe('Share your books');
  });

  it('runs an OAuth platform: consent leads to the platform, whose yes links the connection', async () => {
    const { api } = setup();
    const connection = await api.createConnection('xero');
    expect(connection).toMatchObject({ platformKey: 'xero', platformName: 'Xero', status: 'PendingAuth', created: '2026-02-03T04:05:06.000Z' });
    expect((await api.getState()).categories[0]?.connections).toHaveLength(1);
    const next = await api.consent(connection.id);
    expect(next).toEqual({ kind: 'redirect', url: PREVIEW_DESTINATION.authorize(connection.id) });
    expect(previewDestination(next.kind === 'redirect' ? next.url : '')).toEqual({ kind: 'authorize', connectionId: connection.id });
    api.authorizeAtPlatform(connection.id);
    expect(await api.getConnection(connection.id)).toMatchObject({ status: 'Linked', linkedAt: '2026-02-03T04:05:06.000Z' });
    expect((await api.getState()).canComplete).toBe(true);
    await expect(api.complete()).resolves.toBe(PREVIEW_DESTINATION.finished);
  });

  it('shows a credentials platform’s form, and an OAuth platform’s form before its login', async () => {
    const { api } = setup(withCommerce);
    const woo = await api.createConnection('wooc');
    expect(await api.consent(woo.id)).toEqual({ kind: 'credentials' });
    expect(await api.submitCredentials(woo.id, { apiKey: 'k' })).toEqual({ connection: expect.objectContaining({ status: 'Linked' }) });

    const shop = await api.createConnection('shop');
    expect(await api.consent(shop.id)).toEqual({ kind: 'credentials' });
    const saved = await api.submitCredentials(shop.id, { shop: 'x' });
    expect(saved.next).toEqual({ kind: 'redirect', url: PREVIEW_DESTINATION.authorize(shop.id) });
  });

  it('refuses what Link would refuse: a platform not offered, finishing too early, an unknown connection', async () => {
    const { api } = setup();
    await expect(api.createConnection('wooc')).rejects.toBeInstanceOf(LinkApiError);
    await expect(api.complete()).rejects.toMatchObject({ status: 409, message: 'Please connect every required category before finishing.' });
    await expect(api.getConnection('nope')).rejects.toMatchObject({ status: 404 });
    await expect(api.exit()).resolves.toBe(PREVIEW_DESTINATION.finished);
  });

  it('disconnects and reconnects', async () => {
    const { api } = setup();
    const connection = await api.createConnection('xero');
    api.authorizeAtPlatform(connection.id);
    expect(await api.disconnect(connection.id)).toMatchObject({ status: 'Unlinked' });
    expect((await api.getState()).canComplete).toBe(false);
    expect(await api.reconnect(connection.id)).toMatchObject({ kind: 'redirect' });
  });

  it('sends the Invite page on to a flow, and knows no other destination', async () => {
    const { api } = setup();
    expect(previewDestination(await api.invite('lender', 'Acme'))).toEqual({ kind: 'flow' });
    expect(previewDestination('https://lender.example/')).toEqual({ kind: 'elsewhere', url: 'https://lender.example/' });
    await expect(api.postEvent({ type: 'category_chosen', sourceType: 'Accounting' })).resolves.toBeUndefined();
  });
});
