import { PageHeader } from '../layout/PageHeader';

/** A page of the route table that is not built yet. */
export function Placeholder({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <p>This page is not available yet.</p>
    </>
  );
}
