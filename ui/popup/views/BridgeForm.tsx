// The bridge form: direction (deposit to the L2 / withdraw to L1), the L2 (its L1 follows), the
// token (pairs the wallet knows on both sides), amount and receiver, the fee of the transaction to
// sign next (re-quoted every block), under it the whole flow's cost (a deposit's L1 steps and the L2
// gas they buy; a withdrawal's whole exit: initiate + prove + finalize), and, for withdrawals,
// today's exit time read from the chain.
// An ERC-20 deposit approves first when needed: the approval is sent, mined, then the deposit is
// built again. Everything signs in the background; a deposit or withdrawal is tracked from then on.
import { useEffect, useRef, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import type { Network } from '../../../src/chains/types.ts'
import type { FeeQuote, PreparedTx } from '../../../src/approvals/types.ts'
import type { BridgeTokenOption } from '../../../src/bridge/tokens.ts'
import type { BridgeIntent, FlowTxJson } from '../../../src/bridge/flows.ts'
import { checkAmount, checkRecipient } from '../../../src/send/checks.ts'
import { bg } from '../../lib/background.ts'
import { useChainBalances } from '../../lib/chain-balances.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'
import { openApp } from '../../lib/open.ts'
import { FeeBreakdown, useLiveFee } from '../../components/FeeBreakdown.tsx'
import { Callout } from '../../components/Alert.tsx'
import { BridgeCost } from './BridgeCost.tsx'

type Direction = 'deposit' | 'withdraw'
interface Built {
  key: string
  intent: BridgeIntent
  step: FlowTxJson
  steps: number
  exit: { text: string; system: string } | null
  tx: PreparedTx
  fee: FeeQuote | null
  feeError?: string | undefined
}

export function BridgeForm({ account, activeChainId, onSent }: { account: AccountInfo; activeChainId: number; onSent: () => void }) {
  const [networks, setNetworks] = useState<Network[] | null>(null)
  const [direction, setDirection] = useState<Direction>('deposit')
  const [l2Id, setL2Id] = useState<number | null>(null)
  const [tokens, setTokens] = useState<BridgeTokenOption[] | null>(null)
  const [tokenId, setTokenId] = useState('eth')
  const [amount, setAmount] = useState('')
  const [to, setTo] = useState('')
  const [built, setBuilt] = useState<Built | null>(null)
  const [building, setBuilding] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [phase, setPhase] = useState<'form' | 'sending' | 'approving' | 'sent'>('form')
  const [sent, setSent] = useState<{ title: string; id: string } | null>(null)
  const [round, setRound] = useState(0)
  const seq = useRef(0)

  useEffect(() => {
    bg('wallet.networks', {}).then((all) => {
      setNetworks(all)
      const active = all.find((n) => n.chainId === activeChainId)
      const l2 = active?.rollup ? active : all.find((n) => n.rollup && n.rollup.l1ChainId === activeChainId) ?? all.find((n) => n.rollup)
      setL2Id(l2?.chainId ?? null)
      setDirection(active?.rollup ? 'withdraw' : 'deposit')
    }, (e) => setError(asWalletError(e).message))
  }, [])

  const l2 = networks?.find((n) => n.chainId === l2Id) ?? null
  const l1 = l2?.rollup ? networks?.find((n) => n.chainId === l2.rollup!.l1ChainId) ?? null : null
  const source = direction === 'deposit' ? l1 : l2
  const token = tokens?.find((t) => t.id === tokenId) ?? tokens?.[0] ?? null

  useEffect(() => {
    if (l2Id === null) return
    setTokens(null)
    bg('bridge.tokens', { l2ChainId: l2Id }).then(setTokens, (e) => setError(asWalletError(e).message))
  }, [l2Id])

  const read = useChainBalances(account.address, source?.chainId ?? null)
  const loadBalances = read.reload
  const balanceError = read.error
  // checks run only against a balance read now: an unread chain has none
  const amounts = read.error ? null : read.amounts

  const balanceOf = (id: string) => (amounts ? BigInt(amounts[id] ?? '0') : null)
  const balance = token ? balanceOf(token.id) : null
  const amountCheck = token && amount.trim() ? checkAmount(amount, token.decimals, token.symbol, balance) : null
  const recipient = to.trim() ? checkRecipient(to) : null
  const receiver = recipient?.ok ? recipient.value : account.address
  const key = `${direction}|${l2Id}|${token?.id}|${amountCheck?.ok ? amountCheck.value : ''}|${receiver}|${round}`

  useEffect(() => {
    if (phase !== 'form' || !l2 || !token || !amountCheck?.ok || (recipient && !recipient.ok)) return
    if (built?.key === key) return
    const mine = ++seq.current
    setBuilding(true)
    setError(null)
    const timer = setTimeout(async () => {
      try {
        const intent: BridgeIntent = { direction, l2ChainId: l2.chainId, token, amount: amountCheck.value.toString(), from: account.address, to: receiver }
        const { steps, exit } = await bg('bridge.build', intent, { timeoutMs: 30_000 })
        const step = steps[0]
        const p = await bg('tx.prepare', { chainId: step.chainId, from: account.address, to: step.to, value: step.value, data: step.data, ...(step.gasHeadroomPercent ? { gasHeadroomPercent: step.gasHeadroomPercent } : {}) }, { timeoutMs: 30_000 })
        if (mine === seq.current) setBuilt({ key, intent, step, steps: steps.length, exit, tx: p.tx, fee: p.fee, feeError: p.feeError })
      } catch (e) {
        if (mine === seq.current) {
          setBuilt(null)
          setError(asWalletError(e).message)
        }
      } finally {
        if (mine === seq.current) setBuilding(false)
      }
    }, 350)
    return () => clearTimeout(timer)
  }, [key, phase])

  const current = built?.key === key ? built : null
  const live = useLiveFee(current?.tx ?? null, current?.fee ?? null, source?.blockTimeSeconds ?? 12, current?.feeError)

  // the fee is paid in ETH on the chain the transaction goes to
  let fundsError: string | null = null
  const eth = balanceOf('eth')
  if (live.fee && eth !== null && amountCheck?.ok && token && source) {
    const maxFee = BigInt(live.fee.max)
    const needed = maxFee + (token.l1 === null && current?.step.value !== '0' ? amountCheck.value : 0n)
    if (needed > eth) fundsError = `Not enough ETH on ${source.name} for ${token.l1 === null ? 'this amount and ' : ''}the network fee (at most ${formatAmount(maxFee, 18, 'ETH', 8)}).`
  }

  const send = async () => {
    if (!current || !l2 || !token || !amountCheck?.ok) return
    setPhase('sending')
    setError(null)
    try {
      const r = await bg('bridge.send', { tx: current.tx, intent: current.intent, title: current.step.label }, { timeoutMs: 60_000 })
      if (r.id) {
        setSent({ title: current.step.label, id: r.id })
        setPhase('sent')
        onSent()
        return
      }
      // an approval: wait for it, then build the deposit
      setPhase('approving')
      for (let i = 0; i < 600; i++) {
        const { status } = await bg('bridge.txStatus', { chainId: current.step.chainId, hash: r.hash })
        if (status === 'reverted') throw new Error('The approval failed on chain.')
        if (status === 'success') break
        await new Promise((res) => setTimeout(res, 1000))
      }
      setRound((x) => x + 1)
      setPhase('form')
    } catch (e) {
      setError(asWalletError(e).message)
      setPhase('form')
    }
  }

  const reset = () => {
    setAmount('')
    setTo('')
    setBuilt(null)
    setSent(null)
    setPhase('form')
    loadBalances()
  }

  if (!networks) return <p class="muted">{error ?? 'Loading…'}</p>
  const rollups = networks.filter((n) => n.rollup && networks.some((x) => x.chainId === n.rollup!.l1ChainId))
  if (!l2 || !l1) return <p class="muted">No rollup to bridge to: add one in Settings → Networks.</p>

  if (phase === 'sent' && sent) {
    return (
      <div class="bridge-sent" data-testid="bridge-sent" role="status">
        <p>
          <strong>{sent.title}</strong>: sent. The wallet follows it from here
          {direction === 'withdraw' ? ' and will tell you when it can be proven and finalized.' : ' until it arrives.'}
        </p>
        <div class="actions">
          <button type="button" class="primary" data-testid="bridge-track" onClick={() => void openApp(`bridge/item/${encodeURIComponent(sent.id)}`)}>
            Track it
          </button>
          <button type="button" onClick={reset} data-testid="bridge-again">
            Bridge more
          </button>
        </div>
      </div>
    )
  }

  const busy = phase !== 'form'
  return (
    <form
      class="bridge-form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault()
        if (current && live.fee && !fundsError && !busy) void send()
      }}
    >
      <div class="tabs bridge-dir" role="radiogroup" aria-label="Direction">
        {(['deposit', 'withdraw'] as const).map((d) => (
          <label class={`tab ${direction === d ? 'on' : ''}`} key={d}>
            <input type="radio" name="bridge-dir" data-testid={`bridge-dir-${d}`} checked={direction === d} onChange={() => (setDirection(d), setBuilt(null))} disabled={busy} />
            {d === 'deposit' ? 'Deposit to L2' : 'Withdraw to L1'}
          </label>
        ))}
      </div>
      <div class="send-pair">
        <div>
          <label for="bridge-l2">Rollup</label>
          <select id="bridge-l2" data-testid="bridge-l2" value={String(l2.chainId)} disabled={busy} onChange={(e) => (setL2Id(Number((e.target as HTMLSelectElement).value)), setTokenId('eth'), setBuilt(null))}>
            {rollups.map((n) => (
              <option key={n.chainId} value={String(n.chainId)}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="bridge-token">Token</label>
          <select id="bridge-token" data-testid="bridge-token" value={token?.id ?? ''} disabled={busy || !tokens} onChange={(e) => (setTokenId((e.target as HTMLSelectElement).value), setAmount(''))}>
            {(tokens ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.symbol}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p class="bridge-route muted" data-testid="bridge-route">
        From <strong>{source?.name}</strong> to <strong>{direction === 'deposit' ? l2.name : l1.name}</strong>
        <span class="bridge-balance" data-testid="bridge-balance">
          {token && (balanceError ? <span class="warn"> · Balance not read: {balanceError}</span> : balance === null ? ' · Balance: …' : ` · Balance: ${formatAmount(balance, token.decimals, token.symbol, 6)}`)}
        </span>
      </p>

      <label for="bridge-amount">Amount{token ? ` (${token.symbol})` : ''}</label>
      <input
        id="bridge-amount"
        data-testid="bridge-amount"
        inputMode="decimal"
        placeholder="0.0"
        autocomplete="off"
        value={amount}
        disabled={busy}
        aria-invalid={amountCheck && !amountCheck.ok ? 'true' : 'false'}
        aria-describedby="bridge-amount-error"
        onInput={(e) => setAmount((e.target as HTMLInputElement).value)}
      />
      <p id="bridge-amount-error" class="field-error error" role={amountCheck && !amountCheck.ok ? 'alert' : undefined}>
        {amountCheck && !amountCheck.ok ? amountCheck.error : ''}
      </p>

      <details class="bridge-to" open={!!to}>
        <summary>Receiver: {recipient?.ok ? 'another address' : 'this account'}</summary>
        <input
          class="mono"
          data-testid="bridge-to"
          placeholder={account.address}
          spellcheck={false}
          autocomplete="off"
          value={to}
          disabled={busy}
          aria-label="Receiver on the other side"
          aria-invalid={recipient && !recipient.ok ? 'true' : 'false'}
          onInput={(e) => setTo((e.target as HTMLInputElement).value)}
        />
        {recipient && !recipient.ok && <p class="field-error error">{recipient.error}</p>}
      </details>

      {direction === 'withdraw' && current?.exit && (
        <Callout tone="info" title="Withdrawals take time">
          <p data-testid="bridge-exit">{current.exit.text}.</p>
          <p class="muted small-print">{current.exit.system}. The wallet tells you when to prove and when to finalize; each is one click on {l1.name}.</p>
        </Callout>
      )}

      {current && (
        <p class="bridge-step" data-testid="bridge-step">
          {current.steps > 1 ? `Step 1 of ${current.steps}: ` : ''}
          {current.step.label}
        </p>
      )}
      {current ? <FeeBreakdown fee={live.fee} error={live.error} stale={live.stale} /> : building ? <p class="muted fee-missing">Estimating the fee…</p> : null}
      {current && <BridgeCost subject={current.key} intent={current.intent} tx={current.tx} blockTimeSeconds={source?.blockTimeSeconds ?? 12} l1Name={l1.name} />}
      {error && (
        <p class="error" role="alert" data-testid="bridge-error">
          {error}
        </p>
      )}
      {fundsError && (
        <p class="error" role="alert" data-testid="bridge-funds-error">
          {fundsError}
        </p>
      )}
      <button type="submit" class="primary block" data-testid="bridge-submit" disabled={!current || !live.fee || !!fundsError || busy || building}>
        {phase === 'sending' ? 'Sending…' : phase === 'approving' ? 'Waiting for the approval…' : current ? current.step.label : direction === 'deposit' ? 'Deposit' : 'Withdraw'}
      </button>
    </form>
  )
}
