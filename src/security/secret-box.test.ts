import { describe, expect, it } from 'vitest';
import { createSecretBox, generateEncryptionKey, parseEncryptionKey } from './secret-box.js';

describe('secret box', () => {
  const box = createSecretBox(parseEncryptionKey(generateEncryptionKey()));

  it('round-trips and never shows the plaintext', () => {
    const sealed = box.seal('refresh-token-abc', 'connection:1');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('refresh-token-abc');
    expect(box.open(sealed, 'connection:1')).toBe('refresh-token-abc');
  });

  it('refuses a ciphertext moved to another owner, tampered with, or opened with another key', () => {
    const sealed = box.seal('secret', 'connection:1');
    expect(() => box.open(sealed, 'connection:2')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'), 'connection:1')).toThrow();
    const other = createSecretBox(parseEncryptionKey(generateEncryptionKey()));
    expect(() => other.open(sealed, 'connection:1')).toThrow();
  });

  it('accepts hex and base64 keys of 32 bytes only', () => {
    expect(parseEncryptionKey('ab'.repeat(32))).toHaveLength(32);
    expect(() => parseEncryptionKey('too-short')).toThrow(/32 bytes/);
  });
});
