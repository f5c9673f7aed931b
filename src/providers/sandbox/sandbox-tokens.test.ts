import { describe, expect, it } from 'vitest';
import { signSandboxToken, verifySandboxToken } from './sandbox-tokens.js';

const KEY = Buffer.alloc(32, 3);
const NOW = new Date('2025-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const code = { kind: 'code', clientId: 'c', redirectUri: 'https://d.example/link/oauth/callback', codeChallenge: 'ch', dataset: 'minimal', scope: 'accounting.read' } as const;

describe('sandbox tokens', () => {
  it('round-trips claims and gives each kind its lifetime', () => {
    const verified = verifySandboxToken(KEY, signSandboxToken(KEY, code, NOW), 'code', at(59));
    expect(verified).toEqual({ ok: true, claims: { ...code, iat: 1735689600, exp: 1735689660, jti: expect.any(String) } });
    const access = signSandboxToken(KEY, { kind: 'access', clientId: 'c', dataset: 'minimal', scope: 's' }, NOW);
    expect(verifySandboxToken(KEY, access, 'access', at(3599)).ok).toBe(true);
    expect(verifySandboxToken(KEY, access, 'access', at(3600))).toEqual({ ok: false, reason: 'expired' });
    const refresh = signSandboxToken(KEY, { kind: 'refresh', clientId: 'c', dataset: 'minimal', scope: 's' }, NOW);
    expect(verifySandboxToken(KEY, refresh, 'refresh', at(30 * 86400 - 1)).ok).toBe(true);
    expect(verifySandboxToken(KEY, refresh, 'refresh', at(30 * 86400)).ok).toBe(false);
  });

  it('expires codes after 60 seconds', () => {
    expect(verifySandboxToken(KEY, signSandboxToken(KEY, code, NOW), 'code', at(60))).toEqual({ ok: false, reason: 'expired' });
  });

  it('issues a different token each time', () => {
    expect(signSandboxToken(KEY, code, NOW)).not.toBe(signSandboxToken(KEY, code, NOW));
  });

  it('rejects tampering, another key, the wrong kind and garbage', () => {
    const token = signSandboxToken(KEY, code, NOW);
    const [prefix, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), dataset: 'us-saas' })).toString('base64url');
    expect(verifySandboxToken(KEY, `${prefix}.${forged}.${signature}`, 'code', NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySandboxToken(Buffer.alloc(32, 4), token, 'code', NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySandboxToken(KEY, token, 'access', NOW)).toEqual({ ok: false, reason: 'wrong_kind' });
    expect(verifySandboxToken(KEY, 'not-a-token', 'code', NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySandboxToken(KEY, `${token}.extra`, 'code', NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses short keys', () => {
    expect(() => signSandboxToken(Buffer.alloc(16), code, NOW)).toThrow(/32 bytes/);
  });
});
