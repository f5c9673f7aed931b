/**
 * Provider URLs and parameter values may contain `${connectionConfig.<field>}` placeholders, filled
 * from what the SMB entered in the connection form (Shopify's shop name, Zoho's data-centre
 * extension). The syntax is Nango's, so definitions can be ported from its catalogue.
 */
const PLACEHOLDER = /\$\{([^}]*)\}/g;
const CONNECTION_CONFIG_REFERENCE = /^connectionConfig\.([A-Za-z_][A-Za-z0-9_]*)$/;

export type PlaceholderProblem =
  | { kind: 'malformed'; text: string }
  | { kind: 'unclosed' };

/** The connection-config field names a template refers to, plus anything that is not a valid placeholder. */
export function inspectTemplate(template: string): { fieldNames: string[]; problems: PlaceholderProblem[] } {
  const fieldNames: string[] = [];
  const problems: PlaceholderProblem[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const reference = CONNECTION_CONFIG_REFERENCE.exec(match[1] ?? '');
    if (reference?.[1]) fieldNames.push(reference[1]);
    else problems.push({ kind: 'malformed', text: match[0] });
  }
  if (template.replace(PLACEHOLDER, '').includes('${')) problems.push({ kind: 'unclosed' });
  return { fieldNames, problems };
}

/** True when the template, with every placeholder filled, is an absolute http(s) URL. */
export function isHttpUrlTemplate(template: string): boolean {
  const sample = template.replace(PLACEHOLDER, 'placeholder');
  if (!URL.canParse(sample)) return false;
  const { protocol } = new URL(sample);
  return protocol === 'https:' || protocol === 'http:';
}

/**
 * Fills the placeholders. Values are URL-encoded so a value cannot smuggle a path, query or host
 * change into the URL; the field's `pattern` should still constrain it (e.g. Shopify's shop name).
 */
export function renderTemplate(template: string, connectionConfig: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (placeholder, inner: string) => {
    const fieldName = CONNECTION_CONFIG_REFERENCE.exec(inner)?.[1];
    // hasOwn: a field named e.g. `constructor` must not resolve to Object.prototype's member.
    const value = fieldName !== undefined && Object.hasOwn(connectionConfig, fieldName) ? connectionConfig[fieldName] : undefined;
    if (value === undefined || value === '') throw new Error(`No value for ${placeholder}`);
    return encodeURIComponent(value);
  });
}
