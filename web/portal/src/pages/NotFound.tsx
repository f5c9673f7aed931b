import { PageHeader } from '../layout/PageHeader';
import { Link } from '../layout/Link';

export function NotFound() {
  return (
    <>
      <PageHeader title="Page not found" />
      <p>
        There is nothing at this address. Go to the <Link href="/companies">Companies</Link> page.
      </p>
    </>
  );
}
