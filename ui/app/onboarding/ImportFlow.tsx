// Import a wallet: a recovery phrase (checked live: the error names the word and its position,
// with a suggestion), with an optional BIP39 passphrase, or a single private key. Then a password.
import { useEffect, useId, useRef, useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import { asWalletError, type WalletError } from '../../lib/errors.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert, Callout } from '../../components/Alert.tsx'
import { PhraseFields } from './PhraseFields.tsx'
import { Page } from '../Page.tsx'
import { go, href } from '../nav.ts'
import { SetPassword } from './SetPassword.tsx'
import { Welcome } from './Welcome.tsx'
import { Steps } from './Steps.tsx'
// The same check the background runs on import (pure, no key code): a typo is caught before the password step.
import { normalizePrivateKey } from '../../../src/keyring/private-key.ts'

type Secret = { mnemonic: string; passphrase?: string } | { privateKey: string }
const STEPS = ['Secret', 'Password']

export function ImportFlow({ wallet }: { wallet: WalletStateHandle }) {
  const [secret, setSecret] = useState<Secret | null>(null)
  const [finishing, setFinishing] = useState(false)
  if (wallet.state!.initialized && !finishing) return <Welcome wallet={wallet} />
  if (!secret) return <EnterSecret onNext={setSecret} />
  return (
    <Page title="Set a password">
      <Steps names={STEPS} current={1} />
      <p>The password encrypts what you imported on this device and unlocks the wallet.</p>
      <SetPassword
        submitLabel="Import wallet"
        busyLabel="Encrypting your wallet…"
        onSubmit={async (password) => {
          setFinishing(true)
          try {
            wallet.accept(await bg('keyring.initialize', { ...secret, password }))
          } catch (err) {
            setFinishing(false)
            throw err
          }
          setSecret(null)
          go('done')
        }}
        secondary={
          <button type="button" onClick={() => setSecret(null)}>
            Back
          </button>
        }
      />
    </Page>
  )
}

type Check = { kind: 'idle' } | { kind: 'ok'; words: number } | { kind: 'typing'; note: string } | { kind: 'error'; err: WalletError }

function EnterSecret({ onNext }: { onNext: (s: Secret) => void }) {
  const ids = useId()
  const [mode, setMode] = useState<'phrase' | 'key'>('phrase')
  const [phrase, setPhrase] = useState('')
  const [check, setCheck] = useState<Check>({ kind: 'idle' })
  const [advanced, setAdvanced] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [key, setKey] = useState('')
  const [keyError, setKeyError] = useState<string | null>(null)
  const [submitted, setSubmitted] = useState(false)
  const [typing, setTyping] = useState(false)
  const keyInput = useRef<HTMLInputElement>(null)
  useEffect(() => {
    document.getElementById(`${ids}-phrase-w0`)?.focus()
  }, [])

  // Live check, a moment after typing stops. A word still being typed (the last one, with no
  // space after it) is not called unknown yet, nor is a phrase that is merely short.
  const seq = useRef(0)
  useEffect(() => {
    if (mode !== 'phrase') return
    const mine = ++seq.current
    if (!phrase.trim()) return setCheck({ kind: 'idle' })
    const t = setTimeout(async () => {
      const next = await classify(typing ? phrase : `${phrase} `, submitted)
      if (mine === seq.current) setCheck(next)
    }, 250)
    return () => clearTimeout(t)
  }, [phrase, mode, submitted, typing])

  const next = async (e: Event) => {
    e.preventDefault()
    if (mode === 'key') {
      try {
        normalizePrivateKey(key)
      } catch (err) {
        setKeyError(asWalletError(err).message)
        return keyInput.current?.focus()
      }
      return onNext({ privateKey: key.trim() })
    }
    setSubmitted(true)
    const result = await classify(phrase, true)
    setCheck(result)
    if (result.kind !== 'ok') return document.getElementById(`${ids}-phrase-w0`)?.focus()
    onNext(advanced && passphrase ? { mnemonic: phrase, passphrase } : { mnemonic: phrase })
  }

  const phraseError = check.kind === 'error' ? check.err : null
  return (
    <Page title="Import a wallet">
      <Steps names={STEPS} current={0} />
      <div class="tabs" role="radiogroup" aria-label="What to import">
        <label class={mode === 'phrase' ? 'tab on' : 'tab'}>
          <input type="radio" name="mode" checked={mode === 'phrase'} onChange={() => setMode('phrase')} />
          Secret recovery phrase
        </label>
        <label class={mode === 'key' ? 'tab on' : 'tab'}>
          <input type="radio" name="mode" checked={mode === 'key'} onChange={() => setMode('key')} />
          Private key
        </label>
      </div>
      <form onSubmit={next} noValidate>
        {mode === 'phrase' ? (
          <>
            <PhraseFields
              id={`${ids}-phrase`}
              phrase={phrase}
              onPhrase={(p, typingLast) => {
                setTyping(typingLast)
                setPhrase(p)
              }}
              invalid={!!phraseError}
              describedBy={`${ids}-phrase-status`}
            />
            <div id={`${ids}-phrase-status`}>
              {phraseError ? (
                <Alert testId="phrase-error">
                  <p>{phraseError.message}</p>
                  <Suggestion err={phraseError} phrase={phrase} onFix={setPhrase} />
                </Alert>
              ) : check.kind === 'ok' ? (
                <p class="field-note ok" data-testid="phrase-ok">
                  ✓ A valid {check.words}-word phrase.
                </p>
              ) : check.kind === 'typing' ? (
                <p class="field-note muted">{check.note}</p>
              ) : null}
            </div>
            <button type="button" class="link disclosure" aria-expanded={advanced} aria-controls={`${ids}-advanced`} onClick={() => setAdvanced(!advanced)}>
              {advanced ? '▾' : '▸'} Advanced: BIP39 passphrase
            </button>
            {advanced && (
              <div id={`${ids}-advanced`} class="advanced">
                <Callout title="Only if you set one when the phrase was made.">
                  <p>A passphrase (sometimes called the 25th word) gives a completely different set of accounts. A wrong or misspelled passphrase is not an error: it opens an empty wallet. Leave it empty if you are not sure.</p>
                </Callout>
                <label for={`${ids}-passphrase`}>BIP39 passphrase (optional)</label>
                <input
                  id={`${ids}-passphrase`}
                  type="password"
                  value={passphrase}
                  onInput={(e) => setPassphrase((e.currentTarget as HTMLInputElement).value)}
                  autoComplete="off"
                  spellcheck={false}
                />
              </div>
            )}
          </>
        ) : (
          <>
            <label for={`${ids}-key`}>Private key (64 hexadecimal characters)</label>
            <input
              id={`${ids}-key`}
              ref={keyInput}
              type="password"
              class="mono"
              value={key}
              onInput={(e) => {
                setKey((e.currentTarget as HTMLInputElement).value)
                setKeyError(null)
              }}
              autoComplete="off"
              spellcheck={false}
              aria-invalid={keyError ? 'true' : undefined}
            />
            {keyError && (
              <Alert testId="key-error">
                <p>{keyError}</p>
              </Alert>
            )}
            <p class="muted small-print">A private key gives one account. A wallet made from a key has no recovery phrase: keep a copy of the key itself.</p>
          </>
        )}
        <div class="actions">
          <a class="button" href={href('welcome')}>
            Back
          </a>
          <button type="submit" class="primary">
            Continue
          </button>
        </div>
      </form>
    </Page>
  )
}

function Suggestion({ err, phrase, onFix }: { err: WalletError; phrase: string; onFix: (p: string) => void }) {
  const d = err.data as { word?: string; position?: number; suggestion?: string } | undefined
  if (err.code !== 'BAD_MNEMONIC_WORD' || !d?.suggestion || !d.position) return null
  const fix = () => {
    const words = phrase.trim().split(/\s+/)
    words[d.position! - 1] = d.suggestion!
    onFix(words.join(' '))
  }
  return (
    <button type="button" class="small" onClick={fix}>
      Use “{d.suggestion}” for word {d.position}
    </button>
  )
}

async function classify(phrase: string, final: boolean): Promise<Check> {
  try {
    const r = await bg('keyring.checkPhrase', { phrase })
    return { kind: 'ok', words: r.words }
  } catch (e) {
    const err = asWalletError(e)
    const count = phrase.trim().split(/\s+/).filter(Boolean).length
    if (!final) {
      const d = err.data as { position?: number } | undefined
      const stillTyping = !/\s$/.test(phrase)
      if (err.code === 'BAD_MNEMONIC_WORD' && stillTyping && d?.position === count) return { kind: 'typing', note: `${count} word${count === 1 ? '' : 's'} so far.` }
      if (err.code === 'BAD_MNEMONIC_LENGTH') return { kind: 'typing', note: `${count} word${count === 1 ? '' : 's'} so far; a phrase has 12, 15, 18, 21 or 24.` }
    }
    return { kind: 'error', err }
  }
}
