// A secret shown after a fresh password entry: a warning, the secret, copy and hide. The secret
// lives only in the state of the component that shows it, so leaving the view drops it.
import type { ComponentChildren } from 'preact'
import { Callout } from '../../components/Alert.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'

export function SecretView({ secret, what, onHide, children }: { secret: string; what: string; onHide: () => void; children: ComponentChildren }) {
  return (
    <div class="secret-view">
      <Callout title={`Never share your ${what}.`}>
        <p>Anyone who has it can take the funds it controls. Check that no one can see your screen, and do not paste it into websites or chats.</p>
      </Callout>
      {children}
      <div class="actions">
        <CopyButton text={secret} label={`Copy ${what}`} />
        <button type="button" onClick={onHide}>
          Hide
        </button>
      </div>
    </div>
  )
}
