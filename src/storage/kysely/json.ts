/** JSON columns are text in both dialects; these helpers keep parse errors out of repositories. */
export const toJson = (value: unknown): string => JSON.stringify(value);

export function fromJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  return JSON.parse(text) as T;
}
