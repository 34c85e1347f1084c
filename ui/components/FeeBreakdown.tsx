// A fee as it really is on a rollup: L2 execution + L1 data + operator fee, their total, and the
// most that can be charged. Used by the send screen, the approval window and the bridge screens
// (each step of a bridge cost, src/rollup/bridge-cost.ts, carries a FeeQuote to show here).
// LiveFeeBreakdown / useLiveFee re-quote the same transaction at every block while the screen is
// open ('tx.quote', a passive call: it does not hold the auto-lock off) and mark the figures stale
// when the last good quote is older than about two blocks or the RPC failed.
import { useEffect, useRef, useState } from 'preact/hooks'
import type { FeeQuote, PreparedTx } from '../../src/tx/types.ts'
import { bg } from '../lib/background.ts'
import { asWalletError } from '../lib/errors.ts'
import { formatAmount, formatExact, type UsdPrice } from '../lib/amount.ts'
import { l1Of, usePrices, usdPrice } from '../lib/prices.ts'
import { Fiat } from './Amount.tsx'

export function FeeBreakdown({ fee, symbol = 'ETH', error, stale, price }: { fee: FeeQuote | null; symbol?: string; error?: string | undefined; stale?: boolean; price?: UsdPrice | null }) {
  if (!fee) {
    return (
      <p class={`fee-missing ${error ? 'warn' : 'muted'}`} data-testid="fee-missing">
        {error ? `The fee could not be estimated: ${error}` : 'Estimating the fee…'}
      </p>
    )
  }
  // an L1 part exists on OP Stack chains (data fee) and on Arbitrum (its L1 component)
  const rollup = fee.opStack || fee.l1Data !== '0'
  const rows: [string, string, string][] = [[rollup ? 'L2 execution' : 'Execution', 'execution', fee.execution]]
  if (rollup) rows.push(['L1 data', 'l1', fee.l1Data])
  if (fee.operator !== '0') rows.push(['Operator', 'operator', fee.operator])
  return (
    <dl class={`fee ${stale ? 'stale' : ''}`} data-testid="fee" data-stale={stale ? 'true' : 'false'}>
      {rows.map(([label, key, wei]) => (
        <div class="fee-row" key={key} data-fee={key}>
          <dt>{label}</dt>
          <dd title={formatExact(wei, 18, symbol)}>{formatAmount(wei, 18, symbol)}</dd>
        </div>
      ))}
      <div class="fee-row fee-total" data-fee="total">
        <dt>Network fee</dt>
        <dd title={formatExact(fee.total, 18, symbol)}>
          {formatAmount(fee.total, 18, symbol)}
          <Fiat value={fee.total} decimals={18} price={price} prefix=" ≈ " class="muted" testid="fee-fiat" />
        </dd>
      </div>
      <div class="fee-row fee-max" data-fee="max">
        <dt title="The most this transaction can be charged: its gas limit at the fee cap, plus room for the L1 fee to rise">At most</dt>
        <dd title={formatExact(fee.max, 18, symbol)}>{formatAmount(fee.max, 18, symbol)}</dd>
      </div>
      {stale && (
        <p class="fee-note warn" data-testid="fee-stale">
          Out of date: the network did not answer; retrying every block.
        </p>
      )}
    </dl>
  )
}

export interface LiveFee {
  fee: FeeQuote | null
  error: string | undefined
  stale: boolean
}

/** Re-quotes `tx` every block; stale when the last good quote is older than ~2 blocks or the last try failed. */
export function useLiveFee(tx: PreparedTx | null, initial: FeeQuote | null, blockTimeSeconds: number, initialError?: string): LiveFee {
  const live = useLive(tx, tx ? (timeoutMs) => bg('tx.quote', { tx }, { timeoutMs }).then((r) => r.fee) : null, initial, blockTimeSeconds, initialError)
  return { fee: live.value, error: live.error, stale: live.stale }
}

export interface Live<T> {
  value: T | null
  error: string | undefined
  stale: boolean
}

/**
 * Any figure that follows the chain (a fee, a bridge cost): `fetch` runs every block while the
 * screen is open (at once without an `initial` value), a new `key` (or `initial`) restarts the loop;
 * stale when the last good answer is older than ~2 blocks or the last try failed.
 */
export function useLive<T>(key: unknown, fetch: ((timeoutMs: number) => Promise<T>) | null, initial: T | null, blockTimeSeconds: number, initialError?: string): Live<T> {
  const [value, setValue] = useState<T | null>(initial)
  const [error, setError] = useState<string | undefined>(initialError)
  const [failed, setFailed] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const lastOk = useRef(initial ? Date.now() : 0)
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const periodMs = Math.min(12_000, Math.max(1_000, blockTimeSeconds * 1000))

  useEffect(() => {
    setValue(initial)
    setError(initialError)
    setFailed(false)
    lastOk.current = initial ? Date.now() : 0
    if (!fetchRef.current) return
    let alive = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      try {
        const next = await fetchRef.current!(Math.max(5_000, periodMs * 2))
        if (!alive) return
        lastOk.current = Date.now()
        setValue(next)
        setError(undefined)
        setFailed(false)
      } catch (e) {
        if (!alive) return
        setFailed(true)
        if (!lastOk.current) setError(asWalletError(e).message)
      }
      if (alive && fetchRef.current) timer = setTimeout(tick, periodMs)
    }
    timer = setTimeout(tick, initial ? periodMs : 0)
    const clock = setInterval(() => setNow(Date.now()), 1000)
    return () => {
      alive = false
      clearTimeout(timer)
      clearInterval(clock)
    }
    // a new subject (or a new first value) restarts the loop
  }, [key, initial, periodMs])

  const old = lastOk.current > 0 && now - lastOk.current > periodMs * 2.5
  return { value, error, stale: !!value && (failed || old) }
}

/** The breakdown of a prepared transaction, kept fresh while shown (approval window, bridge screens). */
export function LiveFeeBreakdown({ tx, initial, initialError, blockTimeSeconds, symbol }: { tx: PreparedTx; initial: FeeQuote | null; initialError?: string | undefined; blockTimeSeconds?: number; symbol?: string }) {
  const [net, setNet] = useState<{ blockTimeSeconds: number; symbol: string; l1ChainId?: number } | null>(blockTimeSeconds ? { blockTimeSeconds, symbol: symbol ?? 'ETH' } : null)
  const book = usePrices()
  useEffect(() => {
    bg('wallet.networks', {}).then(
      (list) => {
        const n = list.find((x) => x.chainId === tx.chainId)
        setNet({ blockTimeSeconds: blockTimeSeconds ?? n?.blockTimeSeconds ?? 12, symbol: symbol ?? n?.nativeCurrency.symbol ?? 'ETH', l1ChainId: l1Of(list, tx.chainId) })
      },
      () => setNet((cur) => cur ?? { blockTimeSeconds: 12, symbol: 'ETH' }),
    )
  }, [tx.chainId])
  // no quoting before the block time is known: the loop would restart when it arrives
  const live = useLiveFee(net ? tx : null, initial, net?.blockTimeSeconds ?? 12, initialError)
  const price = net?.l1ChainId !== undefined ? usdPrice(book, net.l1ChainId, 'eth') : null
  return <FeeBreakdown fee={live.fee} error={live.error} stale={live.stale} symbol={net?.symbol ?? symbol ?? 'ETH'} price={price} />
}
