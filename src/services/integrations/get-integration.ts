import type { Actor, ServiceDeps } from '../deps.js';
import type { IntegrationView } from './integration-view.js';
import { requireIntegration } from './require-integration.js';

export function getIntegration(deps: Pick<ServiceDeps, 'store' | 'providers'>, actor: Actor, platformKey: string): Promise<IntegrationView> {
  return requireIntegration(deps, actor.clientId, platformKey);
}
