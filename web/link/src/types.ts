// Types of the Link UI ⇄ server contract (docs/link-api.md). Keep in step with that document.

export type SourceType = 'Accounting' | 'Banking' | 'Commerce';
export type CategoryKey = 'accounting' | 'banking' | 'commerce';
export type ConnectionStatus = 'PendingAuth' | 'Linked' | 'Unlinked' | 'Deauthorized';

export type InitialStep =
  | { kind: 'main' }
  | { kind: 'result'; connectionId: string }
  | { kind: 'credentials'; connectionId: string };

export interface InviteInfo {
  clientSlug: string;
  title: string;
  body: string;
  clientName: string;
  logoUrl: string | null;
  primaryColor: string;
}

export interface Bootstrap {
  apiBase: string;
  csrfToken: string;
  view: 'flow' | 'invite' | 'result';
  initialStep?: InitialStep;
  invite?: InviteInfo;
}

export interface LinkConnection {
  id: string;
  platformKey: string;
  platformName: string;
  logoUrl: string;
  status: ConnectionStatus;
  created: string;
  linkedAt: string | null;
  lastError: { statusCode: string; message: string; at: string } | null;
}

export interface IntegrationField {
  name: string;
  label: string;
  type: 'text' | 'password' | 'select' | 'url';
  required: boolean;
  pattern?: string;
  options?: { value: string; label: string }[];
  example?: string;
  help?: string;
}

export interface LinkIntegration {
  key: string;
  name: string;
  logoUrl: string;
  isSandbox: boolean;
  authType: 'oauth2' | 'credentials' | 'sandbox';
  fields: IntegrationField[];
}

export interface Category {
  sourceType: SourceType;
  key: CategoryKey;
  optional: boolean;
  allowMultiple: boolean;
  connections: LinkConnection[];
  integrations: LinkIntegration[];
}

export interface LinkState {
  company: { id: string; name: string };
  client: { name: string; logoUrl: string | null; iconUrl: string | null };
  branding: { primaryColor: string; secondaryColor: string };
  showLandingPage: boolean;
  text: Record<string, string>;
  categories: Category[];
  canComplete: boolean;
  redirectConfigured: boolean;
}

/** What the server wants after consent / reconnect: leave for the platform, or show the form. */
export type NextStep = { kind: 'redirect'; url: string } | { kind: 'credentials' };

export type LinkEventType = 'category_chosen' | 'platform_chosen';

export interface LinkEvent {
  type: LinkEventType;
  sourceType?: SourceType;
  platformKey?: string;
  connectionId?: string;
}
