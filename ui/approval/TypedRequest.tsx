// An eth_signTypedData_v4 request: a permit named as what it is (the spender, each token and amount,
// the deadline as a date, its warnings), the domain checked by the background before the window
// opened, and the whole message as a readable tree.
import { useEffect, useState } from 'preact/hooks'
import type { TypedInsight } from '../../src/typed/service.ts'
import type { TreeNode } from '../../src/typed/describe.ts'
import { bg } from '../lib/background.ts'
import { asWalletError } from '../lib/errors.ts'
import { formatAmount } from '../lib/amount.ts'
import { AddressLabel } from '../components/sign/AddressLabel.tsx'
import { useNames } from '../components/sign/names.ts'
import { TokenMark } from '../components/sign/TokenMark.tsx'
import { Warnings } from '../components/sign/Warnings.tsx'

const UNLIMITED = 2n ** 159n
const when = (s: number | null) => (s === null || s > 253402300799 ? 'never' : new Date(s * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }))

export function TypedRequest({ approvalId, onTitle }: { approvalId: string; onTitle: (t: string) => void }) {
  const [insight, setInsight] = useState<TypedInsight | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    bg('typed.describe', { approvalId }).then(
      (i) => {
        setInsight(i)
        const p = i.permit
        onTitle(p ? (p.kind === 'permit2-transfer' ? 'Sign a transfer permit?' : p.revokes ? 'Sign a permit that revokes?' : 'Sign a spending permit?') : 'Sign typed data?')
      },
      (e) => setError(asWalletError(e).message),
    )
  }, [approvalId])
  const p = insight?.permit ?? null
  const addresses = [p?.spender, insight?.domain.verifyingContract, ...collect(insight?.tree ?? [])]
  const nameOf = useNames(addresses, insight?.domain.chainId ? Number(insight.domain.chainId) : undefined)
  if (error) return <p class="error">{error}</p>
  if (!insight) return <p class="muted">Reading the request…</p>
  return (
    <>
      <Warnings list={insight.warnings} />
      {p && (
        <section class="sign-permit" data-testid="permit" data-kind={p.kind}>
          <dl class="details">
            <div class="row">
              <dt>Spender</dt>
              <dd data-testid="permit-spender">
                <AddressLabel address={p.spender} name={nameOf(p.spender)} />
                {insight.spenderIsEoa && <span class="sign-badge danger"> not a contract</span>}
              </dd>
            </div>
            {p.items.map((item) => {
              const m = insight.tokens[item.token]
              const amount = BigInt(item.amount)
              return (
                <div class="row" key={item.token}>
                  <dt>{p.kind === 'permit2-transfer' ? 'Can take' : 'Can spend'}</dt>
                  <dd data-testid="permit-amount">
                    <TokenMark symbol={m?.symbol ?? '?'} address={item.token} /> {amount >= UNLIMITED ? `all your ${m?.symbol ?? 'tokens'} (unlimited)` : m?.decimals != null ? formatAmount(amount, m.decimals, m.symbol ?? '') : `${item.amount} units of ${item.token}`}
                  </dd>
                </div>
              )
            })}
            <div class="row">
              <dt>Signature valid until</dt>
              <dd data-testid="permit-deadline">{when(p.deadline)}</dd>
            </div>
            {p.expiration !== undefined && (
              <div class="row">
                <dt>Allowance expires</dt>
                <dd data-testid="permit-expiration">{p.expiration === 0 ? 'at once' : when(p.expiration)}</dd>
              </div>
            )}
          </dl>
        </section>
      )}
      <dl class="details" data-testid="typed-domain">
        {insight.domain.name !== undefined && (
          <div class="row">
            <dt>App</dt>
            <dd>
              {insight.domain.name}
              {insight.domain.version !== undefined ? ` v${insight.domain.version}` : ''}
            </dd>
          </div>
        )}
        {insight.domain.chainId !== undefined && (
          <div class="row">
            <dt>Chain</dt>
            <dd>{insight.domain.chainId}</dd>
          </div>
        )}
        {insight.domain.verifyingContract && (
          <div class="row">
            <dt>Contract</dt>
            <dd>
              <AddressLabel address={insight.domain.verifyingContract} name={nameOf(insight.domain.verifyingContract)} />
            </dd>
          </div>
        )}
        <div class="row">
          <dt>Type</dt>
          <dd class="mono">{insight.primaryType}</dd>
        </div>
      </dl>
      <details class="sign-tree-box" open={!p}>
        <summary>The whole message</summary>
        <Tree nodes={insight.tree} nameOf={nameOf} />
      </details>
    </>
  )
}

function Tree({ nodes, nameOf }: { nodes: TreeNode[]; nameOf: ReturnType<typeof useNames> }) {
  return (
    <ul class="sign-tree" data-testid="typed-tree">
      {nodes.map((n, i) => (
        <li key={i}>
          <span class="sign-tree-key">{n.name}</span> <span class="muted small">{n.type}</span>
          {n.children ? (
            <Tree nodes={n.children} nameOf={nameOf} />
          ) : n.type === 'address' && n.value ? (
            <div>
              <AddressLabel address={n.value} name={nameOf(n.value)} />
            </div>
          ) : (
            <div class="mono sign-value">{n.value}</div>
          )}
        </li>
      ))}
    </ul>
  )
}

function collect(nodes: TreeNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? collect(n.children) : n.type === 'address' && n.value ? [n.value] : []))
}
