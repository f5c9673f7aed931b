import { describe, expect, it } from 'vitest';
import { createSecretBox, generateEncryptionKey, parseEncryptionKey } from './secret-box.js';
import { SEALING } from './sealing-contexts.js';

describe('sealing contexts', () => {
  const box = createSecretBox(parseEncryptionKey(generateEncryptionKey()));

  // The literals are what the eight call sites sealed with before the registry existed; values
  // sealed with them sit in users' databases and must keep opening.
  const before: Array<[string, string]> = [
    ['connection:0193a1b2-0000-7000-8000-000000000001', SEALING.connectionCredentials('0193a1b2-0000-7000-8000-000000000001')],
    ['webhook-consumer:0193a1b2-0000-7000-8000-000000000002', SEALING.webhookSecret('0193a1b2-0000-7000-8000-000000000002')],
    ['integration:client-1:xero', SEALING.integrationClientSecret('client-1', 'xero')],
    ['oauth-state:Ab-_0123456789abcdefghijklmnopqrst', SEALING.oauthStateVerifier('Ab-_0123456789abcdefghijklmnopqrst')],
  ];

  it.each(before)('opens a value sealed with the literal %s', (literal, context) => {
    expect(context).toBe(literal);
    expect(box.open(box.seal('secret-value', literal), context)).toBe('secret-value');
  });

  it('gives every owner a context of its own', () => {
    expect(SEALING.connectionCredentials('a')).not.toBe(SEALING.connectionCredentials('b'));
    expect(SEALING.integrationClientSecret('c1', 'xero')).not.toBe(SEALING.integrationClientSecret('c2', 'xero'));
    const sealed = box.seal('secret-value', SEALING.webhookSecret('a'));
    expect(() => box.open(sealed, SEALING.connectionCredentials('a'))).toThrow();
  });
});
