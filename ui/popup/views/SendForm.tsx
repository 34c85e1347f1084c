// The send form: network, token with its balance, recipient, amount with Max, and the live fee.
import type { ComponentChildren } from 'preact'
import type { Network } from '../../../src/chains/types.ts'
import { Amount } from '../../components/Amount.tsx'
import { l1Of, usePrices, usdPrice } from '../../lib/prices.ts'
import { ChainIcon, TokenIcon } from '../../components/TokenIcon.tsx'
import { FeeBreakdown, type LiveFee } from '../../components/FeeBreakdown.tsx'

export interface Asset {
  id: string
  symbol: string
  decimals: number
  /** null: the chain's native currency */
  address: string | null
  /** base units; null while unknown */
  balance: bigint | null
  /** the chain answered but this token's balance could not be read */
  unread?: boolean
}

interface Props {
  networks: Network[]
  network: Network
  assets: Asset[]
  asset: Asset | null
  balanceError: string | null
  to: string
  amount: string
  recipientError: string | null
  /** under the recipient: what a name resolved to, contacts and recent recipients */
  toExtras?: ComponentChildren
  amountError: string | null
  live: LiveFee | null
  preparing: boolean
  prepareError: string | null
  fundsError: string | null
  canReview: boolean
  onChain: (chainId: number) => void
  onAsset: (id: string) => void
  onTo: (text: string) => void
  onAmount: (text: string) => void
  onMax: () => void
  onReview: () => void
  onRetryBalance: () => void
}

export function SendForm(p: Props) {
  const a = p.asset
  const book = usePrices()
  const ethPrice = usdPrice(book, l1Of([p.network], p.network.chainId), 'eth')
  return (
    <section class="send">
      <h1>Send</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          if (p.canReview) p.onReview()
        }}
        novalidate
      >
        <div class="send-pair">
          <div>
            <label for="send-chain">Network</label>
            <select id="send-chain" data-testid="send-chain" value={String(p.network.chainId)} onChange={(e) => p.onChain(Number((e.target as HTMLSelectElement).value))}>
              {p.networks.map((n) => (
                <option key={n.chainId} value={String(n.chainId)}>
                  {n.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="send-asset">Token</label>
            <select id="send-asset" data-testid="send-asset" value={a?.id ?? ''} onChange={(e) => p.onAsset((e.target as HTMLSelectElement).value)}>
              {p.assets.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.symbol}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p class="send-balance muted" data-testid="send-balance" data-state={a?.balance == null ? (p.balanceError || a?.unread ? 'not-loaded' : 'loading') : 'read'}>
          {a && <TokenIcon id={a.id} symbol={a.symbol} size={16} />} <ChainIcon chainId={p.network.chainId} name={p.network.name} size={14} />{' '}
          {a?.balance != null ? (
            <>
              Balance: <Amount value={a.balance} decimals={a.decimals} symbol={a.symbol} fiat={false} />
              {p.balanceError && <span class="warn"> (last read; {p.network.name} is not answering now)</span>}
            </>
          ) : p.balanceError || a?.unread ? (
            <span class="warn">
              Balance not loaded: {p.balanceError ?? `${a?.symbol} did not answer on ${p.network.name}`}.{' '}
              <button type="button" class="link" onClick={p.onRetryBalance} data-testid="send-balance-retry">
                Try again
              </button>
            </span>
          ) : (
            'Balance: loading…'
          )}
        </p>

        <label for="send-to">To</label>
        <input
          id="send-to"
          data-testid="send-to"
          class="mono"
          placeholder="0x… or name.eth"
          spellcheck={false}
          autocomplete="off"
          value={p.to}
          aria-invalid={p.recipientError ? 'true' : 'false'}
          aria-describedby="send-to-error"
          onInput={(e) => p.onTo((e.target as HTMLInputElement).value)}
        />
        <p id="send-to-error" class="field-error error" data-testid="to-error" role={p.recipientError ? 'alert' : undefined}>
          {p.recipientError ?? ''}
        </p>
        {p.toExtras}

        <label for="send-amount">Amount{a ? ` (${a.symbol})` : ''}</label>
        <div class="send-amount">
          <input
            id="send-amount"
            data-testid="send-amount"
            inputMode="decimal"
            placeholder="0.0"
            autocomplete="off"
            value={p.amount}
            aria-invalid={p.amountError ? 'true' : 'false'}
            aria-describedby="send-amount-error"
            onInput={(e) => p.onAmount((e.target as HTMLInputElement).value)}
          />
          <button type="button" data-testid="send-max" onClick={p.onMax} disabled={!a || a.balance === null || p.preparing} title="Everything, minus the most the network fee can be">
            Max
          </button>
        </div>
        <p id="send-amount-error" class="field-error error" data-testid="amount-error" role={p.amountError ? 'alert' : undefined}>
          {p.amountError ?? ''}
        </p>

        {p.live ? (
          <FeeBreakdown fee={p.live.fee} error={p.live.error} stale={p.live.stale} symbol={p.network.nativeCurrency.symbol} price={ethPrice} />
        ) : p.preparing ? (
          <p class="muted fee-missing">Estimating the fee…</p>
        ) : null}
        {p.prepareError && (
          <p class="error" role="alert" data-testid="prepare-error">
            {p.prepareError}
          </p>
        )}
        {p.fundsError && (
          <p class="error" role="alert" data-testid="funds-error">
            {p.fundsError}
          </p>
        )}
        {a && a.balance === null && (p.balanceError || a.unread) && (
          <p class="warn" data-testid="balance-needed">
            The amount and the fee are checked against your {a.symbol} balance, which could not be read: Review waits for it.
          </p>
        )}
        <button type="submit" class="primary block" data-testid="send-review" disabled={!p.canReview}>
          Review
        </button>
      </form>
    </section>
  )
}
