import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting Doorway reads from the environment, with its description and default.
 * Only `loadConfig` reads `process.env`; everything else receives a typed `Config`.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/**
 * Which proxies are believed about the client address: the client is the right-most
 * X-Forwarded-For entry that is not a trusted proxy (proxies append, so entries to the left of
 * the trusted ones are whatever the client wrote). `hops`: that many proxies, nearest first;
 * `addresses`: any peer within these addresses/CIDRs (or `loopback`, `linklocal`, `uniquelocal`).
 */
export type TrustProxy = { hops: number } | { addresses: string[] };

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function parseTrustProxy(value: string, ctx: z.core.$RefinementCtx<string>): TrustProxy {
  const text = value.trim().toLowerCase();
  if (text === 'false') return { hops: 0 };
  if (text === 'true') return { hops: 1 };
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const addresses = text.split(',').map((entry) => entry.trim());
  for (const entry of addresses) {
    if (!PROXY_RANGE_NAMES.has(entry) && !isAddressOrCidr(entry)) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not true, false, a number of hops, an IP address, a CIDR or loopback/linklocal/uniquelocal` });
    }
  }
  return { addresses };
}

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('TCP port the HTTP server listens on.'),
    HOST: z.string().min(1).default('0.0.0.0').describe('Interface the HTTP server binds to.'),
    PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('External base URL of this deployment (used in Link URLs). Defaults to http://localhost:{PORT}.'),
    DATA_DIR: z.string().min(1).default('./data').describe('Directory for the embedded SQLite database and generated keys.'),
    DATABASE_URL: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres://, postgresql:// or sqlite:')
      .optional()
      .describe('postgres://… for scale-out, or sqlite:<path>. Defaults to sqlite:{DATA_DIR}/doorway.db.'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe('PostgreSQL connection pool size per process.'),
    DATABASE_PREPARED_STATEMENTS: booleanFromEnv
      .default(true)
      .describe('PostgreSQL: run repeated queries as named prepared statements. Turn off behind PgBouncer in transaction mode older than 1.21.'),
    DOORWAY_API_KEY_CACHE_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(300)
      .default(5)
      .describe('Seconds a process remembers a valid API key; a key deleted elsewhere works here at most this long. 0: always ask the database.'),
    DOORWAY_API_KEY: z
      .string()
      .min(16, 'must be at least 16 characters')
      .max(200)
      .optional()
      .describe('API key for the default client, created at start if missing; a revoked one stays revoked (startup logs an error). If unset a random key is generated and printed once.'),
    DOORWAY_ENCRYPTION_KEY: z
      .string()
      .optional()
      .describe(
        'Base64 (44 chars) or hex (64 chars) 256-bit key for AES-256-GCM encryption of secrets at rest. Cannot change once data is written. ' +
          'Required with PostgreSQL; generated into DATA_DIR on first start for the embedded default.',
      ),
    DOORWAY_ADMIN_EMAIL: z
      .email()
      .max(254)
      .optional()
      .describe('Email of the first Portal admin of the default client, created at the first start when it has no users (default admin@localhost).'),
    DOORWAY_ADMIN_PASSWORD: z
      .string()
      .min(12, 'must be at least 12 characters')
      .max(200)
      .optional()
      .describe('Password of that first admin. If unset, a random password is generated and printed once. Ignored once the client has users.'),
    DOORWAY_PROVIDERS_FILE: z.string().min(1).optional().describe('JSON file of extra or overriding provider definitions.'),
    LINK_EVENT_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3650)
      .default(90)
      .describe('Days Link funnel events are kept before the pruner deletes them.'),
    LINK_PRUNE_INTERVAL_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(300)
      .describe('How often each process deletes expired Link sessions, OAuth states, rate-limit windows, old Link events, idempotency keys and Sandbox grants.'),
    LINK_SESSIONS_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(0)
      .max(100_000)
      .default(60)
      .describe('Link pages (company, connection and Invite URLs) one client address may open per minute; beyond it a friendly 429 page. 0: no limit.'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level.'),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576).describe('Largest accepted request body.'),
    PROXY_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(30_000)
      .describe(
        'The proxy (`/companies/{id}/connections/{id}/proxy/...`): how long connecting to the platform and receiving its response headers may take before Doorway answers 504. The body then streams without a limit.',
      ),
    SANDBOX_ACCESS_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(86_400)
      .default(3600)
      .describe("Lifetime of the built-in Sandbox's access tokens. Short values exercise token refresh."),
    SANDBOX_REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3650 * 86_400)
      .default(30 * 86_400)
      .describe("Lifetime of the built-in Sandbox's refresh tokens (each refresh issues a new one and retires the old); after it the connection must be linked again."),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value, ctx) => parseTrustProxy(value, ctx))
      .describe(
        'Which proxies in front of Doorway to believe about the client address (X-Forwarded-For), as Express\'s `trust proxy`: ' +
          'false (none), true (one hop: the proxy that connects to Doorway), a number of hops, or a comma-separated list of trusted proxy addresses and CIDRs.',
      ),
    WEBHOOK_WORKER: z
      .enum(['inline', 'off'])
      .default('inline')
      .describe('inline: `npm start` also delivers webhooks; off: run `npm run worker` processes instead (PostgreSQL).'),
    WEBHOOK_ALLOW_PRIVATE_DESTINATIONS: booleanFromEnv
      .default(false)
      .describe('Allow webhook URLs that resolve to private, loopback or link-local addresses (SSRF guard off for webhooks only; OUTBOUND_ALLOW_PRIVATE_DESTINATIONS turns it off everywhere, webhooks included).'),
    OUTBOUND_ALLOW_PRIVATE_DESTINATIONS: booleanFromEnv
      .default(false)
      .describe(
        'Allow every outbound request (webhooks, platform token and revocation endpoints, connectionInfo calls, the API proxy) to reach ' +
          'private, loopback or link-local addresses (SSRF guard off). For a platform or receiver on your own network; ' +
          'WEBHOOK_ALLOW_PRIVATE_DESTINATIONS still allows it for webhooks alone.',
      ),
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'must be comma-separated seconds, e.g. 0,5,300,1800')
      .optional()
      .describe('Delays in seconds before each retry. Default 0,5,300,1800,7200,18000,36000,36000 (Svix/Codat).'),
    WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30).describe('Days messages and attempts are kept.'),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000).describe('A delivery succeeds only with a 2xx within this time.'),
    DOORWAY_FAULT_INJECTION: z
      .enum(['off', 'kill-after-idempotent-commit'])
      .default('off')
      .describe(
        'Test-only fault injection, never for production. kill-after-idempotent-commit: the process SIGKILLs itself right after ' +
          'committing a POST that carries an Idempotency-Key, before answering it (the crash test of idempotent retries).',
      ),
    WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64).describe('Deliveries in flight per worker process.'),
    TOKEN_REFRESH_WORKER: z
      .enum(['inline', 'off'])
      .default('inline')
      .describe(
        'inline: `npm start` also refreshes Linked connections\' OAuth tokens before they expire (and exercises idle refresh tokens daily); ' +
          'off: `npm run worker` processes do it instead (PostgreSQL). Requests refresh on demand either way.',
      ),
    TOKEN_REFRESH_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(32).describe('Background token refreshes in flight per process.'),
    TOKEN_REFRESH_FAILURE_DAYS: z.coerce
      .number()
      .int()
      .min(1)
      .max(365)
      .default(4)
      .describe('A connection whose token refresh fails (network, 5xx, 429) on this many separate days becomes Deauthorized; invalid_grant does at once.'),
  })
  .strict();

export type RawConfig = z.infer<typeof configSchema>;
