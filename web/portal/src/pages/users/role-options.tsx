import type { StaffRole } from '../../../../../src/wire/portal/session';

/** The roles, strongest last, with what each may do (the same words as docs/portal.md). */
export const ROLE_CHOICES: Array<{ role: StaffRole; label: string; description: string }> = [
  { role: 'viewer', label: 'Viewer', description: 'reads everything, changes nothing' },
  { role: 'developer', label: 'Developer', description: 'also companies, API keys, webhooks, integrations and Link settings' },
  { role: 'admin', label: 'Admin', description: 'also users' },
];

export function RoleOptions() {
  return (
    <>
      {ROLE_CHOICES.map((choice) => (
        <option key={choice.role} value={choice.role}>
          {choice.label}
        </option>
      ))}
    </>
  );
}

export const roleLabel = (role: StaffRole): string => ROLE_CHOICES.find((choice) => choice.role === role)?.label ?? role;

/** A day as the reader's locale writes it (times are stored in UTC). */
export const formatDay = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
