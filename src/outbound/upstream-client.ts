import http, { type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { DestinationRefusedError, type DestinationGuard } from './destination-guard.js';

/**
 * Streams one request to a platform's API and hands back its response as it arrives (the
 * proxy). node:http rather than fetch: bodies stream both ways in bounded memory with
 * backpressure, sockets are kept alive per origin, and the destination guard's `lookup` judges
 * the address actually connected to. No redirects are followed: a 3xx is the platform's answer.
 */
export interface UpstreamRequest {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  /** A buffered (replayable) body, a stream (sent once), or none. */
  body: Buffer | Readable | undefined;
  /** The client went away: the upstream request is destroyed, whatever stage it is in. */
  signal: AbortSignal;
  /**
   * Doorway's own public URL (the built-in Sandbox's API): not judged by the destination guard,
   * since a deployment's PUBLIC_URL may well resolve to a private address behind its load balancer.
   */
  toDoorwayItself?: boolean;
}

export type UpstreamFailureKind = 'refused' | 'timeout' | 'unreachable' | 'aborted';

/** Why no response came back. `message` is for the operator's log; it may name internal addresses. */
export class UpstreamFailure extends Error {
  constructor(
    readonly kind: UpstreamFailureKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UpstreamFailure';
  }
}

export interface UpstreamClient {
  send(request: UpstreamRequest): Promise<IncomingMessage>;
  /** Closes the kept-alive sockets. */
  close(): void;
}

export interface UpstreamClientOptions {
  guard: DestinationGuard;
  /** Connect + response headers, in ms; the body then streams without a limit. */
  timeoutMs: number;
  maxSocketsPerOrigin?: number;
}

export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const { guard, timeoutMs } = options;
  // noDelay: a request is written whole and waited on, so Nagle's algorithm only adds latency.
  const agentOptions = { keepAlive: true, noDelay: true, maxSockets: options.maxSocketsPerOrigin ?? 256, timeout: 60_000, scheduling: 'lifo' as const };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  // Sockets to Doorway itself were connected without the guard: never lend them to a guarded request.
  const ownHttpAgent = new http.Agent(agentOptions);
  const ownHttpsAgent = new https.Agent(agentOptions);

  function send(upstream: UpstreamRequest): Promise<IncomingMessage> {
    const { url, signal } = upstream;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new UpstreamFailure('aborted', 'The client went away before the request was sent.'));
      const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      // IP literals never reach `lookup`, so they are judged here.
      const guarded = upstream.toDoorwayItself !== true;
      const literal = guarded ? guard.checkHost(hostname) : undefined;
      if (literal) return reject(new UpstreamFailure('refused', literal.message, { cause: literal }));
      const secure = url.protocol === 'https:';
      const request = (secure ? https : http).request({
        protocol: url.protocol,
        hostname,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: upstream.method,
        headers: upstream.headers,
        agent: guarded ? (secure ? httpsAgent : httpAgent) : secure ? ownHttpsAgent : ownHttpAgent,
        ...(guarded ? { lookup: guard.lookup } : {}),
      });
      let settled = false;
      const fail = (failure: UpstreamFailure) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(failure);
      };
      const timer = setTimeout(() => {
        fail(new UpstreamFailure('timeout', `No response from ${url.host} within ${timeoutMs} ms.`));
        request.destroy();
      }, timeoutMs);
      // After the headers, an abort still destroys the request, and with it the response stream.
      const onAbort = () => {
        fail(new UpstreamFailure('aborted', 'The client went away.'));
        request.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      request.once('response', (response) => {
        settled = true;
        clearTimeout(timer);
        response.once('close', () => signal.removeEventListener('abort', onAbort));
        resolve(response);
      });
      request.on('error', (error) => fail(classify(error, url)));

      const body = upstream.body;
      if (body === undefined) request.end();
      else if (Buffer.isBuffer(body)) request.end(body);
      else {
        body.on('error', (error) => request.destroy(error));
        body.pipe(request);
      }
    });
  }

  return {
    send,
    close() {
      for (const agent of [httpAgent, httpsAgent, ownHttpAgent, ownHttpsAgent]) agent.destroy();
    },
  };
}

function classify(error: Error, url: URL): UpstreamFailure {
  if (error instanceof UpstreamFailure) return error;
  if (error instanceof DestinationRefusedError) return new UpstreamFailure('refused', error.message, { cause: error });
  const code = (error as NodeJS.ErrnoException).code ?? error.name;
  return new UpstreamFailure('unreachable', `Request to ${url.host} failed: ${code}`, { cause: error });
}
