import { describe, expect, it } from 'vitest';
import { boundedText, describeUpstreamError, redactSecrets } from './upstream-error.js';

describe('describeUpstreamError', () => {
  it('maps a cancelled authorization to 403, as Codat reports it', () => {
    expect(describeUpstreamError({ kind: 'oauth_error', status: null, error: 'access_denied', description: null })).toEqual({
      statusCode: '403',
      statusText: 'User cancelled linking',
      errorMessage: 'User cancelled',
    });
  });

  it('maps other callback errors to 400, or 502 when the platform itself failed', () => {
    expect(describeUpstreamError({ kind: 'oauth_error', status: null, error: 'invalid_scope', description: 'Bad scope' })).toEqual({
      statusCode: '400',
      statusText: 'Authorization failed (invalid_scope)',
      errorMessage: 'Bad scope',
    });
    expect(describeUpstreamError({ kind: 'oauth_error', status: null, error: 'server_error', description: 'Simulated error' }).statusCode).toBe('502');
  });

  it('keeps the HTTP status of token endpoint errors', () => {
    expect(describeUpstreamError({ kind: 'oauth_error', status: 400, error: 'invalid_grant', description: null })).toEqual({
      statusCode: '400',
      statusText: 'Token request rejected (invalid_grant)',
      errorMessage: 'The authorization code or refresh token is invalid, expired or already used',
    });
    expect(describeUpstreamError({ kind: 'oauth_error', status: 401, error: 'weird_error', description: null }).errorMessage).toBe(
      'The platform returned the OAuth error "weird_error"',
    );
  });

  it('reports network failures and unexpected responses as 502', () => {
    expect(describeUpstreamError({ kind: 'network', message: 'x refused the connection' })).toEqual({
      statusCode: '502',
      statusText: 'Platform unreachable',
      errorMessage: 'x refused the connection',
    });
    expect(describeUpstreamError({ kind: 'unexpected_response', status: 500, message: 'HTTP 500' }).statusCode).toBe('502');
  });
});

describe('text hygiene', () => {
  it('redacts long secrets only, and bounds text to one line', () => {
    expect(redactSecrets('secret abcdefgh1234 and short abc', ['abcdefgh1234', 'abc', null])).toBe('secret [redacted] and short abc');
    expect(boundedText('a\n  b')).toBe('a b');
    expect(boundedText('x'.repeat(600))).toHaveLength(500);
  });
});
