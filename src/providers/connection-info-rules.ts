import type { z } from 'zod';
import type { ApiDefinition } from './api-schema.js';
import type { ProviderAuth } from './auth-schema.js';
import type { ConnectionField } from './connection-field-schema.js';
import { inspectConnectionInfoTemplate } from './url-template.js';

interface DefinitionParts {
  auth: ProviderAuth;
  api?: ApiDefinition | undefined;
  organisationField?: string | undefined;
}

type Fields = ReadonlyMap<string, ConnectionField>;

/** connectionInfo keys known once the platform has answered the authorization (before the connectionInfo call). */
function keysAtAuthorization(definition: DefinitionParts, fields: Fields): Set<string> {
  const keys = new Set([...fields.values()].filter((field) => !field.secret).map((field) => field.name));
  const { auth } = definition;
  if (auth.type === 'oauth2') for (const key of auth.callbackMetadata) keys.add(key);
  if (auth.type === 'oauth2' || auth.type === 'sandbox') for (const key of auth.tokenResponseMetadata) keys.add(key);
  return keys;
}

function checkTemplate(template: string, path: (string | number)[], known: ReadonlySet<string>, fields: Fields, ctx: z.RefinementCtx): void {
  const { keys, problems } = inspectConnectionInfoTemplate(template);
  for (const problem of problems) {
    const message =
      problem.kind === 'unclosed' ? 'has an unclosed "${" placeholder' : `has placeholder ${problem.text}; placeholders here must look like \${connectionInfo.key}`;
    ctx.addIssue({ code: 'custom', path, message });
  }
  for (const key of keys) {
    if (known.has(key)) continue;
    const message = fields.get(key)?.secret
      ? `uses secret field "${key}"; secret fields are not in connectionInfo (a credentials platform authenticates with api.basicAuth)`
      : `uses \${connectionInfo.${key}}, which no form field, callbackMetadata, tokenResponseMetadata or connectionInfoRequest.pick provides`;
    ctx.addIssue({ code: 'custom', path, message });
  }
}

/**
 * Every `${connectionInfo.x}` of `api.*` and `auth.connectionInfoRequest`, and `organisationField`,
 * must name a key the connection will hold by then: the connectionInfo call may use what the
 * authorization captured, the API may also use what that call picks.
 */
export function checkConnectionInfoRules(definition: DefinitionParts, fields: Fields, ctx: z.RefinementCtx): void {
  const known = keysAtAuthorization(definition, fields);
  const { auth, api } = definition;
  if (auth.type === 'oauth2' && auth.connectionInfoRequest) {
    const request = auth.connectionInfoRequest;
    checkTemplate(request.url, ['auth', 'connectionInfoRequest', 'url'], known, fields, ctx);
    for (const [name, value] of Object.entries(request.headers)) checkTemplate(value, ['auth', 'connectionInfoRequest', 'headers', name], known, fields, ctx);
    for (const key of Object.keys(request.pick)) known.add(key);
  }
  if (api) {
    checkTemplate(api.baseUrl, ['api', 'baseUrl'], known, fields, ctx);
    for (const [name, value] of Object.entries(api.headers)) checkTemplate(value, ['api', 'headers', name], known, fields, ctx);
    if (api.basicAuth) {
      if (auth.type !== 'credentials') ctx.addIssue({ code: 'custom', path: ['api', 'basicAuth'], message: 'is for credentials platforms; OAuth platforms send their token' });
      for (const side of ['usernameField', 'passwordField'] as const) {
        if (!fields.has(api.basicAuth[side])) {
          ctx.addIssue({ code: 'custom', path: ['api', 'basicAuth', side], message: `names "${api.basicAuth[side]}", which connectionConfig does not declare` });
        }
      }
    }
  }
  if (definition.organisationField !== undefined && !known.has(definition.organisationField)) {
    ctx.addIssue({
      code: 'custom',
      path: ['organisationField'],
      message: `names "${definition.organisationField}", which no form field, callbackMetadata, tokenResponseMetadata or connectionInfoRequest.pick provides`,
    });
  }
}
