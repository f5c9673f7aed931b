import { validCompanyName, validDescription, validTags } from '../../domain/company.js';
import type { CompanyWithConnections } from '../../domain/company-view.js';
import type { Actor, ServiceDeps } from '../deps.js';
import { applyCompanyChange, type CompanyChangeInput } from './apply-company-change.js';

export type ReplaceCompanyInput = CompanyChangeInput & { name: string };

/** PUT: overwrites name, description and tags; omitted values are cleared. */
export function replaceCompany(deps: Pick<ServiceDeps, 'store' | 'clock'>, actor: Actor, companyId: string, input: ReplaceCompanyInput): Promise<CompanyWithConnections> {
  return applyCompanyChange(deps, actor, companyId, () => ({
    name: validCompanyName(input.name),
    description: validDescription(input.description),
    tags: validTags(input.tags),
  }));
}
