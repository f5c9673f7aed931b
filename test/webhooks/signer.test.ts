import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { signatureHeaders, signPayload } from '../../src/webhooks/signer.js';

/** codat-spec §6.6 test vector (the Standard Webhooks reference vector). */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const OTHER_SECRET = 'whsec_' + Buffer.alloc(32, 3).toString('base64');

describe('webhook signer', () => {
  it('reproduces the published test vector', () => {
    expect(signPayload(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(signatureHeaders(VECTOR.id, VECTOR.timestamp, VECTOR.body, [VECTOR.secret])).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    });
  });

  it('accepts a secret without the whsec_ prefix, like the reference libraries', () => {
    expect(signPayload(VECTOR.secret.slice('whsec_'.length), VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it('lists one signature per secret, newest first, space separated', () => {
    const headers = signatureHeaders(VECTOR.id, VECTOR.timestamp, VECTOR.body, [OTHER_SECRET, VECTOR.secret]);
    const entries = headers['webhook-signature'].split(' ');
    expect(entries).toHaveLength(2);
    expect(entries[1]).toBe(VECTOR.signature);
    expect(entries[0]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(() => signatureHeaders(VECTOR.id, VECTOR.timestamp, VECTOR.body, [])).toThrow();
  });

  it('is verified by the standardwebhooks and svix libraries with either secret', () => {
    const body = JSON.stringify({ id: 'e1', eventType: 'company.created', payload: { name: 'Café ✓' } });
    const now = Math.floor(Date.now() / 1000);
    const headers = signatureHeaders('msg_abc', now, body, [OTHER_SECRET, VECTOR.secret]);
    for (const secret of [OTHER_SECRET, VECTOR.secret]) {
      expect(new StandardWebhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
      expect(new SvixWebhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    }
    const unrelated = 'whsec_' + Buffer.alloc(32, 9).toString('base64');
    expect(() => new StandardWebhook(unrelated).verify(body, { ...headers })).toThrow(/signature/i);
    // Any change to the signed bytes breaks verification: the body is signed exactly as sent.
    expect(() => new StandardWebhook(VECTOR.secret).verify(body.replace('Café', 'Cafe'), { ...headers })).toThrow();
  });
});
