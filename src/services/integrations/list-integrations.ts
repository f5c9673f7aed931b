import { assertKnownPaths, evaluateQuery, type FieldValue, type QueryNode } from '../../domain/query/index.js';
import { AppError } from '../../domain/errors.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { parseOptionalQuery, parseOrderBy, resolvePaging, type PageRequest } from '../paging.js';
import { toIntegrationView, type IntegrationView } from './integration-view.js';

export interface IntegrationPage {
  items: IntegrationView[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The catalogue is a few dozen static definitions held in memory, so its filter is evaluated
 * in memory with the same query language (companies and connections compile to SQL instead).
 */
const FIELDS: Record<string, (view: IntegrationView) => FieldValue> = {
  key: (v) => v.provider.key,
  name: (v) => v.provider.name,
  enabled: (v) => v.enabled,
  sourceType: (v) => v.provider.sourceType,
  sourceId: (v) => v.provider.sourceId,
  integrationId: (v) => v.provider.integrationId,
  isBeta: (v) => v.provider.isBeta,
  isOfflineConnector: (v) => v.provider.isOfflineConnector,
  dataProvidedBy: (v) => v.provider.dataProvidedBy,
};

export async function listIntegrations(deps: Pick<ServiceDeps, 'store' | 'providers'>, actor: Actor, input: PageRequest): Promise<IntegrationPage> {
  const { page, pageSize, offset } = resolvePaging(input);
  const filter = parseOptionalQuery(input.query);
  if (filter) {
    assertKnownPaths(filter, (path) => path in FIELDS, 'Integration');
    assertBooleanValues(filter);
  }
  const order = parseOrderBy(input.orderBy);
  const orderField = order ? FIELDS[order.field] : FIELDS.name;
  if (!orderField) throw new AppError('BAD_REQUEST', `Cannot order integrations by '${order?.field}'. Allowed: ${Object.keys(FIELDS).join(', ')}.`);

  const settings = new Map((await deps.store.integrationSettings.list(actor.clientId)).map((s) => [s.platformKey, s]));
  const views = deps.providers.all().map((provider) => toIntegrationView(provider, settings.get(provider.key)));
  const matching = filter ? views.filter((view) => evaluateQuery(filter, (path) => FIELDS[path]!(view))) : views;
  const sign = order?.descending ? -1 : 1;
  matching.sort((a, b) => sign * String(orderField(a) ?? '').localeCompare(String(orderField(b) ?? '')));
  return { items: matching.slice(offset, offset + pageSize), total: matching.length, page, pageSize };
}

const BOOLEAN_FIELDS = new Set(['enabled', 'isBeta', 'isOfflineConnector']);

/** `enabled=maybe` is a mistake worth a 400, not a silently empty page. */
function assertBooleanValues(node: QueryNode): void {
  if (node.kind !== 'clause') return node.children.forEach(assertBooleanValues);
  if (BOOLEAN_FIELDS.has(node.path) && !/^(true|false)$/i.test(node.value)) {
    throw new AppError('MALFORMED_QUERY', `Error parsing query - '${node.value}' is not a valid value for ${node.path}; expected true or false.`);
  }
}
