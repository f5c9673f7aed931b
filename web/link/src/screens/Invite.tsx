import type { TargetedSubmitEvent } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { Button } from '../../../ui/src/components/Button';
import { Heading } from '../../../ui/src/components/Heading';
import { Paragraphs } from '../../../ui/src/components/Paragraphs';
import { uiText, type Texts } from '../text';
import type { LinkInviteInfo } from '../../../../src/wire/link/link-api-schemas';

export interface InviteProps {
  texts: Texts;
  invite: LinkInviteInfo;
  busy: boolean;
  onSubmit: (companyName: string) => void;
}

/** The generic Invite URL page: the SMB names its company, which creates it. */
export function Invite({ texts, invite, busy, onSubmit }: InviteProps) {
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const label = uiText(texts, 'ui.invite.companyName');

  const submit = (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const companyName = name.trim();
    if (!companyName) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    onSubmit(companyName);
  };

  return (
    <>
      <Heading>{invite.title}</Heading>
      <Paragraphs class="dw-text dw-lead" text={invite.body} />
      <form class="dw-form" noValidate onSubmit={submit}>
        <div class={missing ? 'dw-field dw-field--invalid' : 'dw-field'}>
          <label class="dw-label" for={`${id}-name`}>
            {label}
          </label>
          <input
            ref={input}
            id={`${id}-name`}
            name="companyName"
            class="dw-input"
            type="text"
            autocomplete="organization"
            required
            value={name}
            aria-invalid={missing ? 'true' : undefined}
            aria-describedby={missing ? `${id}-error` : undefined}
            onInput={(event) => {
              setName(event.currentTarget.value);
              if (missing) setMissing(false);
            }}
          />
          {missing ? (
            <p class="dw-field-error" id={`${id}-error`}>
              {uiText(texts, 'ui.field.required', { label })}
            </p>
          ) : null}
        </div>
        <div class="dw-actions">
          <Button type="submit" busy={busy}>
            {uiText(texts, 'ui.invite.continue')}
          </Button>
        </div>
      </form>
    </>
  );
}
