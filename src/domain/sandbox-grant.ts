/**
 * One consent given on the built-in Sandbox's page: the sample dataset shared, the scope, and
 * which refresh token is current. Tokens are signed claims that name their grant; the grant row
 * is what makes them rotatable and revocable.
 */
export interface SandboxGrant {
  id: string;
  /** The OAuth client the grant was issued to (the Sandbox's one app, Doorway itself). */
  oauthClientId: string;
  dataset: string;
  scope: string;
  /** The generation of the one live refresh token; each refresh moves it on by one. */
  refreshGeneration: number;
  created: string;
  /** When the current refresh token (and so the grant) expires; each refresh pushes it out. */
  expiresAt: string;
  revokedAt: string | null;
}
