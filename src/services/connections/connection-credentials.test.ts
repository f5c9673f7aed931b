import { describe, expect, it } from 'vitest';
import { fieldCredentials, oauth2Credentials, type OAuth2TokenSet } from '../../domain/connection-credentials.js';
import { createSecretBox, generateEncryptionKey, parseEncryptionKey } from '../../security/secret-box.js';
import { openConnectionCredentials, sealConnectionCredentials, UnreadableCredentialsError } from './connection-credentials.js';

const box = createSecretBox(parseEncryptionKey(generateEncryptionKey()));
const id = '0193a1b2-0000-7000-8000-00000000abcd';
/** How every row was sealed before the credentials module: the literal AAD, the bare JSON. */
const sealedTheOldWay = (value: unknown) => box.seal(JSON.stringify(value), `connection:${id}`);

const tokens: OAuth2TokenSet = {
  accessToken: 'at-123',
  refreshToken: 'rt-456',
  tokenType: 'bearer',
  expiresAt: '2026-12-01T21:46:43.123Z',
  scope: 'accounting.read offline_access',
  idToken: null,
};

describe('connection credentials', () => {
  it('round-trips both kinds', () => {
    for (const credentials of [oauth2Credentials(tokens), oauth2Credentials(tokens, '2026-12-01T20:46:43.123Z'), fieldCredentials({ apiKey: 'k-1', storeUrl: 'https://shop.example' })]) {
      const sealed = sealConnectionCredentials(box, id, credentials);
      expect(sealed).not.toContain('k-1');
      expect(openConnectionCredentials(box, id, sealed)).toEqual(credentials);
    }
  });

  it('reads token sets sealed before obtainedAt was recorded, and rejects a malformed one', () => {
    expect(openConnectionCredentials(box, id, sealedTheOldWay({ kind: 'oauth2', ...tokens }))).toEqual({ kind: 'oauth2', ...tokens });
    expect(() => openConnectionCredentials(box, id, sealedTheOldWay({ kind: 'oauth2', ...tokens, obtainedAt: 'yesterday' }))).toThrow(/obtainedAt/);
  });

  it('reads rows sealed before the kind was stored', () => {
    // complete-authorization stored the engine's token set as it was; the form and PUT /authorization the bare fields.
    expect(openConnectionCredentials(box, id, sealedTheOldWay({ ...tokens, refreshToken: null, expiresAt: null }))).toEqual({
      kind: 'oauth2', ...tokens, refreshToken: null, expiresAt: null,
    });
    expect(openConnectionCredentials(box, id, sealedTheOldWay({ apiKey: 'k-1', kind: 'mine' }))).toEqual({ kind: 'fields', fields: { apiKey: 'k-1', kind: 'mine' } });
    // Fields that happen to be called accessToken are still fields unless the whole token set is there.
    expect(openConnectionCredentials(box, id, sealedTheOldWay({ accessToken: 'a', tokenType: 'Bearer' }))).toEqual({
      kind: 'fields', fields: { accessToken: 'a', tokenType: 'Bearer' },
    });
  });

  it('fails clearly, without the secrets, on a value that is not credentials', () => {
    const open = (sealed: string) => () => openConnectionCredentials(box, id, sealed);
    expect(open(box.seal('{"accessToken": ', `connection:${id}`))).toThrow(/not JSON/);
    expect(open(sealedTheOldWay({ kind: 'oauth2', accessToken: 'secret-at', tokenType: 'bearer', expiresAt: 'soon' }))).toThrow(UnreadableCredentialsError);
    expect(open(sealedTheOldWay({ kind: 'oauth2', accessToken: 'secret-at', tokenType: 'bearer', expiresAt: 'soon' }))).not.toThrow(/secret-at/);
    expect(open(sealedTheOldWay(['a']))).toThrow(/not a token set or credential fields/);
    expect(open(sealConnectionCredentials(box, 'another-connection', fieldCredentials({ apiKey: 'k' })))).toThrow(/does not open with this encryption key/);
  });
});
