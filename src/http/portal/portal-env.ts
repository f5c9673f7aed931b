import type { StaffActor, StaffSession } from '../../domain/portal/staff.js';
import type { HttpEnv } from '../env.js';

/** The Portal API's per-request values: who is signed in, set by `requireStaff`. */
export interface PortalEnv {
  Variables: HttpEnv['Variables'] & {
    staff: StaffActor;
    staffSession: StaffSession;
  };
}
