import type { Company } from './company.js';
import type { Connection } from './connection.js';

/** A company with its live connections, as the Codat `Company` object carries them. */
export interface CompanyWithConnections {
  company: Company;
  connections: Connection[];
}
