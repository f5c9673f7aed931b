import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'svix';

export interface ReceivedWebhook {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  event: { id: string; eventType: string; generatedDate: string; payload: Record<string, any> };
}

/**
 * A client's webhook endpoint: verifies every delivery with the `svix` library, unchanged, and
 * keeps the verified ones. `respond` decides the HTTP status (default 200).
 */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  rejected: number;
  secrets: string[];
  respond: (delivery: { attempt: number; body: string }) => number;
  waitFor(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /**
   * Answer this many ms after the body arrived (the delivery is recorded at once). Keeps
   * deliveries in flight, so a killed sender often dies between our receipt and its record.
   */
  respondAfterMs?: () => number;
}

export async function startWebhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  let server: Server;
  const attempts = new Map<string, number>();
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    rejected: 0,
    secrets: [],
    respond: () => 200,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.received)) {
        if (Date.now() > deadline) throw new Error(`webhook receiver: condition not met after ${timeoutMs} ms (${receiver.received.length} received)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('error', () => {}); // the sender may be killed mid-request
    res.on('error', () => {});
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as Record<string, string>;
      const verified = receiver.secrets.some((secret) => {
        try {
          new Webhook(secret).verify(body, headers);
          return true;
        } catch {
          return false;
        }
      });
      if (!verified) {
        receiver.rejected += 1;
        res.statusCode = 401;
        res.end('bad signature');
        return;
      }
      const id = headers['webhook-id']!;
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      const status = receiver.respond({ attempt, body });
      if (status >= 200 && status < 300) receiver.received.push({ id, headers: req.headers, body, event: JSON.parse(body) });
      res.statusCode = status;
      const delay = options.respondAfterMs?.() ?? 0;
      if (delay > 0) setTimeout(() => res.end('ok'), delay);
      else res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
