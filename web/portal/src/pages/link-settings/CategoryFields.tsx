import type { LinkCategoryKey, LinkCategorySettings, LinkSettings, PortalLinkPlatform } from '../../../../../src/wire/portal/settings';

const CATEGORIES: { key: LinkCategoryKey; title: string; sourceType: string }[] = [
  { key: 'accounting', title: 'Accounting', sourceType: 'Accounting' },
  { key: 'banking', title: 'Banking', sourceType: 'Banking' },
  { key: 'commerce', title: 'Commerce', sourceType: 'Commerce' },
];

export interface CategoryFieldsProps {
  categories: LinkSettings['categories'];
  platforms: PortalLinkPlatform[];
  readOnly: boolean;
  onChange: (key: LinkCategoryKey, next: LinkCategorySettings) => void;
}

/** Which categories Link asks for, whether each is required, and which platforms it offers. */
export function CategoryFields({ categories, platforms, readOnly, onChange }: CategoryFieldsProps) {
  return (
    <div class="pt-category-grid">
      {CATEGORIES.map(({ key, title, sourceType }) => {
        const category = categories[key];
        const own = platforms.filter((p) => p.sourceType === sourceType);
        const set = (patch: Partial<LinkCategorySettings>) => onChange(key, { ...category, ...patch });
        const allowed = category.allowedIntegrations;
        const toggle = (platformKey: string, on: boolean) => {
          const current = allowed ?? own.map((p) => p.key);
          set({ allowedIntegrations: on ? [...current, platformKey] : current.filter((k) => k !== platformKey) });
        };
        return (
          <fieldset key={key} class="pt-group-box" disabled={readOnly}>
            <legend>{title}</legend>
            <label class="pt-check">
              <input type="checkbox" checked={category.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
              Ask for {title.toLowerCase()} data
            </label>
            <label class="pt-check">
              <input type="checkbox" checked={!category.optional} disabled={!category.enabled} onChange={(e) => set({ optional: !e.currentTarget.checked })} />
              Required to complete
            </label>
            <label class="pt-check">
              <input type="checkbox" checked={allowed === null} disabled={!category.enabled} onChange={(e) => set({ allowedIntegrations: e.currentTarget.checked ? null : own.map((p) => p.key) })} />
              Offer every enabled platform
            </label>
            {allowed !== null ? (
              <ul class="pt-platform-choices" aria-label={`${title} platforms offered`}>
                {own.map((platform) => (
                  <li key={platform.key}>
                    <label class="pt-check">
                      <input type="checkbox" checked={allowed.includes(platform.key)} onChange={(e) => toggle(platform.key, e.currentTarget.checked)} />
                      {platform.name}
                      {platform.enabled ? null : <span class="pt-muted"> (not enabled)</span>}
                    </label>
                  </li>
                ))}
              </ul>
            ) : null}
          </fieldset>
        );
      })}
    </div>
  );
}
