import type { IntegrationSettings } from '../../domain/integration-settings.js';
import type { ProviderDefinition } from '../../providers/schema.js';

/** A provider as one client sees it: the catalogue entry plus that client's own settings. */
export interface IntegrationView {
  provider: ProviderDefinition;
  enabled: boolean;
  settings: IntegrationSettings | undefined;
}

/**
 * Sandbox platforms work out of the box; a real platform is off until the client enables it
 * (and, for OAuth platforms, gives Doorway its OAuth app credentials).
 */
export function isEnabledByDefault(provider: ProviderDefinition): boolean {
  return provider.auth.type === 'sandbox';
}

export function toIntegrationView(provider: ProviderDefinition, settings: IntegrationSettings | undefined): IntegrationView {
  return { provider, enabled: settings ? settings.enabled : isEnabledByDefault(provider), settings };
}
