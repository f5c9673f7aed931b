import { CopyField } from '../../../ui/src/components/CopyField';
import { Link } from '../layout/Link';
import { PageHeader } from '../layout/PageHeader';
import { usePortal } from '../portal-context';

/** The client's one Invite URL: anyone who opens it names their company and connects. */
export function InviteCompany() {
  const { session, can } = usePortal();
  return (
    <>
      <PageHeader title="Invite company" intro="One link for every new customer: they name their company, then connect their platforms." />
      <section class="pt-card" aria-labelledby="pt-invite-title">
        <h2 id="pt-invite-title">Invite URL</h2>
        <CopyField label="Invite URL" value={session.urls.invite} />
        <p class="pt-muted">Each visitor who completes the page becomes a new company in your list.</p>
        <p>
          The invite page's title and text are set in <Link href="/settings/link">Link settings</Link>
          {can('developer') ? '.' : ' (your role can view them).'}
        </p>
      </section>
    </>
  );
}
