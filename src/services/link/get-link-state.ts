import type { Company } from '../../domain/company.js';
import type { Connection } from '../../domain/connection.js';
import { requireClient } from '../clients/require-client.js';
import {
  isOfferedInVisit,
  LINK_CATEGORY_KEYS,
  linkVisitOptions,
  resolveLinkText,
  type LinkCategoryKey,
  type LinkSettings,
} from '../../domain/link/link-settings.js';
import type { LinkSession } from '../../domain/link/link-session.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { Client } from '../../domain/client.js';
import type { ServiceDeps } from '../deps.js';
import { getVisitSettings } from './get-visit-settings.js';
import { allowsMultipleInVisit } from '../../domain/link/link-embedding.js';
import { categoryOf, linkIntegrations } from './link-integrations.js';
import { requireSessionCompany } from './require-link-session.js';

export interface LinkCategoryState {
  key: LinkCategoryKey;
  optional: boolean;
  allowMultiple: boolean;
  connections: Connection[];
  integrations: ProviderDefinition[];
}

export interface LinkState {
  company: Company;
  client: Client;
  settings: LinkSettings;
  text: Record<string, string>;
  categories: LinkCategoryState[];
  canComplete: boolean;
}

/** Everything the Link UI shows for this visit, computed on the server from stored state. */
export async function getLinkState(deps: Pick<ServiceDeps, 'store' | 'providers'>, session: LinkSession): Promise<LinkState> {
  const company = await requireSessionCompany(deps.store, session);
  const [client, settings, connections] = await Promise.all([
    requireClient(deps.store, session.clientId),
    getVisitSettings(deps, session),
    deps.store.connections.listForCompanies(session.clientId, [company.id]),
  ]);
  const integrations = await linkIntegrations(deps, session, settings);
  const categories = LINK_CATEGORY_KEYS.filter((key) => settings.categories[key].enabled).map((key) => ({
    key,
    optional: settings.categories[key].optional,
    allowMultiple: allowsMultipleInVisit(key, session.embed),
    connections: connections.filter((connection) => categoryOf(connection.sourceType) === key),
    integrations: integrations[key],
  }));
  // A required category is satisfied only by a platform this visit may offer (no hidden Sandbox books).
  const options = linkVisitOptions(settings, session.params);
  const counts = (c: Connection) => c.status === 'Linked' && isOfferedInVisit(options, deps.providers.get(c.integrationKey) ?? { isSandbox: false });
  const canComplete = categories.every((category) => category.optional || category.connections.some(counts));
  return { company, client, settings, text: resolveLinkText(settings), categories, canComplete };
}
