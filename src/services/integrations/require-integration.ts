import { AppError } from '../../domain/errors.js';
import type { ServiceDeps } from '../deps.js';
import { toIntegrationView, type IntegrationView } from './integration-view.js';

export async function requireIntegration(
  deps: Pick<ServiceDeps, 'store' | 'providers'>,
  clientId: string,
  platformKey: string,
): Promise<IntegrationView> {
  const provider = deps.providers.get(platformKey);
  if (!provider) throw new AppError('NOT_FOUND', `No integration was found with key ${platformKey}.`);
  return toIntegrationView(provider, await deps.store.integrationSettings.find(clientId, platformKey));
}
