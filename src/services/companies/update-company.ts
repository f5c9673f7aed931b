import { validCompanyName, validDescription, validTags } from '../../domain/company.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { applyCompanyChange, type CompanyChangeInput } from './apply-company-change.js';

export type UpdateCompanyInput = CompanyChangeInput;

/**
 * PATCH: absent or null fields stay as they are. Codat's docs contradict themselves on whether a
 * null `tags` clears tags; we follow the spec's "null is not updated" and clear tags only for `{}`.
 */
export function updateCompany(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: Actor, companyId: string, input: UpdateCompanyInput): Promise<CompanyWithConnections> {
  return applyCompanyChange(deps, actor, companyId, (existing) => ({
    name: input.name != null ? validCompanyName(input.name) : existing.name,
    description: input.description != null ? validDescription(input.description) : existing.description,
    tags: input.tags != null ? validTags(input.tags) : existing.tags,
  }));
}
