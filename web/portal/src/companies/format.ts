/** Dates as staff read them: day, month, year and time, in their own time zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export const STATUS_LABELS: Record<string, string> = {
  Linked: 'Linked',
  PendingAuth: 'Pending auth',
  Unlinked: 'Unlinked',
  Deauthorized: 'Deauthorized',
};

/** Tag rows as edited (kept in order, blanks allowed while typing) → the object the API takes. */
export interface TagRow {
  key: string;
  value: string;
}

export const tagRows = (tags: Record<string, string>): TagRow[] => Object.entries(tags).map(([key, value]) => ({ key, value }));

export function tagsOf(rows: readonly TagRow[]): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const row of rows) if (row.key.trim() !== '' || row.value !== '') tags[row.key.trim()] = row.value;
  return tags;
}

/** The server's problems with tags (`tags`, `tags.<key>`), as one message for the tags group. */
export function tagsError(fields: Record<string, string>): string | undefined {
  const messages = Object.entries(fields)
    .filter(([field]) => field === 'tags' || field.startsWith('tags.'))
    .map(([, message]) => message);
  return messages.length > 0 ? messages.join(' ') : undefined;
}
