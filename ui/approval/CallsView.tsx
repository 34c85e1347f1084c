// A batch of calls a site asks to send (EIP-5792 wallet_sendCalls), in one window: every call with
// its decoded meaning, value and the nonce it will take, warnings where a call would fail, and the
// whole fee (L2 execution + L1 data + operator, summed over the calls). The calls go out one after
// another, each once the one before is mined; a failed call stops the rest. The fee level (low /
// market / aggressive) applies to every call: each gets that level of the market when it goes out.
import type { BatchCallView, BatchFeeLevels } from '../../src/approvals/types.ts'
import type { FeeLevelName } from '../../src/tx/fee-levels.ts'
import { gwei } from '../components/FeeEditor.tsx'
import type { FeeQuote } from '../../src/tx/types.ts'
import { formatAmount } from '../lib/amount.ts'
import { shortAddress } from '../lib/format.ts'
import { FeeBreakdown } from '../components/FeeBreakdown.tsx'
import { Callout } from '../components/Alert.tsx'

export function callsTitle(n: number, chainName: string): string {
  return `${n} call${n === 1 ? '' : 's'} on ${chainName}`
}

const LEVELS: [FeeLevelName, string][] = [
  ['low', 'Low'],
  ['market', 'Market'],
  ['aggressive', 'Aggressive'],
]

interface Props {
  calls: BatchCallView[]
  fee: FeeQuote | null
  feeError?: string | undefined
  levels?: BatchFeeLevels | undefined
  level: FeeLevelName
  onLevel(level: FeeLevelName): void
}

export function CallsView({ calls, fee: prepared, feeError, levels, level, onLevel }: Props) {
  const fee = levels?.[level] ? levels[level]!.fee : prepared
  return (
    <>
      <ol class="calls" data-testid="calls">
        {calls.map((c, i) => (
          <li key={i} class="call" data-testid="call">
            <p class="call-head">
              <strong>{c.decoded ? c.decoded.functionName : c.to ? (c.data === '0x' ? 'Send' : 'Contract call') : 'Deploy a contract'}</strong>{' '}
              <span class="muted">{c.to ? `to ${shortAddress(c.to)}` : ''}</span>
              <span class="muted call-nonce">nonce {c.nonce}</span>
            </p>
            {BigInt(c.value) > 0n && <p class="call-value">{formatAmount(c.value, 18, 'ETH', 18)}</p>}
            {c.decoded ? (
              <dl class="details call-args">
                {c.decoded.args.map((a) => (
                  <div class="row" key={a.name}>
                    <dt>{a.name}</dt>
                    <dd class="mono address">{a.value}</dd>
                  </div>
                ))}
              </dl>
            ) : (
              c.data !== '0x' && (
                <details>
                  <summary>
                    Function {c.data.slice(0, 10)}, data {(c.data.length - 2) / 2} bytes
                  </summary>
                  <pre class="message">{c.data}</pre>
                </details>
              )
            )}
            {c.fee && level === 'market' && <p class="muted small">Fee {formatAmount(c.fee.total, 18, 'ETH', 8)}</p>}
            {c.warning && (
              <p class="warn small" data-testid="call-warning">
                {c.warning}
              </p>
            )}
          </li>
        ))}
      </ol>
      <p class="muted small">Sent one after another, each once the one before is mined. If one fails, the rest are not sent.</p>
      {levels && (
        <div class="fee-levels" role="radiogroup" aria-label="Network fee, for every call">
          {LEVELS.filter(([l]) => levels[l]).map(([l, label]) => (
            <button key={l} type="button" role="radio" aria-checked={level === l} class={`fee-level ${level === l ? 'on' : ''}`} data-testid={`fee-level-${l}`} onClick={() => onLevel(l)}>
              <span>{label}</span>
              <small>{gwei(levels[l]!.fields.gasPrice ?? levels[l]!.fields.maxFeePerGas)}</small>
            </button>
          ))}
        </div>
      )}
      <FeeBreakdown fee={fee} error={fee ? undefined : (feeError ?? 'This level could not be quoted.')} />
      {fee && feeError && (
        <Callout tone="info">
          <p>{feeError}</p>
        </Callout>
      )}
    </>
  )
}
