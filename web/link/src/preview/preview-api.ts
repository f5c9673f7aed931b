// The Link API for the Portal's preview: the same interface the screens call (../api.ts), answered
// in memory from the settings the Portal gives, so a preview never calls the server and never
// creates a company or a connection. What would leave the page (a platform's login, the client's
// redirect) becomes a `doorway-preview:` address that mount-preview.tsx turns into the screen the
// real flow would come back to.
import { LinkApiError, type LinkApi } from '../api';
import { findIntegration } from '../flow';
import type { LinkConnection, LinkNextStep, LinkState } from '../../../../src/wire/link/link-api-schemas';
import { previewLinkState, type LinkPreviewInput } from './preview-state';

/** Where the preview "goes" instead of leaving the page. */
export const PREVIEW_DESTINATION = {
  /** A platform's login: the real flow comes back to the result screen of this connection. */
  authorize: (connectionId: string) => `doorway-preview:authorize:${connectionId}`,
  /** Complete or Exit: the client's redirect, or Doorway's own end page. */
  finished: 'doorway-preview:finished',
  /** The Invite page's Continue: the new company's flow. */
  flow: 'doorway-preview:flow',
} as const;

export type PreviewDestination =
  | { kind: 'authorize'; connectionId: string }
  | { kind: 'finished' }
  | { kind: 'flow' }
  | { kind: 'elsewhere'; url: string };

export function previewDestination(url: string): PreviewDestination {
  if (url === PREVIEW_DESTINATION.finished) return { kind: 'finished' };
  if (url === PREVIEW_DESTINATION.flow) return { kind: 'flow' };
  const authorize = /^doorway-preview:authorize:(.+)$/.exec(url);
  if (authorize?.[1]) return { kind: 'authorize', connectionId: authorize[1] };
  return { kind: 'elsewhere', url };
}

export interface PreviewLinkApi extends LinkApi {
  /** What a platform's login would do: the connection is Linked (the SMB said yes). */
  authorizeAtPlatform(connectionId: string): void;
  /** The preview's connections so far (they live as long as the preview). */
  connections(): readonly LinkConnection[];
}

const NOT_AVAILABLE = 'This platform is not available here. Please choose another one.';
const NOT_FOUND = 'We could not find this connection.';
// The server's own words (services/link/finish-link.ts), so the preview says what Link would.
const INCOMPLETE = 'Please connect every required category before finishing.';

/** `input` is read on every call, so the answers always follow the Portal's latest settings. */
export function createPreviewLinkApi(input: () => LinkPreviewInput, now: () => Date = () => new Date()): PreviewLinkApi {
  const connections: LinkConnection[] = [];
  let counter = 0;
  const state = (): LinkState => previewLinkState(input(), connections);

  const find = (connectionId: string): LinkConnection => {
    const connection = connections.find((c) => c.id === connectionId);
    if (!connection) throw new LinkApiError(404, 'not_found', NOT_FOUND);
    return connection;
  };
  const replace = (updated: LinkConnection): LinkConnection => {
    connections.splice(connections.findIndex((c) => c.id === updated.id), 1, updated);
    return updated;
  };
  const offered = (platformKey: string) => {
    const found = findIntegration(state(), platformKey);
    if (!found) throw new LinkApiError(400, 'bad_request', NOT_AVAILABLE);
    return found.integration;
  };
  /** After consent or reconnect: the connection form first where the platform has one, else its login. */
  const authorization = (connection: LinkConnection): LinkNextStep => {
    const integration = offered(connection.platformKey);
    if (integration.authType === 'credentials' || integration.fields.length > 0) return { kind: 'credentials' };
    return { kind: 'redirect', url: PREVIEW_DESTINATION.authorize(connection.id) };
  };
  const linked = (connection: LinkConnection): LinkConnection =>
    replace({ ...connection, status: 'Linked', linkedAt: now().toISOString(), lastError: null });

  return {
    getState: async () => state(),
    // The funnel is the real flow's business; a preview records nothing.
    postEvent: async () => undefined,
    createConnection: async (platformKey) => {
      const found = findIntegration(state(), platformKey);
      if (!found) throw new LinkApiError(400, 'bad_request', NOT_AVAILABLE);
      const integration = found.integration;
      counter += 1;
      const connection: LinkConnection = {
        id: `preview-connection-${counter}`,
        platformKey,
        platformName: integration.name,
        // A preview has no catalogue ids; nothing outside the preview ever sees these.
        integrationId: `preview-${platformKey}`,
        sourceId: `preview-${platformKey}`,
        sourceType: found.category.sourceType,
        logoUrl: integration.logoUrl,
        status: 'PendingAuth',
        created: now().toISOString(),
        linkedAt: null,
        lastError: null,
      };
      connections.push(connection);
      return connection;
    },
    consent: async (connectionId) => authorization(find(connectionId)),
    submitCredentials: async (connectionId, _values) => {
      const connection = find(connectionId);
      // An OAuth platform whose URLs need the form's values continues to its login.
      if (offered(connection.platformKey).authType === 'credentials') return { connection: linked(connection) };
      return { connection, next: { kind: 'redirect', url: PREVIEW_DESTINATION.authorize(connection.id) } };
    },
    getConnection: async (connectionId) => find(connectionId),
    disconnect: async (connectionId) => replace({ ...find(connectionId), status: 'Unlinked' }),
    reconnect: async (connectionId) => authorization(find(connectionId)),
    complete: async () => {
      if (!state().canComplete) throw new LinkApiError(409, 'conflict', INCOMPLETE);
      return PREVIEW_DESTINATION.finished;
    },
    exit: async () => PREVIEW_DESTINATION.finished,
    invite: async (_clientSlug, _companyName) => PREVIEW_DESTINATION.flow,
    authorizeAtPlatform: (connectionId) => {
      const connection = connections.find((c) => c.id === connectionId);
      if (connection) linked(connection);
    },
    connections: () => connections,
  };
}
