/**
 * The client's staff who sign in to the Portal. A staff user belongs to exactly one client
 * (tenant); their role decides what they may change there. Pure rules, no I/O.
 */
export const STAFF_ROLES = ['viewer', 'developer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffUser {
  id: string;
  clientId: string;
  /** Normalised (trimmed, lower case): one account per address across all clients. */
  email: string;
  role: StaffRole;
  created: string;
  modified: string;
}

/** Who is signed in, as every Portal request sees it. */
export interface StaffActor {
  userId: string;
  clientId: string;
  email: string;
  role: StaffRole;
}

/**
 * Roles are ordered: an admin may do everything a developer may, a developer everything a
 * viewer may. Viewers read; developers change API keys, webhooks, integrations, settings and
 * companies; admins also manage users.
 */
export function roleAllows(role: StaffRole, needed: StaffRole): boolean {
  return STAFF_ROLES.indexOf(role) >= STAFF_ROLES.indexOf(needed);
}

export const isStaffRole = (value: unknown): value is StaffRole => typeof value === 'string' && (STAFF_ROLES as readonly string[]).includes(value);

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A deliberately loose shape check: the address is proven by the invitation, not a regex. */
export function isPlausibleEmail(email: string): boolean {
  return email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email);
}

/**
 * Length is what makes a password strong (NIST SP 800-63B): at least 12 characters, at most 200
 * (the hash's input stays small), no composition rules.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
  return undefined;
}

/** Sessions end after 8 hours without use, and after 7 days whatever happens. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** A session's idle expiry is pushed out at most this often, so reads stay reads. */
export const SESSION_TOUCH_EVERY_MS = 5 * 60 * 1000;

export interface StaffSession {
  /** SHA-256 of the cookie's token: a database dump holds no usable session. */
  idHash: string;
  userId: string;
  clientId: string;
  /** Sent back by the page in X-CSRF-Token on every change. */
  csrfToken: string;
  created: string;
  lastSeen: string;
  /** min(lastSeen + idle, created + max). */
  expiresAt: string;
}

export function sessionExpiry(created: Date, lastSeen: Date): Date {
  return new Date(Math.min(lastSeen.getTime() + SESSION_IDLE_MS, created.getTime() + SESSION_MAX_MS));
}

/** An invitation for a new staff user: a link shown once, valid 7 days, used once. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface StaffInvitation {
  id: string;
  /** SHA-256 of the token in the invitation link. */
  tokenHash: string;
  clientId: string;
  email: string;
  role: StaffRole;
  invitedBy: string;
  created: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/**
 * Failed sign-ins are slowed down per typed email (whether or not it exists, so the answer
 * never tells) and all attempts per client address, in fixed windows (`rate_limits`).
 */
export const SIGN_IN_FAILURES_PER_ACCOUNT = { name: 'portal-sign-in-failures', limit: 5, windowMs: 15 * 60 * 1000 } as const;
export const SIGN_IN_ATTEMPTS_PER_ADDRESS = { name: 'portal-sign-in-address', limit: 100, windowMs: 15 * 60 * 1000 } as const;

/** The rate-limit bucket of an account's failed password checks (sign-in, changing the password). */
export const signInFailureBucket = (email: string): string => `${SIGN_IN_FAILURES_PER_ACCOUNT.name}:${email.slice(0, 254)}`;
