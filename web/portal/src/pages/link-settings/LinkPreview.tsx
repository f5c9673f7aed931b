import { useEffect, useRef, useState } from 'preact/hooks';
import { mountLinkPreview, type LinkPreviewHandle, type LinkPreviewInput, type PreviewScreen } from '../../../../link/src/preview/index';

const SCREENS: { id: string; label: string; screen: PreviewScreen }[] = [
  { id: 'landing', label: 'Landing page', screen: { name: 'landing' } },
  { id: 'main', label: 'Connect page', screen: { name: 'main' } },
  { id: 'consent-accounting', label: 'Consent: Accounting', screen: { name: 'consent', category: 'accounting' } },
  { id: 'consent-banking', label: 'Consent: Banking', screen: { name: 'consent', category: 'banking' } },
  { id: 'consent-commerce', label: 'Consent: Commerce', screen: { name: 'consent', category: 'commerce' } },
  { id: 'done', label: 'Done page', screen: { name: 'done' } },
  { id: 'finished', label: 'End page', screen: { name: 'finished' } },
  { id: 'invite', label: 'Invite page', screen: { name: 'invite' } },
];

export const screenId = (screen: PreviewScreen): string => (screen.name === 'consent' ? `consent-${screen.category}` : screen.name);

/**
 * The real Link UI, drawn from the form's unsaved settings (web/link's mountLinkPreview): each
 * change is shown in place on the screen it is on; `screen` (from the form: the section being
 * edited) or the picker moves it to another screen. Nothing it does reaches the server.
 */
export function LinkPreview({ input, screen }: { input: LinkPreviewInput; screen: PreviewScreen | null }) {
  const target = useRef<HTMLDivElement>(null);
  const handle = useRef<LinkPreviewHandle | null>(null);
  const [shown, setShown] = useState('main');

  useEffect(() => {
    if (!target.current) return;
    handle.current = mountLinkPreview(target.current, input);
    return () => handle.current?.unmount();
  }, []);
  useEffect(() => handle.current?.update(input), [input]);

  const go = (next: PreviewScreen) => {
    setShown(screenId(next));
    void handle.current?.show(next);
  };
  useEffect(() => {
    if (screen && screenId(screen) !== shown) go(screen);
  }, [screen ? screenId(screen) : '']);

  return (
    <section class="pt-card pt-link-preview" aria-label="Live preview">
      <div class="pt-link-preview-bar">
        <h2>Live preview</h2>
        <label class="pt-inline-field">
          <span>Screen</span>
          <select
            class="dw-input"
            value={shown}
            onChange={(event) => {
              const picked = SCREENS.find((s) => s.id === event.currentTarget.value);
              if (picked) go(picked.screen);
            }}
          >
            {SCREENS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p class="pt-muted">What your customers will see, with the changes you have not saved yet. Try it: nothing you do here is sent anywhere.</p>
      <div class="pt-link-preview-frame" ref={target} data-testid="link-preview" />
    </section>
  );
}
