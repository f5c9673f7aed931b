import { PortalApiError } from './api';

/**
 * What a form shows when the server refuses it: each field's problem beside its input, or
 * (when no field is named) one message above the form. What was typed stays where it was.
 */
export function formProblem(failure: unknown, fallback: string): { message: string; fields: Record<string, string> } {
  const problem = failure instanceof PortalApiError ? failure : new PortalApiError(0, 'UNKNOWN', fallback);
  return { fields: problem.fields, message: Object.keys(problem.fields).length > 0 ? '' : problem.message };
}
