import type { Connection } from '../../domain/connection.js';
import { CATEGORY_SOURCE_TYPE } from '../../domain/link/link-settings.js';
import { publicPaths } from '../../domain/public-urls.js';
import { webUrlOrNull } from '../../domain/web-url.js';
import type { ProviderDefinition } from '../../providers/schema.js';
import type { IntegrationView } from '../../services/integrations/integration-view.js';
import type { LinkState } from '../../services/link/get-link-state.js';
import { connectionSource } from '../../wire/codat/connections.js';
import type { WireContext } from '../../wire/codat/wire-context.js';

/** Domain → the Link UI contract in docs/link-api.md. */
export function toLinkConnection(wire: WireContext, connection: Connection) {
  const provider = wire.providers.get(connection.integrationKey);
  const lastError = connection.dataConnectionErrors.filter((e) => e.status === 'Active').at(-1);
  return {
    id: connection.id,
    platformKey: connection.integrationKey,
    platformName: provider?.name ?? connection.integrationKey,
    // Codat's ConnectionCallbackArgs (the Link SDK's callbacks) name these.
    ...connectionSource(wire, connection),
    logoUrl: wire.urls.absolute(provider?.logoUrl ?? publicPaths.providerLogo(connection.integrationKey)),
    status: connection.status,
    created: connection.created,
    linkedAt: connection.linkedAt,
    lastError: lastError ? { statusCode: lastError.statusCode, message: lastError.errorMessage, at: lastError.erroredOnUtc } : null,
  };
}

export function toLinkIntegration(wire: WireContext, provider: ProviderDefinition) {
  return {
    key: provider.key,
    name: provider.name,
    logoUrl: wire.urls.absolute(provider.logoUrl),
    isSandbox: provider.isSandbox,
    authType: provider.auth.type,
    // Credentials platforms, and OAuth platforms whose URLs need a value first, have a form.
    fields:
      provider.connectionConfig.length > 0
        ? provider.connectionConfig.map((field) => ({
            name: field.name,
            label: field.label,
            type: field.type,
            required: field.required,
            ...(field.pattern ? { pattern: field.pattern } : {}),
            ...(field.options ? { options: field.options } : {}),
            ...(field.example ? { example: field.example } : {}),
            ...(field.help ? { help: field.help } : {}),
          }))
        : [],
  };
}

/** A platform for the Portal's Link preview (web/link/src/preview/): Link's own view, plus its category and the client's switch. */
export function toLinkPreviewIntegration(wire: WireContext, view: IntegrationView) {
  return { ...toLinkIntegration(wire, view.provider), sourceType: view.provider.sourceType, enabled: view.enabled };
}

export function toLinkState(wire: WireContext, state: LinkState) {
  const { settings } = state;
  return {
    company: { id: state.company.id, name: state.company.name },
    client: {
      name: state.client.name,
      logoUrl: webUrlOrNull(settings.branding.logoUrl ?? state.client.logoUrl),
      iconUrl: webUrlOrNull(settings.branding.iconUrl ?? state.client.iconUrl),
    },
    branding: { primaryColor: settings.branding.primaryColor, secondaryColor: settings.branding.secondaryColor },
    showLandingPage: settings.showLandingPage,
    text: state.text,
    categories: state.categories.map((category) => ({
      sourceType: CATEGORY_SOURCE_TYPE[category.key],
      key: category.key,
      optional: category.optional,
      allowMultiple: category.allowMultiple,
      connections: category.connections.map((connection) => toLinkConnection(wire, connection)),
      integrations: category.integrations.map((provider) => toLinkIntegration(wire, provider)),
    })),
    canComplete: state.canComplete,
    redirectConfigured: Boolean(state.client.redirectUrl),
  };
}
