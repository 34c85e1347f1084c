// A transaction before it is signed, kept fresh while on screen: simulated again at every block on
// the chain's own RPC ('simulate.tx'), with its warnings, its effects on the account and, for a
// call the wallet knows, the decoded call with its addresses named; an unknown call shows its data,
// unfolded. Used by the approval window, the send screen's confirm and the flows' review.
import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { Network } from '../../../src/chains/types.ts'
import type { TxInsight } from '../../../src/simulate/types.ts'
import type { PreparedTx } from '../../../src/tx/types.ts'
import { bg } from '../../lib/background.ts'
import { useLive, type Live } from '../FeeBreakdown.tsx'
import { AddressLabel } from './AddressLabel.tsx'
import { Effects } from './Effects.tsx'
import { useNames } from './names.ts'
import { Warnings } from './Warnings.tsx'

type SimTx = Pick<PreparedTx, 'chainId' | 'from' | 'to' | 'value' | 'data'> & PreparedTx

let networks: Promise<Network[]> | null = null
/** The wallet's networks, asked once per page. */
export function useNetworkOf(chainId: number | null): Network | null {
  const [list, setList] = useState<Network[] | null>(null)
  useEffect(() => {
    networks ??= bg('wallet.networks', {}).catch(() => {
      networks = null
      return [] as Network[]
    })
    void networks.then(setList)
  }, [])
  return list?.find((n) => n.chainId === chainId) ?? null
}

/** The insight of `tx`, asked again every block while shown; a new tx (an edited amount) asks at once. */
export function useInsight(tx: SimTx | null, blockTimeSeconds: number): Live<TxInsight> {
  const key = tx ? `${tx.chainId}|${tx.from}|${tx.to}|${tx.value}|${tx.data}|${tx.gas}` : null
  return useLive(key, tx ? (timeoutMs) => bg('simulate.tx', { tx }, { timeoutMs }) : null, null, blockTimeSeconds)
}

export function TxPreview({ tx, live, children }: { tx: SimTx; live: Live<TxInsight>; children?: ComponentChildren }) {
  const network = useNetworkOf(tx.chainId)
  const i = live.value
  const decoded = i?.decoded ?? null
  const argAddresses = decoded?.args.filter((a) => a.type === 'address').map((a) => a.value) ?? []
  const grants = [...(i?.simulation.approvals.map((a) => a.spender) ?? []), ...(i?.simulation.operators.map((o) => o.operator) ?? [])]
  const nameOf = useNames([tx.to, ...argAddresses, ...grants], tx.chainId)
  const symbol = network?.nativeCurrency.symbol ?? 'ETH'
  return (
    <div class="tx-preview" data-testid="tx-preview">
      {i ? <Warnings list={i.warnings} /> : null}
      {children}
      {i ? (
        <Effects insight={i} nativeSymbol={symbol} nameOf={nameOf} stale={live.stale} />
      ) : (
        <p class={live.error ? 'warn' : 'muted'} data-testid="sim-pending">
          {live.error ? `Could not simulate: ${live.error}` : 'Simulating on the network…'}
        </p>
      )}
      {decoded ? (
        <details class="sign-call" data-testid="decoded">
          <summary>
            Call: <span class="mono">{decoded.functionName}</span> <span class="muted small">({decoded.source})</span>
          </summary>
          <p class="mono small sign-sig">{decoded.signature}</p>
          <dl class="details">
            {decoded.args.map((a) => (
              <div class="row" key={a.name}>
                <dt>{a.name}</dt>
                <dd>{a.type === 'address' ? <AddressLabel address={a.value} name={nameOf(a.value)} /> : <span class="mono sign-value">{a.value}</span>}</dd>
              </div>
            ))}
          </dl>
          {decoded.inner && (
            <ol class="sign-inner small">
              {decoded.inner.map((c, n) => (
                <li key={n}>
                  <span class="mono">{c.decoded ? c.decoded.signature : `${c.data.slice(0, 10)}…`}</span>
                  {c.to && (
                    <>
                      {' '}
                      <span class="muted">on</span> <AddressLabel address={c.to} name={null} short />
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
        </details>
      ) : tx.data !== '0x' ? (
        <div class="sign-data" data-testid="raw-data">
          <h2 class="sign-h">Data ({(tx.data.length - 2) / 2} bytes, not decoded)</h2>
          <pre class="message mono">{tx.data}</pre>
        </div>
      ) : null}
    </div>
  )
}
