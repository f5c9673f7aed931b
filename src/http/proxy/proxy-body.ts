import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Context } from 'hono';
import type { HttpEnv } from '../env.js';

/** Bodies up to this size are read first, so a 401 (refresh) or a 429/5xx (Doorway-Retries) can send them again. */
export const REPLAYABLE_BODY_BYTES = 1_048_576;

/** The client's request body as the proxy forwards it. */
export interface ProxiedBody {
  body: Buffer | Readable | undefined;
  /** False for a streamed body: it can be sent once only, so it is never retried. */
  replayable: boolean;
}

/** The node request under @hono/node-server (absent when the app is called with a bare `Request`). */
export function nodeIncoming(c: Context<HttpEnv>): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * No body; a small one with a declared length, buffered; anything else (large, or chunked
 * with no length) streamed straight through from the node request, in bounded memory.
 */
export async function proxiedBody(c: Context<HttpEnv>, incoming: IncomingMessage | undefined): Promise<ProxiedBody> {
  const lengthHeader = c.req.header('content-length');
  const length = lengthHeader === undefined ? undefined : Number(lengthHeader);
  const chunked = c.req.header('transfer-encoding') !== undefined;
  if (length === 0 || (length === undefined && !chunked)) return { body: undefined, replayable: true };
  // Node's server already refuses a request with an unreadable Content-Length, so this is a number.
  const buffered = length !== undefined && length <= REPLAYABLE_BODY_BYTES;
  if (incoming) return buffered ? { body: await readAll(incoming), replayable: true } : { body: incoming, replayable: false };
  const web = c.req.raw.body as WebReadableStream<Uint8Array> | null;
  if (web === null) return { body: undefined, replayable: true };
  return buffered ? { body: await readAll(web), replayable: true } : { body: Readable.fromWeb(web), replayable: false };
}
