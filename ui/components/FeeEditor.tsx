// The fee of a transaction as the user chooses it, in every approval (the approval window, the send
// screen's confirm, the bridge review and its prove / finalize steps): low / market / aggressive from
// the chain's fee market now (and the site's own suggestion when it set one), an advanced editor for
// the max fee, the priority fee, the gas limit and (where it may change) the nonce, the warnings worth
// a look, and the breakdown (L2 execution + L1 data + operator) of exactly the transaction that will be
// signed, re-quoted every block. A replacement's levels start at its floor (the nodes' minimum) and
// nothing below it can be chosen. The parent gets the edited transaction and the choice to send.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { formatUnits, numberToHex, parseUnits } from 'viem'
import type { FeeQuote, PreparedTx } from '../../src/tx/types.ts'
import { applyFeeChoice, atLeast, belowBaseFee, meetsFloor, timesMarket, FAR_ABOVE_MARKET, type FeeChoice, type FeeFields, type FeeLevelName, type FeeMarket } from '../../src/tx/fee-levels.ts'
import { bg } from '../lib/background.ts'
import { asWalletError } from '../lib/errors.ts'
import { formatAmount } from '../lib/amount.ts'
import { FeeBreakdown, useLive, useLiveFee } from './FeeBreakdown.tsx'
import { l1Of, usePrices, usdPrice } from '../lib/prices.ts'

export interface FeeEdit {
  /** the transaction exactly as it will be signed */
  tx: PreparedTx
  /** what to send to the background (empty: the fees as prepared) */
  choice: FeeChoice
  /** false while a field is unusable or below a replacement's floor: nothing may be signed */
  valid: boolean
  fee: FeeQuote | null
}

interface Props {
  /** the transaction as prepared */
  tx: PreparedTx
  initial?: FeeQuote | null
  initialError?: string | undefined
  /** the fees the site set itself */
  suggested?: FeeFields | undefined
  /** the least a replacement may pay */
  floor?: FeeFields | null | undefined
  /** the nonce may be changed under Advanced (a custom nonce) */
  nonceEditable?: boolean
  /** the gas limit may be changed (not for a cancel) */
  gasEditable?: boolean
  onChange(e: FeeEdit): void
}

type Level = FeeLevelName | 'site' | 'custom'
const LABEL: Record<Level, string> = { low: 'Low', market: 'Market', aggressive: 'Aggressive', site: "Site's", custom: 'Custom' }

/** "2.5 gwei"; below a thousandth of a gwei, in wei (rollup base fees are that small). */
export function gwei(v: bigint | string | undefined): string {
  const n = BigInt(v ?? 0)
  return n > 0n && n < 1_000_000n ? `${n} wei` : formatAmount(n, 9, 'gwei', 3)
}

const exactGwei = (h: string | undefined) => (h === undefined ? '' : formatUnits(BigInt(h), 9))

export function FeeEditor(p: Props) {
  const legacy = p.tx.type === 'legacy'
  const [level, setLevel] = useState<Level>(p.suggested ? 'site' : 'market')
  // untouched: the transaction as prepared (a replacement: as drafted at its floor and the market)
  const [touched, setTouched] = useState(false)
  // a level's fees as they were when it was picked: what is signed does not move under the user's click
  const [picked, setPicked] = useState<FeeFields | null>(null)
  const [custom, setCustom] = useState<{ cap: string; tip: string; gas: string; nonce: string }>(() => ({
    cap: exactGwei(legacy ? p.tx.gasPrice : p.tx.maxFeePerGas),
    tip: exactGwei(p.tx.maxPriorityFeePerGas),
    gas: BigInt(p.tx.gas).toString(),
    nonce: String(p.tx.nonce),
  }))
  const [net, setNet] = useState<{ blockTimeSeconds: number; symbol: string; l1ChainId?: number } | null>(null)
  const book = usePrices()
  const estimateAsked = useRef(false)
  const [estimate, setEstimate] = useState<bigint | null>(null)

  useEffect(() => {
    bg('wallet.networks', {}).then(
      (list) => {
        const n = list.find((x) => x.chainId === p.tx.chainId)
        setNet({ blockTimeSeconds: n?.blockTimeSeconds ?? 12, symbol: n?.nativeCurrency.symbol ?? 'ETH', l1ChainId: l1Of(list, p.tx.chainId) })
      },
      () => setNet({ blockTimeSeconds: 12, symbol: 'ETH' }),
    )
  }, [p.tx.chainId])

  // the market, every block or so; the first read also estimates the transaction's gas
  const market = useLive<FeeMarket>(
    net ? p.tx.chainId : null,
    net
      ? (timeoutMs) => {
          const first = !estimateAsked.current
          estimateAsked.current = true
          return bg('tx.market', first ? { chainId: p.tx.chainId, tx: p.tx } : { chainId: p.tx.chainId }, { timeoutMs }).then((m) => {
            if (first && 'gasEstimate' in m && m.gasEstimate) setEstimate(BigInt(m.gasEstimate))
            return m
          })
        }
      : null,
    null,
    net?.blockTimeSeconds ?? 12,
  ).value

  const fromMarket = (l: FeeLevelName): FeeFields | null => {
    if (!market) return null
    const f = market.levels[l]
    if (legacy) return { gasPrice: f.gasPrice ?? f.maxFeePerGas ?? market.gasPrice }
    return f.maxFeePerGas !== undefined ? f : { maxFeePerGas: market.gasPrice, maxPriorityFeePerGas: market.tip ?? market.gasPrice }
  }
  const lift = (f: FeeFields | null) => (f && p.floor ? atLeast(f, p.floor) : f)

  // the choice as the background will apply it, and what it gives
  const { choice, error } = useMemo((): { choice: FeeChoice; error: string | null } => {
    if (!touched) return { choice: {}, error: null }
    let fees: FeeFields | null = null
    const extra: FeeChoice = {}
    if (level === 'custom') {
      const decimal = /^\d+(\.\d{0,9})?$/
      if (!decimal.test(custom.cap.trim()) || (!legacy && !decimal.test(custom.tip.trim()))) return { choice: {}, error: 'Enter the fees in gwei (a number like 1.5, at most 9 decimals).' }
      const cap = parseUnits(custom.cap.trim(), 9)
      const tip = legacy ? 0n : parseUnits(custom.tip.trim(), 9)
      fees = legacy ? { gasPrice: numberToHex(cap) } : { maxFeePerGas: numberToHex(cap), maxPriorityFeePerGas: numberToHex(tip) }
      if (!/^\d+$/.test(custom.gas.trim())) return { choice: {}, error: 'Enter the gas limit as a whole number.' }
      if (BigInt(custom.gas) !== BigInt(p.tx.gas)) extra.gas = numberToHex(BigInt(custom.gas))
      if (p.nonceEditable) {
        if (!/^\d+$/.test(custom.nonce.trim())) return { choice: {}, error: 'Enter the nonce as a whole number.' }
        if (Number(custom.nonce) !== p.tx.nonce) extra.nonce = Number(custom.nonce)
      }
    } else if (level === 'site') {
      fees = p.suggested ?? null
    } else {
      fees = picked
    }
    if (!fees) return { choice: {}, error: null }
    return { choice: { ...fees, ...extra }, error: null }
  }, [touched, level, custom, picked, legacy])

  const key = JSON.stringify(choice)
  const outcome = useMemo((): { tx: PreparedTx; problem: string | null } => {
    if (error) return { tx: p.tx, problem: error }
    try {
      return { tx: applyFeeChoice(p.tx, choice), problem: null }
    } catch (e) {
      return { tx: p.tx, problem: asWalletError(e).message }
    }
  }, [key, error, p.tx])
  const edited = outcome.tx
  const fields: FeeFields = legacy ? { gasPrice: edited.gasPrice ?? '0x0' } : { maxFeePerGas: edited.maxFeePerGas ?? '0x0', maxPriorityFeePerGas: edited.maxPriorityFeePerGas ?? '0x0' }
  const belowFloor = !!p.floor && !meetsFloor(fields, p.floor)
  const valid = !outcome.problem && !belowFloor
  const live = useLiveFee(net && valid ? edited : null, touched ? null : (p.initial ?? null), net?.blockTimeSeconds ?? 12, touched ? undefined : p.initialError)

  const onChange = useRef(p.onChange)
  onChange.current = p.onChange
  useEffect(() => {
    onChange.current({ tx: edited, choice, valid, fee: valid ? live.fee : null })
  }, [key, valid, live.fee, outcome])

  const pick = (l: Level) => {
    if (l === 'custom') {
      // the advanced fields start from what is chosen now
      setCustom((c) => ({ ...c, cap: exactGwei(legacy ? edited.gasPrice : edited.maxFeePerGas), tip: exactGwei(edited.maxPriorityFeePerGas) }))
    } else if (l !== 'site') setPicked(lift(fromMarket(l)))
    setLevel(l)
    setTouched(true)
  }
  const edit = (field: keyof typeof custom) => (e: Event) => {
    const value = (e.target as HTMLInputElement).value
    if (level !== 'custom') pick('custom')
    setCustom((c) => ({ ...c, [field]: value }))
  }

  const warnings: string[] = []
  const siteTimes = market && p.suggested ? timesMarket(p.suggested, market) : 0n
  if (siteTimes >= FAR_ABOVE_MARKET) warnings.push(`The site suggests about ${siteTimes}× today's market fee.${level === 'site' ? ' Choose Market to pay the usual fee.' : ''}`)
  const mineTimes = market && level === 'custom' ? timesMarket(fields, market) : 0n
  if (mineTimes >= FAR_ABOVE_MARKET) warnings.push(`This is about ${mineTimes}× today's market fee.`)
  if (market && belowBaseFee(fields, market.baseFee)) warnings.push(`Below the next block's base fee (${gwei(market.baseFee)}): it will wait until the base fee falls to it.`)
  const gasEstimate = estimate ?? (p.tx.gasEstimate ? BigInt(p.tx.gasEstimate) : null)
  if (gasEstimate !== null && BigInt(edited.gas) < gasEstimate) warnings.push(`The gas limit is below the estimate (${gasEstimate.toLocaleString('en-US')}): it would likely run out of gas and fail, and still pay its fee.`)

  const levels: Level[] = [...(p.suggested ? (['site'] as const) : []), 'low', 'market', 'aggressive']
  const capOf = (l: Level): string | null => {
    const f = l === 'site' ? (p.suggested ?? null) : l === 'custom' ? null : lift(fromMarket(l))
    return f ? gwei(f.gasPrice ?? f.maxFeePerGas) : null
  }
  const shown: Level = touched ? level : p.suggested ? 'site' : 'market'
  return (
    <div class="fee-editor" data-testid="fee-editor" data-level={touched ? level : 'prepared'}>
      <div class="fee-levels" role="radiogroup" aria-label="Network fee">
        {levels.map((l) => (
          <button key={l} type="button" role="radio" aria-checked={shown === l} class={`fee-level ${shown === l ? 'on' : ''}`} data-testid={`fee-level-${l}`} disabled={l !== 'site' && !market} onClick={() => pick(l)}>
            <span>{LABEL[l]}</span>
            <small>{capOf(l) ?? '…'}</small>
          </button>
        ))}
      </div>
      {valid ? <FeeBreakdown fee={live.fee} error={live.error} stale={live.stale} symbol={net?.symbol ?? 'ETH'} price={net?.l1ChainId !== undefined ? usdPrice(book, net.l1ChainId, 'eth') : null} /> : null}
      {(outcome.problem || belowFloor) && (
        <p class="error fee-problem" role="alert" data-testid="fee-problem">
          {outcome.problem ?? `A replacement must pay at least ${gwei(p.floor!.gasPrice ?? p.floor!.maxFeePerGas)} max fee${p.floor!.maxPriorityFeePerGas ? ` and ${gwei(p.floor!.maxPriorityFeePerGas)} priority fee` : ''} (10% over the one it replaces).`}
        </p>
      )}
      {warnings.map((w) => (
        <p key={w} class="warn fee-warning" data-testid="fee-warning">
          {w}
        </p>
      ))}
      <details class="fee-advanced" data-testid="fee-advanced" open={level === 'custom'}>
        <summary>Advanced{p.nonceEditable ? ': fees, gas limit, nonce' : ': fees, gas limit'}</summary>
        <div class="fee-fields">
          <label>
            {legacy ? 'Gas price (gwei)' : 'Max fee (gwei)'}
            <input inputMode="decimal" data-testid="fee-max" value={level === 'custom' ? custom.cap : exactGwei(legacy ? edited.gasPrice : edited.maxFeePerGas)} onInput={edit('cap')} />
          </label>
          {!legacy && (
            <label>
              Priority fee (gwei)
              <input inputMode="decimal" data-testid="fee-tip" value={level === 'custom' ? custom.tip : exactGwei(edited.maxPriorityFeePerGas)} onInput={edit('tip')} />
            </label>
          )}
          <label>
            Gas limit
            <input inputMode="numeric" data-testid="fee-gas" value={level === 'custom' ? custom.gas : BigInt(edited.gas).toString()} onInput={edit('gas')} disabled={p.gasEditable === false} />
          </label>
          {p.nonceEditable && (
            <label>
              Nonce
              <input inputMode="numeric" data-testid="fee-nonce" value={level === 'custom' ? custom.nonce : String(edited.nonce)} onInput={edit('nonce')} />
            </label>
          )}
        </div>
        {market?.baseFee !== undefined && <p class="muted small-print">Next block's base fee {gwei(market.baseFee)}; the priority fee goes to the block's producer.</p>}
      </details>
    </div>
  )
}
