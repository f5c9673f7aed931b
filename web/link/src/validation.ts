// Client-side checks of the credentials form, mirroring the server's (required, pattern, select
// options) so the SMB gets instant feedback. The server still validates everything.

import type { LinkIntegrationField } from '../../../src/wire/link/link-api-schemas';

export type FieldProblem = 'required' | 'pattern' | 'option' | 'url';

// Secrets are sent exactly as typed; other values lose stray spaces from copy-and-paste.
function clean(field: LinkIntegrationField, raw: string): string {
  return field.type === 'password' ? raw : raw.trim();
}

function matches(pattern: string, value: string): boolean {
  try {
    // The server compiles field patterns with the `u` flag, so the same pattern means the same here.
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return true; // a pattern this browser cannot compile is left to the server
  }
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

export function validateField(field: LinkIntegrationField, raw: string): FieldProblem | null {
  const value = clean(field, raw);
  if (value === '' || (field.type === 'password' && value.trim() === '')) return field.required ? 'required' : null;
  if (field.type === 'select' && !(field.options ?? []).some((o) => o.value === value)) return 'option';
  if (field.type === 'url' && !isWebAddress(value)) return 'url';
  if (field.pattern && !matches(field.pattern, value)) return 'pattern';
  return null;
}

export function validateForm(fields: readonly LinkIntegrationField[], values: Readonly<Record<string, string>>): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of fields) {
    const problem = validateField(field, values[field.name] ?? '');
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** The body for POST …/credentials: known fields only, empty optional ones left out. */
export function formValues(fields: readonly LinkIntegrationField[], values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of fields) {
    const value = clean(field, values[field.name] ?? '');
    if (value !== '') out[field.name] = value;
  }
  return out;
}
