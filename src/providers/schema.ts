import { z } from 'zod';
import { SOURCE_TYPES } from '../domain/source-type.js';
import { publicPaths, SANDBOX_PATHS } from '../domain/public-urls.js';
import { providerAuthSchema, type OAuth2Auth } from './auth-schema.js';
import { connectionFieldSchema, type ConnectionField } from './connection-field-schema.js';
import { deriveIntegrationId, deriveSourceId } from './deterministic-id.js';
import { inspectTemplate } from './url-template.js';
import { apiSchema } from './api-schema.js';
import { checkConnectionInfoRules } from './connection-info-rules.js';

export type { OAuth2Auth, ProviderAuth } from './auth-schema.js';
export type { ConnectionField } from './connection-field-schema.js';
export type { ApiDefinition } from './api-schema.js';

/** A site-relative path (made absolute by the HTTP layer) or an absolute http(s) URL. */
function isLogoLocation(value: string): boolean {
  if (value.startsWith('/')) return !value.startsWith('//'); // `//host/x` is protocol-relative, i.e. another host
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/**
 * One integration (a platform an SMB can connect), declared as data so operators can add their own
 * from a JSON file. Objects are strict: a misspelt key (`scope` for `scopes`) is an error rather
 * than a silently ignored setting.
 */
const providerDefinitionObjectSchema = z.strictObject({
  key: z.string().regex(/^[a-z]{4}$/, 'must be four lower-case letters (a Codat platform key)'),
  name: z.string().min(1),
  sourceType: z.enum(SOURCE_TYPES),
  integrationId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
  logoUrl: z.string().refine(isLogoLocation, 'must be a path starting with / or an absolute http(s) URL').optional(),
  isBeta: z.boolean().default(false),
  isOfflineConnector: z.boolean().default(false),
  /** Test platforms (Sandbox, QBO Sandbox, Stripe Test), so Link can hide them in production. */
  isSandbox: z.boolean().default(false),
  dataProvidedBy: z.string().min(1).optional(),
  docsUrl: z.url({ protocol: /^https?$/ }).optional(),
  auth: providerAuthSchema,
  connectionConfig: z.array(connectionFieldSchema).default(() => []),
  api: apiSchema.optional(),
  /**
   * The `connectionInfo` key that names the organisation a connection reads (Xero's tenant,
   * QuickBooks' realm): a reconnect that picks a different one is refused.
   */
  organisationField: z.string().min(1).optional(),
});

type ProviderDefinitionObject = z.infer<typeof providerDefinitionObjectSchema>;

type IssuePath = (string | number)[];

/** Every string of an OAuth definition that may contain placeholders, with its path for error messages. */
function templatedValues(auth: OAuth2Auth): Array<{ path: IssuePath; template: string }> {
  const values = [
    { path: ['auth', 'authorizationUrl'], template: auth.authorizationUrl },
    { path: ['auth', 'tokenUrl'], template: auth.tokenUrl },
  ];
  if (auth.revocationUrl !== undefined) values.push({ path: ['auth', 'revocationUrl'], template: auth.revocationUrl });
  for (const [name, value] of Object.entries(auth.authorizationParams)) {
    values.push({ path: ['auth', 'authorizationParams', name], template: value });
  }
  for (const [name, value] of Object.entries(auth.tokenParams)) {
    values.push({ path: ['auth', 'tokenParams', name], template: value });
  }
  return values;
}

/** Each placeholder must be well formed and name a declared, non-secret connectionConfig field. */
function checkPlaceholders(auth: OAuth2Auth, fieldsByName: ReadonlyMap<string, ConnectionField>, ctx: z.RefinementCtx): void {
  for (const { path, template } of templatedValues(auth)) {
    const { fieldNames, problems } = inspectTemplate(template);
    for (const problem of problems) {
      const message =
        problem.kind === 'unclosed'
          ? 'has an unclosed "${" placeholder'
          : `has placeholder ${problem.text}; placeholders must look like \${connectionConfig.fieldName}`;
      ctx.addIssue({ code: 'custom', path, message });
    }
    for (const fieldName of fieldNames) {
      const field = fieldsByName.get(fieldName);
      if (!field) {
        ctx.addIssue({ code: 'custom', path, message: `uses \${connectionConfig.${fieldName}} but connectionConfig declares no field "${fieldName}"` });
      } else if (field.secret) {
        // URLs end up in browser history and access logs; a secret must never be placed in one.
        ctx.addIssue({ code: 'custom', path, message: `uses secret field "${fieldName}"; secrets must not appear in URLs or parameters` });
      }
    }
  }
}

/** Rules that span several fields; each issue carries the path of the field to fix. */
function checkCrossFieldRules(definition: ProviderDefinitionObject, ctx: z.RefinementCtx): void {
  const fieldsByName = new Map<string, ConnectionField>();
  definition.connectionConfig.forEach((field, index) => {
    if (fieldsByName.has(field.name)) {
      ctx.addIssue({ code: 'custom', path: ['connectionConfig', index, 'name'], message: `duplicates field "${field.name}"` });
    }
    fieldsByName.set(field.name, field);
  });
  const { auth } = definition;
  if (auth.type === 'oauth2') checkPlaceholders(auth, fieldsByName, ctx);
  checkConnectionInfoRules(definition, fieldsByName, ctx);
  if (auth.type === 'credentials' && definition.connectionConfig.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['connectionConfig'], message: 'must declare at least one field for a credentials form' });
  }
  // A simulated platform must never be shown to real users as if it were real.
  if (auth.type === 'sandbox' && !definition.isSandbox) {
    ctx.addIssue({ code: 'custom', path: ['isSandbox'], message: 'must be true for a sandbox provider' });
  }
  if (definition.api?.baseUrl === SANDBOX_PATHS.apiBase && auth.type !== 'sandbox') {
    ctx.addIssue({ code: 'custom', path: ['api', 'baseUrl'], message: `may be the site-relative ${SANDBOX_PATHS.apiBase} only for the built-in Sandbox (auth.type "sandbox")` });
  }
}

/** Fills the defaults that depend on the key, so ids are stable across restarts and machines. */
function withDerivedDefaults(definition: ProviderDefinitionObject) {
  return {
    ...definition,
    integrationId: definition.integrationId ?? deriveIntegrationId(definition.key),
    sourceId: definition.sourceId ?? deriveSourceId(definition.key),
    logoUrl: definition.logoUrl ?? publicPaths.providerLogo(definition.key),
  };
}

export const providerDefinitionSchema = providerDefinitionObjectSchema.superRefine(checkCrossFieldRules).transform(withDerivedDefaults);

/** What a catalogue file or an operator's JSON provides (defaults optional). */
export type ProviderDefinitionInput = z.input<typeof providerDefinitionSchema>;
/** A validated definition with every default filled in. */
export type ProviderDefinition = z.output<typeof providerDefinitionSchema>;

export class ProviderDefinitionError extends Error {
  override name = 'ProviderDefinitionError';
}

/** `connectionConfig[0].options` rather than zod's raw `connectionConfig.0.options`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '');
}

function describeEntry(index: number, entry: unknown): string {
  const key = typeof entry === 'object' && entry !== null ? (entry as { key?: unknown }).key : undefined;
  return typeof key === 'string' ? `[${index}] (key "${key}")` : `[${index}]`;
}

/**
 * Validates a list of definitions. Throws one `ProviderDefinitionError` listing every problem, each
 * line naming the entry (index and key) and the field path, so a bad operator file is fixed in one go.
 */
export function parseProviderDefinitions(input: unknown, sourceLabel: string): ProviderDefinition[] {
  const heading = `Invalid provider definitions in ${sourceLabel}`;
  if (!Array.isArray(input)) {
    const actual = input === null ? 'null' : typeof input;
    throw new ProviderDefinitionError(`${heading}: expected an array of provider definitions, got ${actual}`);
  }
  const problems: string[] = [];
  const definitions: ProviderDefinition[] = [];
  const firstIndexByKey = new Map<string, number>();
  input.forEach((entry: unknown, index) => {
    const result = providerDefinitionSchema.safeParse(entry);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(`${describeEntry(index, entry)} ${formatPath(issue.path) || '(definition)'}: ${issue.message}`);
      }
      return;
    }
    const firstIndex = firstIndexByKey.get(result.data.key);
    if (firstIndex !== undefined) {
      problems.push(`${describeEntry(index, entry)} key: duplicates the key of entry [${firstIndex}]`);
      return;
    }
    firstIndexByKey.set(result.data.key, index);
    definitions.push(result.data);
  });
  if (problems.length > 0) throw new ProviderDefinitionError(`${heading}:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  return definitions;
}
