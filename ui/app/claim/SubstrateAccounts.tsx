// Step 1 of the claim: the parachain account. Imported accounts are listed by name, SS58 address
// (Phala/Khala prefix 30) and h160; one is picked. Importing takes a secret phrase with an optional
// derivation path, or a polkadot.js JSON file with its own password. The secret goes to the
// background once and is not kept here.
import { useId, useState } from 'preact/hooks'
import type { SubstrateAccountInfo } from '../../../src/keyring/substrate-accounts.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { Alert } from '../../components/Alert.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { PasswordInput } from '../../components/PasswordInput.tsx'

export function SubstrateAccounts(p: {
  accounts: SubstrateAccountInfo[]
  selected: string | null
  onSelect: (ss58: string) => void
  onChanged: (list: SubstrateAccountInfo[], added?: SubstrateAccountInfo) => void
}) {
  const [importing, setImporting] = useState(p.accounts.length === 0)
  const [removing, setRemoving] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const remove = async (ss58: string) => {
    setError(null)
    try {
      p.onChanged(await bg('substrate.remove', { account: ss58 }))
      setRemoving(null)
    } catch (err) {
      setError(asWalletError(err).message)
    }
  }
  return (
    <section class="claim-step" aria-labelledby="claim-step-account">
      <h2 id="claim-step-account">1. Your parachain account</h2>
      {p.accounts.length > 0 && (
        <fieldset class="substrate-list">
          <legend class="sr-only">Parachain account to claim</legend>
          {p.accounts.map((a) => (
            <div class={a.ss58 === p.selected ? 'substrate-row on' : 'substrate-row'} key={a.ss58} data-testid="substrate-account">
              <label class="substrate-pick">
                <input type="radio" name="substrate-account" checked={a.ss58 === p.selected} onChange={() => p.onSelect(a.ss58)} />
                <span>
                  <span class="substrate-name">
                    <strong>{a.name}</strong> <span class="badge">{a.source === 'keystore' ? 'from file' : 'from phrase'}</span>
                  </span>
                  <span class="mono ss58" data-testid="substrate-ss58">
                    {a.ss58}
                  </span>
                  <details class="tech h160">
                    <summary>Technical details</summary>
                    <span class="mono muted small-print">Claim id (the first 20 bytes of its public key): {a.h160}</span>
                  </details>
                </span>
              </label>
              <div class="substrate-actions">
                <CopyButton text={a.ss58} label="Copy" what={`the address of ${a.name}`} class="small" />
                <button type="button" class="small ghost" onClick={() => setRemoving(a.ss58)} aria-label={`Remove ${a.name}`}>
                  Remove
                </button>
              </div>
              {removing === a.ss58 && (
                <div class="confirm-remove">
                  <p>Remove {a.name} from this wallet? You need its phrase or file to import it again.</p>
                  <div class="actions">
                    <button type="button" onClick={() => setRemoving(null)}>
                      Keep it
                    </button>
                    <button type="button" class="danger-outline" onClick={() => void remove(a.ss58)}>
                      Remove
                    </button>
                  </div>
                </div>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {error && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      {importing ? (
        <ImportSubstrate
          onCancel={p.accounts.length ? () => setImporting(false) : undefined}
          onImported={async (added) => {
            p.onChanged(await bg('substrate.list', {}), added)
            setImporting(false)
          }}
        />
      ) : (
        <button type="button" class="link" onClick={() => setImporting(true)} data-testid="substrate-import-open">
          + Import another Polkadot account
        </button>
      )}
    </section>
  )
}

function ImportSubstrate({ onImported, onCancel }: { onImported: (a: SubstrateAccountInfo) => void; onCancel?: () => void }) {
  const ids = useId()
  const [mode, setMode] = useState<'phrase' | 'file'>('phrase')
  const [phrase, setPhrase] = useState('')
  const [path, setPath] = useState('')
  const [name, setName] = useState('')
  const [file, setFile] = useState<{ name: string; text: string } | null>(null)
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    setError(null)
    setBusy(true)
    try {
      const named = name.trim() ? { name: name.trim() } : {}
      const added =
        mode === 'phrase'
          ? await bg('substrate.import', { phrase, path, ...named })
          : await bg('substrate.import', { keystore: file?.text ?? '', keystorePassword: password, ...named }, { timeoutMs: 60_000 })
      setPhrase('')
      setPassword('')
      onImported(added)
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="card substrate-import" onSubmit={submit} noValidate data-testid="substrate-import">
      <h3>Import a Polkadot account</h3>
      <p class="muted small-print">The account you held PHA with on Phala or Khala. Its key is encrypted with your wallet password and never leaves the wallet.</p>
      <div class="tabs" role="radiogroup" aria-label="What to import">
        <label class={mode === 'phrase' ? 'tab on' : 'tab'}>
          <input type="radio" name="substrate-mode" checked={mode === 'phrase'} onChange={() => setMode('phrase')} />
          Secret phrase
        </label>
        <label class={mode === 'file' ? 'tab on' : 'tab'}>
          <input type="radio" name="substrate-mode" checked={mode === 'file'} onChange={() => setMode('file')} />
          JSON file
        </label>
      </div>
      {mode === 'phrase' ? (
        <>
          <label for={`${ids}-phrase`}>Secret phrase (12 or 24 words)</label>
          <textarea
            id={`${ids}-phrase`}
            rows={3}
            class="mono"
            value={phrase}
            onInput={(e) => setPhrase((e.currentTarget as HTMLTextAreaElement).value)}
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            data-testid="substrate-phrase"
          />
          <label for={`${ids}-path`}>Derivation path (optional)</label>
          <input
            id={`${ids}-path`}
            class="mono"
            value={path}
            placeholder="//hard/soft"
            onInput={(e) => setPath((e.currentTarget as HTMLInputElement).value)}
            autoComplete="off"
            spellcheck={false}
            aria-describedby={`${ids}-path-note`}
            data-testid="substrate-path"
          />
          <p id={`${ids}-path-note`} class="field-note muted">
            Only if your Polkadot wallet shows one for this account, e.g. //0 or //polkadot. Leave it empty otherwise.
          </p>
        </>
      ) : (
        <>
          <label for={`${ids}-file`}>Account file exported by polkadot.js, Talisman or SubWallet</label>
          <input
            id={`${ids}-file`}
            type="file"
            accept=".json,application/json"
            data-testid="substrate-file"
            onChange={async (e) => {
              const f = (e.currentTarget as HTMLInputElement).files?.[0]
              setFile(f ? { name: f.name, text: await f.text() } : null)
            }}
          />
          <PasswordInput label="Password of the file" value={password} onInput={setPassword} autoComplete="off" name="keystore-password" />
          <p class="field-note muted">The password you chose when you exported the account, not this wallet’s password.</p>
        </>
      )}
      <label for={`${ids}-name`}>Name in this wallet (optional)</label>
      <input id={`${ids}-name`} value={name} maxLength={40} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} autoComplete="off" />
      {error && (
        <Alert testId="substrate-import-error">
          <p>{error}</p>
        </Alert>
      )}
      <div class="actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" class="primary" disabled={busy || (mode === 'phrase' ? !phrase.trim() : !file)} data-testid="substrate-import-submit">
          {busy ? (mode === 'file' ? 'Opening the file…' : 'Importing…') : 'Import account'}
        </button>
      </div>
    </form>
  )
}
