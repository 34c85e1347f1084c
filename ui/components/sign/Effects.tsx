// What the simulation says the transaction does to the account: balance changes (−0.5 ETH,
// +1.5 TST), approvals and operators granted, NFTs moving, or the revert and its reason; and how it
// was simulated (or that it could not be).
import type { KnownName } from '../../../src/names/service.ts'
import type { TxInsight } from '../../../src/simulate/types.ts'
import { formatAmount } from '../../lib/amount.ts'
import { AddressInline } from './AddressLabel.tsx'
import { TokenMark } from './TokenMark.tsx'

const UNLIMITED = 2n ** 159n

export function Effects({ insight, nativeSymbol, nameOf, stale }: { insight: TxInsight; nativeSymbol: string; nameOf: (a: string) => KnownName | null; stale: boolean }) {
  const s = insight.simulation
  const meta = (a: string) => insight.tokens[a] ?? null
  const nothing = s.status === 'success' && !s.changes.length && !s.approvals.length && !s.operators.length && !s.nfts.length
  return (
    <section class={`sign-effects ${stale ? 'stale' : ''}`} data-testid="effects" data-method={s.method} data-status={s.status} data-stale={stale ? 'true' : 'false'} aria-label="What this transaction does">
      <h2 class="sign-h">What it does{s.method === 'none' ? '' : ' (simulated)'}</h2>
      {s.status === 'reverted' && (
        <p class="sign-revert" data-testid="revert">
          Will fail: <strong>{s.revert?.reason ?? 'no reason given'}</strong>
        </p>
      )}
      {s.changes.length > 0 && (
        <ul class="sign-changes" data-testid="changes">
          {s.changes.map((c) => {
            const m = c.token ? meta(c.token) : null
            const symbol = c.token ? (m?.symbol ?? 'tokens') : nativeSymbol
            const delta = BigInt(c.delta)
            const text = m?.decimals != null || !c.token ? formatAmount(delta < 0n ? -delta : delta, c.token ? m!.decimals! : 18, symbol, 6) : `${(delta < 0n ? -delta : delta).toString()} units of ${symbol}`
            return (
              <li key={c.token ?? 'native'} class={delta < 0n ? 'out' : 'in'} data-testid="change" data-token={c.token ?? 'native'} data-delta={c.delta}>
                <TokenMark symbol={symbol} address={c.token} />
                <span class="sign-amount">{`${delta < 0n ? '−' : '+'}${text}`}</span>
              </li>
            )
          })}
        </ul>
      )}
      {s.nfts.length > 0 && (
        <ul class="sign-changes" data-testid="nfts">
          {s.nfts.map((n, i) => (
            <li key={i} class={n.direction}>
              <TokenMark symbol={meta(n.collection)?.symbol ?? 'NFT'} address={n.collection} />
              <span class="sign-amount">{`${n.direction === 'out' ? '−' : '+'}${n.standard === 'erc1155' ? `${n.amount} × ` : ''}${meta(n.collection)?.symbol ?? 'NFT'} #${n.tokenId}`}</span>
            </li>
          ))}
        </ul>
      )}
      {s.approvals.map((a, i) => {
        const m = meta(a.token)
        const amount = BigInt(a.amount)
        const unlimited = amount >= (a.standard === 'permit2' ? UNLIMITED : 2n ** 255n)
        return (
          <div key={`a${i}`} class="sign-grant" data-testid="grant-approval">
            <p>
              <strong>{amount === 0n ? `Revokes the ${m?.symbol ?? 'token'} allowance` : unlimited ? `Can spend all your ${m?.symbol ?? 'tokens'}` : `Can spend ${m?.decimals != null ? formatAmount(amount, m.decimals, m.symbol ?? '') : `${a.amount} units`}`}</strong>
              {a.standard === 'permit2' && <span class="muted"> through Permit2{a.expiration ? `, until ${new Date(a.expiration * 1000).toLocaleString()}` : ''}</span>}
            </p>
            <p class="small">
              <span class="muted">Spender </span>
              <AddressInline address={a.spender} name={nameOf(a.spender)} />
            </p>
          </div>
        )
      })}
      {s.operators.map((o, i) => (
        <div key={`o${i}`} class="sign-grant" data-testid="grant-operator">
          <p>
            <strong>{o.approved ? `Can move every ${meta(o.collection)?.symbol ?? 'item'} you hold` : `Takes back access to ${meta(o.collection)?.symbol ?? 'the collection'}`}</strong>
          </p>
          <p class="small">
            <span class="muted">Operator </span>
            <AddressInline address={o.operator} name={nameOf(o.operator)} />
          </p>
        </div>
      ))}
      {nothing && <p class="muted" data-testid="no-changes">No token or ETH moves from or to this account, apart from the network fee.</p>}
      <p class="sign-method muted small" data-testid="sim-method">
        {stale ? 'Out of date: the network did not answer the last simulation; retrying every block. ' : ''}
        {s.note}
      </p>
    </section>
  )
}
