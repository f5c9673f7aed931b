/**
 * Shared pieces of the webhook suites: a real database per dialect with builders that insert
 * through the repositories, and a real HTTP receiver that verifies signatures with the svix
 * library (the one Codat tells its customers to use), unchanged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { Webhook } from 'svix';
import { newClient, type Client } from '../../src/domain/client.js';
import type { WebhookConsumer } from '../../src/domain/webhook-consumer.js';
import { newWebhookMessage, type WebhookEvent, type WebhookMessage } from '../../src/domain/webhook-message.js';
import { createSecretBox, type SecretBox } from '../../src/security/secret-box.js';
import { createStore } from '../../src/storage/kysely/create-store.js';
import { migrateToLatest, openDatabase, type Database } from '../../src/storage/kysely/database.js';
import type { Store } from '../../src/storage/ports.js';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase, type TestDialect } from '../support/databases.js';

export const T0 = Date.parse('2024-06-01T12:00:00.000Z');
/** `at(s)`: T0 plus `s` seconds, as stored ISO text. */
export const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

export const newSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

export interface WebhookTestDb {
  database: Database;
  store: Store;
  secrets: SecretBox;
  /** Empties the webhook tables, so each test sees only its own messages (claims are global). */
  reset(): Promise<void>;
  close(): Promise<void>;
  seedClient(): Promise<Client>;
  /** A consumer whose signing secret (returned in plain text) is sealed like the API seals it. */
  seedConsumer(clientId: string, overrides?: Partial<WebhookConsumer> & { secret?: string; previousSecret?: string }): Promise<WebhookConsumer & { secret: string }>;
  /**
   * One message for `consumer`, due at `nextAttemptAt` (default: its `created`, T0), and its event,
   * unless an existing `eventId` is given (a second message for the same event).
   */
  seedMessage(consumer: WebhookConsumer, overrides?: Partial<WebhookMessage> & { body?: string }): Promise<WebhookMessage & { body: string }>;
}

export async function openWebhookTestDb(dialect: TestDialect): Promise<WebhookTestDb & { testDb: TestDatabase }> {
  const testDb = await createTestDatabase(dialect);
  const database = openDatabase(testDb.config);
  await migrateToLatest(database.db, database.dialect);
  const store = createStore(database.db, database.dialect);
  const secrets = createSecretBox(randomBytes(32));

  return {
    testDb,
    database,
    store,
    secrets,
    async reset() {
      for (const table of ['webhook_attempts', 'webhook_messages', 'webhook_events', 'webhook_consumers'] as const) {
        await sql`DELETE FROM ${sql.table(table)}`.execute(database.db);
      }
    },
    async close() {
      await database.close();
      await waitForDisconnect(testDb);
      await testDb.drop();
    },
    async seedClient() {
      const id = randomUUID();
      const client: Client = { ...newClient(id, 'Webhook Lender', `hooks-${id.slice(0, 8)}`, at(0)), redirectUrl: 'https://lender.example/done' };
      await store.clients.insert(client);
      return client;
    },
    async seedConsumer(clientId, overrides = {}) {
      const { secret = newSecret(), previousSecret, ...rest } = overrides;
      const id = rest.id ?? randomUUID();
      const aad = `webhook-consumer:${id}`;
      const consumer: WebhookConsumer = {
        id,
        clientId,
        url: 'http://127.0.0.1:9/unused',
        disabled: false,
        eventTypes: ['*'],
        companyTags: null,
        secretSealed: secrets.seal(secret, aad),
        previousSecretSealed: previousSecret === undefined ? null : secrets.seal(previousSecret, aad),
        previousSecretExpiresAt: null,
        failingSince: null,
        disabledReason: null,
        created: at(0),
        modified: at(0),
        ...rest,
      };
      await store.webhookConsumers.insert(consumer);
      return { ...consumer, secret };
    },
    async seedMessage(consumer, overrides = {}) {
      const { body: givenBody, ...rest } = overrides;
      const eventId = rest.eventId ?? randomUUID();
      const created = rest.created ?? at(0);
      const body = givenBody ?? JSON.stringify({ id: eventId, eventType: 'company.created', generatedDate: created, payload: { note: 'héllo ✓' } });
      const event: WebhookEvent = { id: eventId, clientId: consumer.clientId, eventType: 'company.created', companyId: null, body, created };
      if (rest.eventId === undefined) await store.webhookOutbox.insertEvent(event);
      const message: WebhookMessage = {
        ...newWebhookMessage({ clientId: consumer.clientId, consumerId: consumer.id, eventId, eventType: 'company.created', now: created }),
        ...rest,
      };
      await store.webhookOutbox.insertMessages([message]);
      return { ...message, body: rest.eventId === undefined ? body : ((await store.webhookOutbox.findEventBody(eventId)) ?? '') };
    },
  };
}

/**
 * pg's `pool.end()` resolves before its sockets have finished closing; dropping the database
 * WITH (FORCE) at that moment kills them mid-goodbye and pg reports an unhandled FATAL error.
 */
async function waitForDisconnect(testDb: TestDatabase): Promise<void> {
  if (testDb.config.kind !== 'postgres') return;
  const name = new URL(testDb.config.connectionString).pathname.slice(1);
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      if (rows[0]?.n === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await admin.end();
  }
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Whether svix's `Webhook.verify` accepted it with the receiver's secret. */
  verified: boolean;
  verifyError: string | null;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Answer only after this many (real) ms. */
  delayMs?: number;
}

/** What the receiver answers: a reply, or 'hang' to never answer (for timeouts). */
export type Responder = (request: ReceivedRequest) => Reply | 'hang';

export interface TestReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** The most requests it was handling at the same time. */
  maxConcurrent: number;
  /** Changes the answer mid-test (Svix's TestReceiver does the same). */
  respond(responder: Responder): void;
  /** The secret the receiver verifies with (a customer that has not rotated yet keeps the old one). */
  verifyWith(secret: string): void;
  close(): Promise<void>;
}

/**
 * A webhook endpoint on 127.0.0.1. By default it answers 204 to a request that verifies and
 * 401 to one that does not, like a correctly written customer endpoint.
 */
export async function startReceiver(secret: string): Promise<TestReceiver> {
  let verifySecret = secret;
  let responder: Responder | undefined;
  const requests: ReceivedRequest[] = [];
  let active = 0;
  const stats = { maxConcurrent: 0 };
  const server = http.createServer((req, res) => {
    active++;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, active);
    res.on('close', () => active--);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      let verifyError: string | null = null;
      try {
        new Webhook(verifySecret).verify(body, headers);
      } catch (error) {
        verifyError = (error as Error).message;
      }
      const received: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers, body, verified: verifyError === null, verifyError };
      requests.push(received);
      const reply = responder ? responder(received) : received.verified ? { status: 204 } : { status: 401, body: `bad signature: ${verifyError}` };
      if (reply === 'hang') return;
      const answer = () => {
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body ?? '');
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/codat`,
    requests,
    get maxConcurrent() {
      return stats.maxConcurrent;
    },
    respond(next) {
      responder = next;
    },
    verifyWith(next) {
      verifySecret = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
