import { describe, expect, it } from 'vitest';
import { signSandboxToken, verifySandboxToken } from './sandbox-tokens.js';

const KEY = Buffer.alloc(32, 3);
const NOW = new Date('2025-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const code = { kind: 'code', clientId: 'c', redirectUri: 'https://d.example/link/oauth/callback', codeChallenge: 'ch', dataset: 'minimal', scope: 'accounting.read' } as const;

describe('sandbox tokens', () => {
  it('round-trips claims and gives each token the lifetime it was signed with', () => {
    const verified = verifySandboxToken(KEY, signSandboxToken(KEY, code, NOW, 60), 'code', at(59));
    expect(verified).toEqual({ ok: true, claims: { ...code, iat: 1735689600, exp: 1735689660, jti: expect.any(String) } });
    const access = signSandboxToken(KEY, { kind: 'access', grantId: 'g', clientId: 'c', dataset: 'minimal', scope: 's' }, NOW, 3600);
    expect(verifySandboxToken(KEY, access, 'access', at(3599)).ok).toBe(true);
    expect(verifySandboxToken(KEY, access, 'access', at(3600))).toEqual({ ok: false, reason: 'expired' });
    const refresh = signSandboxToken(KEY, { kind: 'refresh', grantId: 'g', generation: 0, clientId: 'c' }, NOW, 30 * 86400);
    expect(verifySandboxToken(KEY, refresh, 'refresh', at(30 * 86400 - 1)).ok).toBe(true);
    expect(verifySandboxToken(KEY, refresh, 'refresh', at(30 * 86400)).ok).toBe(false);
  });

  it('expires codes after their lifetime, unless asked to ignore expiry (revocation)', () => {
    const token = signSandboxToken(KEY, code, NOW, 60);
    expect(verifySandboxToken(KEY, token, 'code', at(60))).toEqual({ ok: false, reason: 'expired' });
    expect(verifySandboxToken(KEY, token, 'code', at(600), { ignoreExpiry: true }).ok).toBe(true);
  });

  it('issues a different token each time', () => {
    expect(signSandboxToken(KEY, code, NOW, 60)).not.toBe(signSandboxToken(KEY, code, NOW, 60));
  });

  it('rejects tampering, another key, the wrong kind and garbage', () => {
    const token = signSandboxToken(KEY, code, NOW, 60);
    const [prefix, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), dataset: 'us-saas' })).toString('base64url');
    expect(verifySandboxToken(KEY, `${prefix}.${forged}.${signature}`, 'code', NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySandboxToken(Buffer.alloc(32, 4), token, 'code', NOW)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySandboxToken(KEY, token, 'access', NOW)).toEqual({ ok: false, reason: 'wrong_kind' });
    expect(verifySandboxToken(KEY, 'not-a-token', 'code', NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifySandboxToken(KEY, `${token}.extra`, 'code', NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses short keys', () => {
    expect(() => signSandboxToken(Buffer.alloc(16), code, NOW, 60)).toThrow(/32 bytes/);
  });
});
