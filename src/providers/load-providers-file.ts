import { readFile } from 'node:fs/promises';
import { ProviderDefinitionError } from './schema.js';

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads the operator's providers file (`DOORWAY_PROVIDERS_FILE`): either a JSON array of definitions
 * or `{ "providers": [...] }` (room for future top-level settings). Returns the raw array; validation
 * is `createProviderRegistry`'s job. Every error names the file.
 */
export async function loadProvidersFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ProviderDefinitionError(`Cannot read providers file ${path}: ${describe(error)}`, { cause: error });
  }
  let parsed: unknown;
  try {
    // Strip a byte-order mark: editors on Windows add one and JSON.parse rejects it.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ProviderDefinitionError(`Providers file ${path} is not valid JSON: ${describe(error)}`, { cause: error });
  }
  if (Array.isArray(parsed)) return parsed;
  if (typeof parsed === 'object' && parsed !== null && 'providers' in parsed && Array.isArray(parsed.providers)) {
    return parsed.providers;
  }
  throw new ProviderDefinitionError(`Providers file ${path} must hold a JSON array of provider definitions or an object {"providers": [...]}`);
}
