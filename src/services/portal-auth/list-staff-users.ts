import type { StaffActor, StaffUser } from '../../domain/portal/staff.js';
import type { ServiceDeps } from '../deps.js';

export const STAFF_PAGE_SIZE_MAX = 100;

/** One page of the client's users, by email, and how many there are (paged in SQL). */
export async function listStaffUsers(
  deps: Pick<ServiceDeps, 'store'>,
  actor: StaffActor,
  page: { pageNumber: number; pageSize: number },
): Promise<{ users: StaffUser[]; total: number }> {
  const pageSize = Math.min(Math.max(1, page.pageSize), STAFF_PAGE_SIZE_MAX);
  const offset = (Math.max(1, page.pageNumber) - 1) * pageSize;
  const [users, total] = await Promise.all([
    deps.store.staffUsers.listPage(actor.clientId, { offset, limit: pageSize }),
    deps.store.staffUsers.count(actor.clientId),
  ]);
  return { users, total };
}
