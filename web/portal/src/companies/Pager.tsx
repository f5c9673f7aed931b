import { Button } from '../../../ui/src/components/Button';

/** Previous / next with "Page n of m"; the buttons say which way they go. */
export function Pager({ label, page, pages, onPage, previous = 'Previous page', next = 'Next page' }: {
  label: string;
  page: number;
  pages: number;
  onPage: (page: number) => void;
  previous?: string;
  next?: string;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pt-toolbar pt-pager" aria-label={label}>
      <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {previous}
      </Button>
      <span class="pt-muted">
        Page {page.toLocaleString('en-GB')} of {pages.toLocaleString('en-GB')}
      </span>
      <Button variant="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {next}
      </Button>
    </nav>
  );
}
