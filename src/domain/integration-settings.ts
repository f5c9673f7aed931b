/** A client's own settings for one platform: whether SMBs may pick it, and its OAuth app. */
export interface IntegrationSettings {
  clientId: string;
  platformKey: string;
  enabled: boolean;
  oauthClientId: string | null;
  /** Sealed with the secret box; only the OAuth engine ever opens it. */
  oauthClientSecretSealed: string | null;
  scopes: string[] | null;
  modified: string;
}
