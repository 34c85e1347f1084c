// The bridge form: direction (deposit to the L2 / withdraw to L1), the L2 (its L1 follows), the
// token (pairs the wallet knows on both sides), amount and receiver. "Review" starts the flow in the
// background, which comes back with its first step prepared with its fee, the whole cost and (for a
// withdrawal) today's exit time; the review confirms each step (an ERC-20 deposit approves first).
import { useEffect, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import type { Network } from '../../../src/chains/types.ts'
import type { BridgeTokenOption } from '../../../src/bridge/tokens.ts'
import type { BridgeIntent } from '../../../src/bridge/flows.ts'
import { checkAmount, checkRecipient } from '../../../src/send/checks.ts'
import { bg } from '../../lib/background.ts'
import { useChainBalances } from '../../lib/chain-balances.ts'
import { asWalletError } from '../../lib/errors.ts'
import { formatAmount } from '../../lib/amount.ts'
import { shownNetworks } from '../../lib/networks.ts'
import { openApp } from '../../lib/open.ts'
import { BridgeReview } from '../../components/BridgeReview.tsx'

type Direction = 'deposit' | 'withdraw'

export function BridgeForm({ account, activeChainId, showTestnets, resume, onSent }: { account: AccountInfo; activeChainId: number; showTestnets: boolean; resume?: string | null; onSent: () => void }) {
  const [networks, setNetworks] = useState<Network[] | null>(null)
  const [direction, setDirection] = useState<Direction>('deposit')
  const [l2Id, setL2Id] = useState<number | null>(null)
  const [tokens, setTokens] = useState<BridgeTokenOption[] | null>(null)
  const [tokenId, setTokenId] = useState('eth')
  const [amount, setAmount] = useState('')
  const [to, setTo] = useState('')
  const [starting, setStarting] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [flowId, setFlowId] = useState<string | null>(resume ?? null)
  const [sent, setSent] = useState<{ title: string; id: string; direction: Direction } | null>(null)

  useEffect(() => {
    if (resume) setFlowId(resume)
  }, [resume])

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
  // checks run only against a balance read now: an unread chain has none
  const amounts = read.error ? null : read.amounts
  const raw = token && amounts ? amounts[token.id] : undefined
  const balance = raw !== undefined ? BigInt(raw) : null
  const amountCheck = token && amount.trim() ? checkAmount(amount, token.decimals, token.symbol, balance) : null
  const recipient = to.trim() ? checkRecipient(to) : null
  const receiver = recipient?.ok ? recipient.value : account.address
  const canReview = !!l2 && !!token && !!amountCheck?.ok && !(recipient && !recipient.ok) && !starting && balance !== null

  const review = async () => {
    if (!canReview || !l2 || !token || !amountCheck?.ok) return
    setStarting(true)
    setError(null)
    try {
      const intent: BridgeIntent = { direction, l2ChainId: l2.chainId, token: { symbol: token.symbol, decimals: token.decimals, l1: token.l1, l2: token.l2 }, amount: amountCheck.value.toString(), from: account.address, ...(recipient?.ok ? { to: receiver } : {}) }
      const flow = await bg('flows.start', { kind: 'bridge', intent }, { timeoutMs: 60_000 })
      setFlowId(flow.id)
    } catch (e) {
      setError(asWalletError(e).message)
    } finally {
      setStarting(false)
    }
  }

  const reset = () => {
    setAmount('')
    setTo('')
    setFlowId(null)
    setSent(null)
    read.reload()
  }

  if (!networks) return <p class="muted">{error ?? 'Loading…'}</p>
  const rollups = shownNetworks(networks, showTestnets, [l2?.chainId]).filter((n) => n.rollup && networks.some((x) => x.chainId === n.rollup!.l1ChainId))
  if (!l2 || !l1) return <p class="muted">No rollup to bridge to: add one in Settings → Networks.</p>

  if (sent) {
    return (
      <div class="bridge-sent" data-testid="bridge-sent" role="status">
        <p>
          <strong>{sent.title}</strong>: sent. The wallet follows it from here
          {sent.direction === 'withdraw' ? ' and will tell you when it can be proven and finalized.' : ' until it arrives.'}
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

  if (flowId) {
    return (
      <BridgeReview
        id={flowId}
        onBack={() => setFlowId(null)}
        onTracked={(itemId, flow) => {
          setSent({ title: flow.steps[flow.steps.length - 1].label, id: itemId, direction: flow.intent.direction })
          onSent()
        }}
      />
    )
  }

  return (
    <form
      class="bridge-form"
      novalidate
      onSubmit={(e) => {
        e.preventDefault()
        void review()
      }}
    >
      <div class="tabs bridge-dir" role="radiogroup" aria-label="Direction">
        {(['deposit', 'withdraw'] as const).map((d) => (
          <label class={`tab ${direction === d ? 'on' : ''}`} key={d}>
            <input type="radio" name="bridge-dir" data-testid={`bridge-dir-${d}`} checked={direction === d} onChange={() => setDirection(d)} />
            {d === 'deposit' ? 'Deposit to L2' : 'Withdraw to L1'}
          </label>
        ))}
      </div>
      <div class="send-pair">
        <div>
          <label for="bridge-l2">Rollup</label>
          <select id="bridge-l2" data-testid="bridge-l2" value={String(l2.chainId)} onChange={(e) => (setL2Id(Number((e.target as HTMLSelectElement).value)), setTokenId('eth'))}>
            {rollups.map((n) => (
              <option key={n.chainId} value={String(n.chainId)}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="bridge-token">Token</label>
          <select id="bridge-token" data-testid="bridge-token" value={token?.id ?? ''} disabled={!tokens} onChange={(e) => (setTokenId((e.target as HTMLSelectElement).value), setAmount(''))}>
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
          {token && (read.error ? <span class="warn"> · Balance not loaded: {read.error}</span> : balance === null ? (amounts ? <span class="warn"> · Balance not loaded</span> : ' · Balance: loading…') : ` · Balance: ${formatAmount(balance, token.decimals, token.symbol)}`)}
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
          aria-label="Receiver on the other side"
          aria-invalid={recipient && !recipient.ok ? 'true' : 'false'}
          onInput={(e) => setTo((e.target as HTMLInputElement).value)}
        />
        {recipient && !recipient.ok && <p class="field-error error">{recipient.error}</p>}
      </details>

      {error && (
        <p class="error" role="alert" data-testid="bridge-error">
          {error}
        </p>
      )}
      <button type="submit" class="primary block" data-testid="bridge-review-open" disabled={!canReview}>
        {starting ? 'Preparing…' : 'Review'}
      </button>
    </form>
  )
}
