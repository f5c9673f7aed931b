import type { Context, Hono } from 'hono';
import type { Clock } from '../../domain/clock.js';
import { getSandboxDataset, type SandboxDataset } from '../../providers/sandbox/datasets.js';
import { SANDBOX_PATHS } from '../../providers/sandbox/sandbox-endpoints.js';
import { verifySandboxToken } from '../../providers/sandbox/sandbox-tokens.js';
import type { SandboxServerSettings } from './sandbox-token-endpoint.js';

/**
 * The Sandbox's read API over the sample datasets: what a client calls with the access token the
 * Sandbox issued (directly, or through Doorway's proxy). Lists page like Codat's
 * (`page` from 1, `pageSize` up to 5000, `{results, pageNumber, pageSize, totalResults}`).
 * Accounting data needs `accounting.read`, banking data `banking.read` (else 403).
 */

const CHALLENGE = 'Bearer realm="Doorway Sandbox"';
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 5000;

type ApiScope = 'accounting.read' | 'banking.read';
type Read = (dataset: SandboxDataset, query: URLSearchParams) => object | { problem: string };

const POSITIVE_INTEGER = /^[1-9][0-9]{0,8}$/;

/** Codat's paging over one list, or the problem with the paging parameters. */
function paged(items: readonly unknown[], query: URLSearchParams): object | { problem: string } {
  const page = query.get('page') ?? '1';
  const pageSize = query.get('pageSize') ?? String(DEFAULT_PAGE_SIZE);
  if (!POSITIVE_INTEGER.test(page)) return { problem: 'page must be a whole number from 1' };
  if (!POSITIVE_INTEGER.test(pageSize) || Number(pageSize) > MAX_PAGE_SIZE) return { problem: `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}` };
  const size = Number(pageSize);
  const start = (Number(page) - 1) * size;
  return { results: items.slice(start, start + size), pageNumber: Number(page), pageSize: size, totalResults: items.length };
}

function refuseToken(c: Context, status: 401 | 403, error: string, description: string, scope?: string) {
  const scopePart = scope === undefined ? '' : `, scope="${scope}"`;
  c.header('WWW-Authenticate', `${CHALLENGE}, error="${error}", error_description="${description}"${scopePart}`);
  return c.json({ error, error_description: description }, status);
}

export function registerSandboxApiRoutes(app: Hono<any>, settings: SandboxServerSettings, clock: Clock): void {
  /**
   * RFC 6750 §3: the token must be a live access token of a grant that was not revoked (one
   * primary-key read), and carry the scope the data needs.
   */
  const serve = (scope: ApiScope, read: Read) => async (c: Context) => {
    c.header('Cache-Control', 'no-store');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!match?.[1]) {
      c.header('WWW-Authenticate', CHALLENGE);
      return c.json({ error: 'invalid_request', error_description: 'A Bearer access token is required' }, 401);
    }
    const now = clock.now();
    const verified = verifySandboxToken(settings.signingKey, match[1], 'access', now);
    if (!verified.ok) {
      return refuseToken(c, 401, 'invalid_token', verified.reason === 'expired' ? 'The access token has expired' : 'The access token is not valid');
    }
    const grant = await settings.grants.findById(verified.claims.grantId);
    if (!grant || grant.revokedAt !== null) return refuseToken(c, 401, 'invalid_token', 'The access token has been revoked');
    const dataset = getSandboxDataset(verified.claims.dataset);
    if (!dataset) return refuseToken(c, 401, 'invalid_token', 'The access token is not valid');
    if (!verified.claims.scope.split(' ').includes(scope)) {
      return refuseToken(c, 403, 'insufficient_scope', `This data needs the ${scope} scope`, scope);
    }
    const answer = read(dataset, new URL(c.req.url).searchParams);
    if ('problem' in answer) return c.json({ error: 'invalid_request', error_description: answer.problem }, 400);
    return c.json(answer);
  };

  app.get(SANDBOX_PATHS.company, serve('accounting.read', (dataset) => ({ dataset: dataset.id, ...dataset.company })));
  app.get(SANDBOX_PATHS.accounts, serve('accounting.read', (dataset, query) => paged(dataset.accounts, query)));
  app.get(SANDBOX_PATHS.invoices, serve('accounting.read', (dataset, query) => paged(dataset.invoices, query)));
  app.get(SANDBOX_PATHS.bankAccounts, serve('banking.read', (dataset, query) => paged(dataset.bankAccounts, query)));
  app.get(
    SANDBOX_PATHS.bankTransactions,
    serve('banking.read', (dataset, query) => {
      const accountId = query.get('accountId');
      return paged(accountId === null ? dataset.bankTransactions : dataset.bankTransactions.filter((t) => t.accountId === accountId), query);
    }),
  );
}
