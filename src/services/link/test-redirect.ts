import { AppError } from '../../domain/errors.js';
import {
  fillRedirectTemplate,
  RESERVED_PLACEHOLDERS,
  redirectPlaceholders,
  redirectSettingsProblem,
  resolveRedirectUrl,
  templatePlaceholders,
} from '../../domain/link/redirect.js';
import { requireClient } from '../clients/require-client.js';
import type { Actor, ServiceDeps } from '../deps.js';

export type SampleOutcome = 'completed' | 'exited';

export interface RedirectTestInput {
  /** The form's unsaved redirect URL; omitted: the client's saved one. */
  redirectUrl?: string | undefined;
  /** The form's unsaved allow-list; omitted: the client's saved one. */
  whiteListUrls?: string[] | undefined;
  /** Sample values; each one left out gets an example, so a bare test still shows a URL. */
  sample?: {
    companyId?: string | undefined;
    connectionId?: string | undefined;
    /** A platform key (e.g. `xero`): fills platform, platformName, integrationId, sourceId and sourceType. */
    platformKey?: string | undefined;
    outcome?: SampleOutcome | undefined;
    /** The Link URL's own query parameters, which fill every non-reserved placeholder. */
    query?: Record<string, string> | undefined;
  };
}

export interface RedirectPlaceholderValue {
  name: string;
  reserved: boolean;
  value: string;
}

export interface RedirectTestResult {
  /** False when there is no redirect URL: the SMB then sees Doorway's own end page. */
  configured: boolean;
  /** The template with the sample values filled in, whether or not it would be allowed. */
  resolvedUrl: string | null;
  allowed: boolean;
  /** Why the redirect would be refused (or why there is none); null when allowed. */
  reason: string | null;
  /** What each placeholder of the template was filled with. */
  placeholders: RedirectPlaceholderValue[];
}

export const EXAMPLE_COMPANY_ID = '8a210b68-6988-11ed-a1eb-0242ac120002';
export const EXAMPLE_CONNECTION_ID = '2e9d2c44-f675-40ba-8049-353bfcb5e171';

const STATUS_CODE: Record<SampleOutcome, string> = { completed: '200', exited: '403' };

/**
 * The Portal's redirect tester: resolves a redirect exactly as the end of a Link visit does
 * (finish-link.ts, through the same domain functions), for sample values, and says whether it
 * would be allowed and why not. It tests unsaved form values as well as the saved profile, and
 * reports what a profile save would refuse (redirectSettingsProblem) as a reason rather than an
 * error, because finding that out is what the tester is for.
 */
export async function testRedirect(deps: Pick<ServiceDeps, 'store' | 'providers'>, actor: Actor, input: RedirectTestInput): Promise<RedirectTestResult> {
  const client = await requireClient(deps.store, actor.clientId);
  const template = input.redirectUrl ?? client.redirectUrl;
  const whiteListUrls = input.whiteListUrls ?? client.whiteListUrls;
  const sample = input.sample ?? {};
  const platform = sample.platformKey === undefined ? undefined : deps.providers.get(sample.platformKey);
  if (sample.platformKey !== undefined && !platform) throw new AppError('BAD_REQUEST', `sample.platformKey: unknown platform key '${sample.platformKey}'.`);

  const reserved = redirectPlaceholders({
    clientId: client.id,
    companyId: sample.companyId ?? EXAMPLE_COMPANY_ID,
    connection: platform
      ? { id: sample.connectionId ?? EXAMPLE_CONNECTION_ID, platformKey: platform.key, sourceType: platform.sourceType }
      : sample.connectionId !== undefined
        ? { id: sample.connectionId, platformKey: '', sourceType: '' }
        : undefined,
    platform,
    statusCode: STATUS_CODE[sample.outcome ?? 'completed'],
  });
  const query = sample.query ?? {};
  const reservedNames = new Set<string>(RESERVED_PLACEHOLDERS);
  const placeholders = templatePlaceholders(template).map((name) => {
    const isReserved = reservedNames.has(name);
    return { name, reserved: isReserved, value: (isReserved ? reserved[name as keyof typeof reserved] : query[name]) ?? '' };
  });

  if (template.trim() === '') {
    const reason = 'No redirect URL is set: at the end of Link the SMB sees Doorway’s own page saying what was shared.';
    return { configured: false, resolvedUrl: null, allowed: false, reason, placeholders };
  }
  const resolvedUrl = fillRedirectTemplate(template, reserved, query);
  const problem = redirectSettingsProblem(template, whiteListUrls);
  if (problem) return { configured: true, resolvedUrl, allowed: false, reason: problem, placeholders };
  const resolution = resolveRedirectUrl(template, reserved, query, whiteListUrls);
  return resolution.ok
    ? { configured: true, resolvedUrl: resolution.url, allowed: true, reason: null, placeholders }
    : { configured: true, resolvedUrl, allowed: false, reason: resolution.reason, placeholders };
}
