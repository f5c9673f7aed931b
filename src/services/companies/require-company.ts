import type { Company } from '../../domain/company.js';
import { AppError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Store } from '../../storage/ports.js';

/** Loads a company of this client or fails with Codat's 404 message; other tenants' ids look unknown. */
export async function requireCompany(store: Store, clientId: string, companyId: string): Promise<Company> {
  const company = isUuid(companyId) ? await store.companies.findById(clientId, companyId) : undefined;
  if (!company) throw companyNotFound(companyId);
  return company;
}

/** Codat's 404 for a company id this client does not have. */
export const companyNotFound = (companyId: string): AppError => new AppError('NOT_FOUND', `No company was found with ID ${companyId}.`);
