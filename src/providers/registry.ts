import { BUILT_IN_PROVIDERS } from './catalog/index.js';
import { parseProviderDefinitions, type ProviderDefinition } from './schema.js';

export interface ProviderRegistry {
  /** Every provider: built-ins in catalogue order (overridden ones in place), then operator additions. */
  all(): readonly ProviderDefinition[];
  get(key: string): ProviderDefinition | undefined;
}

export interface ProviderRegistryOptions {
  /** Raw operator definitions (e.g. from `loadProvidersFile`), validated here with the same schema. */
  extraDefinitions?: unknown;
  /** Names where the extra definitions came from, for error messages (e.g. the file path). */
  extraSource?: string;
}

/** Definitions are shared by every request, so freeze them: one caller cannot change another's view. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Builds the catalogue once at boot. An extra definition with a built-in's key replaces it entirely
 * (so an operator, or a test, can point `gbol` at its own authorization server); other keys are added.
 * Throws `ProviderDefinitionError` if anything is invalid, so a bad file stops startup.
 */
export function createProviderRegistry(options: ProviderRegistryOptions = {}): ProviderRegistry {
  const byKey = new Map<string, ProviderDefinition>();
  for (const definition of parseProviderDefinitions(BUILT_IN_PROVIDERS, 'the built-in provider catalogue')) {
    byKey.set(definition.key, deepFreeze(definition));
  }
  if (options.extraDefinitions !== undefined) {
    const source = options.extraSource ?? 'the extra provider definitions';
    // Map.set on an existing key keeps its position, so an override stays where the built-in was.
    for (const definition of parseProviderDefinitions(options.extraDefinitions, source)) {
      byKey.set(definition.key, deepFreeze(definition));
    }
  }
  const all = Object.freeze([...byKey.values()]);
  return {
    all: () => all,
    get: (key) => byKey.get(key),
  };
}
