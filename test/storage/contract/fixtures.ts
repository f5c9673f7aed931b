/**
 * Builders for the domain objects the storage contract suite writes. Every builder returns a
 * complete, valid object with fresh ids; tests override only what they assert on. Timestamps come
 * from a fixed clock (`at`), never from `Date.now()`, so ordering assertions are deterministic.
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { newClient, type ApiKey, type Client } from '../../../src/domain/client.js';
import type { Company } from '../../../src/domain/company.js';
import type { Page } from '../../../src/storage/ports.js';
import type { Connection } from '../../../src/domain/connection.js';
import { AppError } from '../../../src/domain/errors.js';
import type { IntegrationSettings } from '../../../src/domain/integration-settings.js';
import type { LinkEvent, LinkSession, OAuthState } from '../../../src/domain/link/link-session.js';
import type { WebhookConsumer } from '../../../src/domain/webhook-consumer.js';
import { parseQuery, TAG_OPERATORS } from '../../../src/domain/query/index.js';
import type { TestDialect } from '../../support/databases.js';

const EPOCH = Date.parse('2024-01-01T00:00:00.000Z');

/** The fixed clock: `at(0)` is 2024-01-01T00:00:00.000Z, `at(n)` is n minutes later. */
export const at = (minutes: number): string => new Date(EPOCH + minutes * 60_000).toISOString();

export const newTestId = (): string => randomUUID();

/** List options that return every row the tests seed. */
export const ALL = { offset: 0, limit: 100 } as const;

/** The names of a page of companies, in order. */
export const names = (page: Page<Company>): string[] => page.items.map((company) => company.name);

/** `query=` text, parsed the way the API parses it. */
export const query = (text: string) => parseQuery(text);
/** `tags=` text, parsed the way the API parses it. */
export const tags = (text: string) => parseQuery(text, { pathSyntax: 'tag', allowedOperators: TAG_OPERATORS });

export function buildClient(overrides: Partial<Client> = {}): Client {
  const id = overrides.id ?? newTestId();
  return { ...newClient(id, 'Test Lender', `lender-${id.slice(0, 8)}`, at(0)), redirectUrl: 'https://lender.example/done', ...overrides };
}

export function buildApiKey(clientId: string, overrides: Partial<ApiKey> = {}): ApiKey {
  return { id: newTestId(), clientId, name: null, keyHint: 'ab12', created: at(0), ...overrides };
}

export function buildCompany(clientId: string, overrides: Partial<Company> = {}): Company {
  return {
    id: newTestId(),
    clientId,
    name: 'Company',
    description: null,
    tags: {},
    created: at(0),
    modified: at(0),
    lastSync: null,
    createdByUserName: null,
    ...overrides,
  };
}

export function buildConnection(company: Pick<Company, 'id' | 'clientId'>, overrides: Partial<Connection> = {}): Connection {
  return {
    id: newTestId(),
    clientId: company.clientId,
    companyId: company.id,
    integrationKey: 'gbol',
    sourceType: 'Accounting',
    status: 'PendingAuth',
    created: at(0),
    modified: at(0),
    lastSync: null,
    linkedAt: null,
    connectionInfo: null,
    dataConnectionErrors: [],
    ...overrides,
  };
}

export function buildIntegrationSettings(clientId: string, overrides: Partial<IntegrationSettings> = {}): IntegrationSettings {
  return {
    clientId,
    platformKey: 'gbol',
    enabled: true,
    oauthClientId: null,
    oauthClientSecretSealed: null,
    scopes: null,
    modified: at(0),
    ...overrides,
  };
}

export function buildWebhookConsumer(clientId: string, overrides: Partial<WebhookConsumer> = {}): WebhookConsumer {
  return {
    id: newTestId(),
    clientId,
    url: 'https://hooks.lender.example/codat',
    disabled: false,
    eventTypes: ['company.created'],
    companyTags: null,
    secretSealed: 'sealed-secret',
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    failingSince: null,
    disabledReason: null,
    created: at(0),
    modified: at(0),
    ...overrides,
  };
}

/** Awaits `promise` expecting an `AppError` with `status` (and a message matching `message`). */
export async function expectAppError(promise: Promise<unknown>, status: number, message?: string | RegExp): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected an AppError ${status}`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(status);
  if (message !== undefined) expect(appError.message).toMatch(message);
  return appError;
}

/** The driver's own error code for a unique-constraint violation (not an AppError: the database refused). */
const UNIQUE_VIOLATION: Record<TestDialect, string> = { sqlite: 'SQLITE_CONSTRAINT_UNIQUE', postgres: '23505' };

/** Awaits `promise` expecting the database itself to reject it with a unique-constraint violation. */
export async function expectUniqueViolation(dialect: TestDialect, promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the database to reject a duplicate').toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(AppError);
  expect((error as { code?: unknown }).code).toBe(UNIQUE_VIOLATION[dialect]);
}

export function buildLinkSession(clientId: string, overrides: Partial<LinkSession> = {}): LinkSession {
  return {
    id: newTestId(),
    clientId,
    companyId: null,
    browserHash: `browser-${newTestId()}`,
    params: {},
    created: at(0),
    expiresAt: at(24 * 60),
    embed: null,
    ...overrides,
  };
}

/** A pending OAuth state of `session` (which must have a company), valid for 15 minutes from at(0). */
export function buildOAuthState(session: LinkSession & { companyId: string }, overrides: Partial<OAuthState> = {}): OAuthState {
  return {
    id: `state-${newTestId()}`,
    clientId: session.clientId,
    companyId: session.companyId,
    connectionId: newTestId(),
    sessionId: session.id,
    codeVerifierSealed: 'sealed-verifier',
    created: at(0),
    expiresAt: at(15),
    consumedAt: null,
    browserHash: null,
    returnUrl: null,
    ...overrides,
  };
}

export function buildLinkEvent(session: LinkSession, overrides: Partial<LinkEvent> = {}): LinkEvent {
  return {
    id: newTestId(),
    clientId: session.clientId,
    companyId: session.companyId,
    sessionId: session.id,
    connectionId: null,
    platformKey: null,
    sourceType: null,
    type: 'opened',
    detail: null,
    created: at(0),
    ...overrides,
  };
}
