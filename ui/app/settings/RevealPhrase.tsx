import { useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import { PasswordForm } from '../../components/PasswordForm.tsx'
import { PhraseWords } from '../../components/PhraseWords.tsx'
import { Page } from '../Page.tsx'
import { SecretView } from './SecretView.tsx'

export function RevealPhrase() {
  const [phrase, setPhrase] = useState<string | null>(null)
  return (
    <Page title="Secret recovery phrase">
      {phrase ? (
        <SecretView secret={phrase} what="recovery phrase" onHide={() => setPhrase(null)}>
          <PhraseWords phrase={phrase} />
        </SecretView>
      ) : (
        <>
          <p>Your recovery phrase restores every account derived from it, on any device. Enter your password to show it.</p>
          <div class="narrow">
            <PasswordForm submitLabel="Show recovery phrase" autoFocus onSubmit={async (password) => setPhrase((await bg('keyring.revealPhrase', { password })).phrase)} />
          </div>
        </>
      )}
    </Page>
  )
}
