// Allowances: every ERC-20 allowance, operator approval and Permit2 allowance of an account on the
// chains shown on Home, found from the chain's own logs and valued now ('allowances.list'), each
// with its spender (named when the wallet knows it) and a revoke: prepared with its fee (L1 data fee
// included on rollups), sent, and the list read again once the revoke is mined (followed through
// the 'activity' topic, no polling).
import { useEffect, useState } from 'preact/hooks'
import type { AllowanceRow } from '../../../src/allowances/read.ts'
import type { ChainAllowances } from '../../../src/allowances/service.ts'
import type { Quoted } from '../../../src/tx/pipeline.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'
import { useTopic } from '../../lib/topic.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert } from '../../components/Alert.tsx'
import { FeeBreakdown } from '../../components/FeeBreakdown.tsx'
import { AddressLabel } from '../../components/sign/AddressLabel.tsx'
import { useNames } from '../../components/sign/names.ts'
import { TokenMark } from '../../components/sign/TokenMark.tsx'
import { href } from '../nav.ts'

const rowKey = (r: AllowanceRow) => `${r.chainId}:${r.kind}:${r.token}:${r.spender}:${r.via ?? ''}`

export function AllowancesPage({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  const accounts = state.accounts.filter((a) => !a.hidden)
  const [owner, setOwner] = useState<string>(state.selected ?? accounts[0]?.address ?? '')
  const [chains, setChains] = useState<ChainAllowances[] | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    if (!owner) return
    setLoading(true)
    setError(null)
    try {
      setChains(await bg('allowances.list', { owner }, { timeoutMs: 120_000 }))
    } catch (e) {
      setError(asWalletError(e).message)
    } finally {
      setLoading(false)
    }
  }
  useEffect(() => {
    setChains(null)
    void load()
  }, [owner])

  const rows = chains?.flatMap((c) => c.rows) ?? []
  const nameOf = useNames(rows.map((r) => r.spender))
  return (
    <section class="page-body allowances" data-testid="allowances">
      <p class="muted">
        <a href={href('settings/accounts')}>Settings</a> › Allowances
      </p>
      <h1>Allowances</h1>
      <p class="muted">
        Who may spend your tokens or move your NFTs, on the chains shown on Home. Each was found in the chain’s own logs and is read as it stands now. Revoke what you no longer use: it costs a network fee.
      </p>
      <div class="allowances-bar">
        <label for="allowances-account" class="sr-only">
          Account
        </label>
        <select id="allowances-account" value={owner} onChange={(e) => setOwner((e.target as HTMLSelectElement).value)} data-testid="allowances-account">
          {accounts.map((a) => (
            <option key={a.address} value={a.address}>
              {a.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void load()} disabled={loading} data-testid="allowances-refresh">
          {loading ? 'Reading…' : 'Read again'}
        </button>
      </div>
      {error && <Alert>{error}</Alert>}
      {!chains ? (
        <p class="muted" aria-live="polite">
          Reading approvals from each chain…
        </p>
      ) : (
        chains.map((c) => (
          <section key={c.chainId} class="allowances-chain" data-testid="allowances-chain" data-chain={c.chainId}>
            <h2>{c.chainName}</h2>
            {c.error ? (
              <p class="warn" data-testid="allowances-error">
                {c.error}
              </p>
            ) : c.rows.length === 0 ? (
              <p class="muted" data-testid="allowances-none">
                No allowance or operator approval is active.
              </p>
            ) : (
              <ul class="allowance-list">
                {c.rows.map((r) => (
                  <AllowanceItem key={rowKey(r)} row={r} owner={owner} spenderName={nameOf(r.spender)} onDone={() => void load()} />
                ))}
              </ul>
            )}
            {c.fromBlock !== null && <p class="muted small">Logs read from block {c.fromBlock} to {c.scannedTo}.</p>}
          </section>
        ))
      )}
    </section>
  )
}

function amountText(r: AllowanceRow): string {
  if (r.kind === 'operator') return `every ${r.symbol ?? 'item'} you hold`
  if (r.unlimited) return `unlimited ${r.symbol ?? ''}`.trim()
  return r.decimals !== null ? formatAmount(r.amount ?? '0', r.decimals, r.symbol ?? '') : `${r.amount} units`
}

function AllowanceItem({ row: r, owner, spenderName, onDone }: { row: AllowanceRow; owner: string; spenderName: ReturnType<ReturnType<typeof useNames>>; onDone: () => void }) {
  const [quoted, setQuoted] = useState<Quoted | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [hash, setHash] = useState<string | null>(null)
  const activity = useTopic('activity', null)
  const record = hash ? activity.value?.find((x) => x.hash === hash && x.chainId === r.chainId) : undefined
  useEffect(() => {
    if (record && (record.status === 'confirmed' || record.status === 'failed')) onDone()
  }, [record?.status])

  const prepare = async () => {
    setBusy(true)
    setError(null)
    try {
      setQuoted(await bg('allowances.prepareRevoke', { owner, row: { chainId: r.chainId, kind: r.kind, token: r.token, spender: r.spender, ...(r.via ? { via: r.via } : {}) } }, { timeoutMs: 30_000 }))
    } catch (e) {
      setError(asWalletError(e).message)
    } finally {
      setBusy(false)
    }
  }
  const send = async () => {
    if (!quoted) return
    setBusy(true)
    setError(null)
    try {
      const title = `Revoke ${r.symbol ?? 'approval'} for ${spenderName?.name ?? `${r.spender.slice(0, 6)}…${r.spender.slice(-4)}`}`
      setHash((await bg('tx.send', { tx: quoted.tx, title })).hash)
    } catch (e) {
      setError(asWalletError(e).message)
    } finally {
      setBusy(false)
    }
  }
  const kind = r.kind === 'operator' ? 'Operator' : r.kind === 'permit2' ? 'Permit2' : 'Allowance'
  return (
    <li class="card allowance" data-testid="allowance" data-kind={r.kind} data-token={r.token} data-spender={r.spender}>
      <div class="allowance-main">
        <TokenMark symbol={r.symbol ?? '?'} address={r.token} />
        <div class="allowance-what">
          <strong data-testid="allowance-amount">{amountText(r)}</strong>
          <span class="muted small">
            {kind}
            {r.name ? ` · ${r.name}` : ''}
            {r.kind === 'permit2' && r.expiration ? ` · until ${new Date(r.expiration * 1000).toLocaleDateString()}` : ''}
          </span>
        </div>
        <div class="allowance-spender">
          <span class="muted small">Spender</span>
          <AddressLabel address={r.spender} name={spenderName} testId="allowance-spender" />
        </div>
        {!quoted && !hash && (
          <button type="button" class="small" onClick={() => void prepare()} disabled={busy} data-testid="revoke">
            {busy ? 'Preparing…' : 'Revoke'}
          </button>
        )}
      </div>
      {quoted && !hash && (
        <div class="allowance-confirm" data-testid="revoke-confirm">
          <FeeBreakdown fee={quoted.fee} error={quoted.feeError} />
          <div class="actions">
            <button type="button" onClick={() => setQuoted(null)} disabled={busy}>
              Cancel
            </button>
            <button type="button" class="primary" onClick={() => void send()} disabled={busy || !quoted.fee} data-testid="revoke-send">
              {busy ? 'Sending…' : 'Revoke now'}
            </button>
          </div>
        </div>
      )}
      {hash && (
        <p class="muted small" role="status" data-testid="revoke-status">
          {record?.status === 'failed' ? 'The revoke failed on chain.' : record?.status === 'confirmed' ? 'Revoked.' : 'Revoking: waiting for the transaction to be mined…'}
        </p>
      )}
      {error && <Alert>{error}</Alert>}
    </li>
  )
}
