import { describe, expect, it } from 'vitest';
import { clientResponseHeaders, requestedRetries, upstreamRequestHeaders } from './proxy-headers.js';

describe('upstreamRequestHeaders', () => {
  it('drops credentials, cookies, control and hop-by-hop headers, and those Connection names', () => {
    const headers = upstreamRequestHeaders(
      {
        authorization: 'Basic a2V5',
        host: 'doorway.example',
        cookie: 'dw_browser=x',
        connection: 'keep-alive, X-Hop',
        'x-hop': '1',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic x',
        'proxy-connection': 'keep-alive',
        te: 'trailers',
        trailer: 'x',
        'transfer-encoding': 'chunked',
        upgrade: 'websocket',
        'doorway-retries': '2',
        'x-correlation-id': 'abc',
        'content-type': 'application/json',
        'content-length': '12',
        accept: 'application/json',
      },
      { 'x-api-version': '3' },
      { authorization: 'Bearer token' },
    );
    expect(headers).toEqual({
      'content-type': 'application/json',
      'content-length': '12',
      accept: 'application/json',
      'x-api-version': '3',
      authorization: 'Bearer token',
    });
  });

  it("gives the platform's fixed headers precedence over the client's", () => {
    expect(upstreamRequestHeaders({ 'x-api-version': 'client' }, { 'x-api-version': 'provider' }, {})).toEqual({ 'x-api-version': 'provider' });
  });

  it("gives the connection's credential headers precedence over the client's and the platform's", () => {
    const headers = upstreamRequestHeaders(
      { 'x-shopify-access-token': 'client', authorization: 'Bearer client', accept: 'application/json' },
      { 'x-shopify-access-token': 'provider' },
      { 'x-shopify-access-token': 'connection' },
    );
    expect(headers).toEqual({ accept: 'application/json', 'x-shopify-access-token': 'connection' });
  });
});

describe('clientResponseHeaders', () => {
  it('keeps repeated headers and drops hop-by-hop ones and cookies', () => {
    const headers = clientResponseHeaders([
      'Content-Type', 'application/json',
      'Content-Length', '10',
      'Connection', 'close, X-Internal',
      'X-Internal', 'secret',
      'Transfer-Encoding', 'chunked',
      'Set-Cookie', 'a=1',
      'Link', '<a>; rel="next"',
      'Link', '<b>; rel="last"',
    ]);
    expect(headers).toEqual({ 'content-type': 'application/json', 'content-length': '10', link: ['<a>; rel="next"', '<b>; rel="last"'] });
  });
});

describe('requestedRetries', () => {
  it('accepts 0 to 3 and refuses anything else', () => {
    expect([undefined, '0', '3', ' 2 '].map(requestedRetries)).toEqual([0, 0, 3, 2]);
    expect(['4', '-1', 'x', '1.5', '', '10'].map(requestedRetries)).toEqual(Array(6).fill('invalid'));
  });
});
