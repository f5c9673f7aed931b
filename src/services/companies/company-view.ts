import type { Company } from '../../domain/company.js';
import type { Connection } from '../../domain/connection.js';

/** A company with its live connections, as the Codat `Company` object carries them. */
export interface CompanyWithConnections {
  company: Company;
  connections: Connection[];
}
