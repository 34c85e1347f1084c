// Create a wallet: choose 12 or 24 words, see the phrase once, type back the words the wallet
// picks, set a password. The phrase lives only in this component's state: it is never written to
// any storage by the ui, and it is dropped when the flow ends or the page is left.
import { useId, useRef, useState } from 'preact/hooks'
import { useAutoFocus } from '../../components/autofocus.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert, Callout } from '../../components/Alert.tsx'
import { PhraseWords } from '../../components/PhraseWords.tsx'
import { Page } from '../Page.tsx'
import { go, href } from '../nav.ts'
import { SetPassword } from './SetPassword.tsx'
import { Welcome } from './Welcome.tsx'
import { Steps } from './Steps.tsx'

type Step = 'length' | 'show' | 'confirm' | 'password'
const STEPS = ['Phrase length', 'Write it down', 'Confirm', 'Password']

export function CreateFlow({ wallet }: { wallet: WalletStateHandle }) {
  const [step, setStep] = useState<Step>('length')
  const [words, setWords] = useState<12 | 24>(12)
  const [phrase, setPhrase] = useState<string | null>(null)
  const [positions, setPositions] = useState<number[]>([])
  const [finishing, setFinishing] = useState(false)
  const [error, setError] = useState<string | null>(null)

  if (wallet.state!.initialized && !finishing) return <Welcome wallet={wallet} />

  const create = async () => {
    setError(null)
    try {
      const r = await bg('keyring.createPhrase', { words })
      setPhrase(r.phrase)
      setPositions(r.confirm)
      setStep('show')
    } catch (err) {
      setError(asWalletError(err).message)
    }
  }

  if (step === 'length' || !phrase) {
    return (
      <Page title="Create a new wallet">
        <Steps names={STEPS} current={0} />
        <p>Your wallet starts from a secret recovery phrase: a list of words that can restore every account it holds, on any device.</p>
        <fieldset class="radio-cards">
          <legend>How many words?</legend>
          {([12, 24] as const).map((n) => (
            <label class="radio-card" key={n}>
              <input type="radio" name="words" value={n} checked={words === n} onChange={() => setWords(n)} />
              <span>
                <strong>{n} words</strong>
                <span class="muted">{n === 12 ? '128 bits: secure, and quicker to write down.' : '256 bits: the maximum BIP39 allows.'}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error && (
          <Alert>
            <p>{error}</p>
          </Alert>
        )}
        <div class="actions">
          <a class="button" href={href('welcome')}>
            Back
          </a>
          <button type="button" class="primary" onClick={create}>
            Show my recovery phrase
          </button>
        </div>
      </Page>
    )
  }

  if (step === 'show') return <ShowPhrase phrase={phrase} onBack={() => setStep('length')} onNext={() => setStep('confirm')} />

  if (step === 'confirm') {
    return <ConfirmWords phrase={phrase} positions={positions} onBack={() => setStep('show')} onNext={() => setStep('password')} />
  }

  return (
    <Page title="Set a password">
      <Steps names={STEPS} current={3} />
      <p>The password encrypts your recovery phrase on this device and unlocks the wallet.</p>
      <SetPassword
        submitLabel="Create wallet"
        busyLabel="Encrypting your wallet…"
        onSubmit={async (password) => {
          setFinishing(true)
          try {
            wallet.accept(await bg('keyring.initialize', { mnemonic: phrase, password }))
          } catch (err) {
            setFinishing(false)
            throw err
          }
          setPhrase(null)
          go('done')
        }}
        secondary={
          <button type="button" onClick={() => setStep('confirm')}>
            Back
          </button>
        }
      />
    </Page>
  )
}

function ShowPhrase({ phrase, onBack, onNext }: { phrase: string; onBack: () => void; onNext: () => void }) {
  const [saved, setSaved] = useState(false)
  return (
    <Page title="Write down your secret recovery phrase" wide>
      <Steps names={STEPS} current={1} />
      <Callout title="Write these words on paper, in this order, and keep them offline.">
        <p>Anyone who sees them can take everything in this wallet; no one (not us, not support) will ever ask for them. They are shown now, once: afterwards only your password can reveal them again.</p>
      </Callout>
      <PhraseWords phrase={phrase} />
      <label class="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved((e.currentTarget as HTMLInputElement).checked)} />
        I have written down my recovery phrase and stored it safely.
      </label>
      <div class="actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="button" class="primary" disabled={!saved} onClick={onNext}>
          Continue
        </button>
      </div>
    </Page>
  )
}

function ConfirmWords(p: { phrase: string; positions: number[]; onBack: () => void; onNext: () => void }) {
  const ids = useId()
  const [answers, setAnswers] = useState<Record<number, string>>({})
  const [wrong, setWrong] = useState<number[]>([])
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const first = useRef<HTMLInputElement>(null)
  useAutoFocus(first)

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      const r = await bg('keyring.verifyWords', { phrase: p.phrase, answers: p.positions.map((position) => ({ position, word: answers[position] ?? '' })) })
      setWrong(r.wrong)
      if (r.wrong.length === 0) return p.onNext()
      const list = r.wrong.map((n) => `#${n}`).join(', ')
      setError(`${r.wrong.length === 1 ? `Word ${list} does` : `Words ${list} do`} not match your phrase. Check your written copy and try again.`)
      document.getElementById(`${ids}-${r.wrong[0]}`)?.focus()
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page title="Confirm your recovery phrase">
      <Steps names={STEPS} current={2} />
      <p>Type these words from your written copy, to make sure it is complete and readable.</p>
      <form onSubmit={submit} noValidate class="confirm-words">
        {p.positions.map((n, i) => (
          <div class="field" key={n}>
            <label for={`${ids}-${n}`}>Word #{n}</label>
            <input
              id={`${ids}-${n}`}
              value={answers[n] ?? ''}
              onInput={(e) => setAnswers({ ...answers, [n]: (e.currentTarget as HTMLInputElement).value })}
              autoComplete="off"
              autoCapitalize="none"
              spellcheck={false}
              ref={i === 0 ? first : undefined}
              aria-invalid={wrong.includes(n) ? 'true' : undefined}
            />
          </div>
        ))}
        {error && (
          <Alert testId="confirm-error">
            <p>{error}</p>
          </Alert>
        )}
        <div class="actions">
          <button type="button" onClick={p.onBack}>
            Show the phrase again
          </button>
          <button type="submit" class="primary" disabled={busy || p.positions.some((n) => !(answers[n] ?? '').trim())}>
            Confirm
          </button>
        </div>
      </form>
    </Page>
  )
}
