// One request, by kind: what the site asks for, in words, with the details a careful user checks.
import { useState } from 'preact/hooks'
import type { PendingApproval } from '../../src/approvals/types.ts'
import type { WalletState } from '../../src/wallet/wallet.ts'
import { formatAmount } from '../lib/amount.ts'
import { shortAddress } from '../lib/format.ts'
import { LiveFeeBreakdown } from '../components/FeeBreakdown.tsx'
import { Callout } from '../components/Alert.tsx'
import { sameAddress } from '../../src/util/address.ts'
import { CallsView, callsTitle } from './CallsView.tsx'
import { SafeText } from '../components/SafeText.tsx'
import { DISPLAY_LIMITS, safeText } from '../../src/util/display.ts'
import { useApprovalGate } from './useApprovalGate.ts'
import { RpcUrlList } from './RpcUrlList.tsx'

interface Props {
  approval: PendingApproval
  state: WalletState
  busy: boolean
  onDecide: (approved: boolean, extra?: { accounts?: string[] }) => void
}

export function RequestView({ approval, state, busy, onDecide }: Props) {
  const r = approval.request
  const visible = state.accounts.filter((a) => !a.hidden)
  const [chosen, setChosen] = useState<string[]>(() => (state.selected ? [state.selected] : visible.slice(0, 1).map((a) => a.address)))
  const nameOf = (address: string) => state.accounts.find((a) => sameAddress(a.address, address))?.name ?? shortAddress(address)
  // the buttons wait until this request has been in view for a moment (a new request starts over)
  const gate = useApprovalGate(approval.id)

  let title = ''
  let approveLabel = 'Approve'
  let body = null
  switch (r.kind) {
    case 'connect':
      title = 'Connect to this site?'
      approveLabel = 'Connect'
      body = (
        <fieldset class="accounts-pick">
          <legend>The site will see these accounts' addresses and balances, and can ask you to sign or send with them.</legend>
          {visible.map((a) => (
            <label key={a.address} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(a.address)}
                onChange={(e) => setChosen((c) => ((e.target as HTMLInputElement).checked ? [...c, a.address] : c.filter((x) => x !== a.address)))}
              />
              <span>{a.name}</span> <span class="mono muted">{shortAddress(a.address)}</span>
            </label>
          ))}
        </fieldset>
      )
      break
    case 'switchChain':
      title = `Switch to ${safeText(r.chainName)}?`
      approveLabel = 'Switch network'
      body = (
        <p>
          The site asks to use <SafeText value={r.chainName} /> (chain {r.chainId}). Only this site changes network; other sites and the wallet keep theirs. It may switch to it again without asking.
        </p>
      )
      break
    case 'addChain':
      title = 'Add a network?'
      approveLabel = 'Add and use here'
      body = (
        <>
          <dl class="details">
            <Row k="Name" v={r.network.name} />
            <Row k="Chain ID" v={`${r.network.chainId}`} />
            <Row k="Currency" v={r.network.nativeCurrency.symbol} />
            {r.network.explorerUrl && <Row k="Explorer" v={r.network.explorerUrl} mono />}
          </dl>
          <p class="muted">RPC URLs, each asked for its chain ID:</p>
          <RpcUrlList network={r.network} checks={r.rpcChecks} />
          {r.opStack && (
            <Callout tone="info" title="OP Stack rollup detected">
              <p>This chain has the OP Stack fee oracle: fees will include the L1 data fee.</p>
            </Callout>
          )}
          <Callout title="Only add networks you trust">
            <p>The RPC operator sees your addresses and can show false balances.</p>
          </Callout>
        </>
      )
      break
    case 'personalSign':
      title = 'Sign this message?'
      approveLabel = 'Sign'
      body = (
        <>
          <AccountLine label="Signing with" name={nameOf(r.address)} address={r.address} />
          <pre class="message" data-testid="message">
            <SafeText value={r.text ?? r.message} max={DISPLAY_LIMITS.message} multiline />
          </pre>
          {r.text === null && <p class="muted">The message is not readable text; it is shown as hex.</p>}
        </>
      )
      break
    case 'typedData': {
      const td = r.typedData as { domain?: Record<string, unknown>; primaryType?: string; message?: unknown }
      title = r.method === 'eth_signTypedData_v3' ? 'Sign typed data (v3)?' : 'Sign typed data?'
      approveLabel = 'Sign'
      body = (
        <>
          <AccountLine label="Signing with" name={nameOf(r.address)} address={r.address} />
          <dl class="details">
            {td.domain?.name !== undefined && <Row k="Domain" v={`${String(td.domain.name)}${td.domain.version !== undefined ? ` v${String(td.domain.version)}` : ''}`} />}
            {r.domainChainId !== null && <Row k="Chain" v={String(r.domainChainId)} />}
            {typeof td.domain?.verifyingContract === 'string' && <Row k="Contract" v={td.domain.verifyingContract} mono />}
            <Row k="Type" v={String(td.primaryType)} />
          </dl>
          <pre class="message" data-testid="message">
            <SafeText value={JSON.stringify(td.message, null, 2)} max={DISPLAY_LIMITS.message} multiline />
          </pre>
        </>
      )
      break
    }
    case 'sendTx': {
      const tx = r.tx
      const chainName = safeText(r.chainName)
      title = r.decoded ? `${r.decoded.functionName} on ${chainName}` : tx.to ? `Send on ${chainName}` : `Deploy a contract on ${chainName}`
      approveLabel = 'Confirm'
      body = (
        <>
          <AccountLine label="From" name={nameOf(tx.from)} address={tx.from} />
          <dl class="details">
            <Row k="To" v={tx.to ?? 'new contract'} mono testId="tx-to" />
            <Row k="Amount" v={formatAmount(tx.value, 18, 'ETH', 18)} testId="tx-value" />
            <Row k="Network" v={`${r.chainName} (${tx.chainId})`} />
            <Row k="Nonce" v={tx.keepNonce ? `${tx.nonce} (set by the site)` : `${tx.nonce} (the account's next)`} testId="tx-nonce" />
          </dl>
          {r.decoded ? (
            <div class="decoded" data-testid="decoded">
              <p class="mono">{r.decoded.signature}</p>
              <dl class="details">
                {r.decoded.args.map((a) => (
                  <Row key={a.name} k={a.name} v={a.value} mono />
                ))}
              </dl>
              <p class="muted small">Decoded with the {r.decoded.source} ABI.</p>
            </div>
          ) : (
            tx.data !== '0x' && (
              <details>
                <summary>Data ({(tx.data.length - 2) / 2} bytes)</summary>
                <pre class="message">{tx.data}</pre>
              </details>
            )
          )}
          <LiveFeeBreakdown key={approval.id} tx={tx} initial={r.fee} initialError={r.feeError} />
        </>
      )
      break
    }
    case 'sendCalls':
      title = callsTitle(r.calls.length, r.chainName)
      approveLabel = `Confirm ${r.calls.length} call${r.calls.length === 1 ? '' : 's'}`
      body = (
        <>
          <AccountLine label="From" name={nameOf(r.from)} address={r.from} />
          <CallsView calls={r.calls} fee={r.fee} feeError={r.feeError} />
        </>
      )
      break
    case 'watchAsset':
      title = `Add ${safeText(r.symbol, { max: DISPLAY_LIMITS.symbol })} to your tokens?`
      approveLabel = 'Add token'
      body = (
        <dl class="details">
          <Row k="Symbol" v={r.symbol} />
          {r.name && <Row k="Name" v={r.name} />}
          <Row k="Decimals" v={String(r.decimals)} />
          <Row k="Address" v={r.address} mono />
          <Row k="Chain" v={String(r.chainId)} />
        </dl>
      )
      break
  }
  const disabled = busy || !gate.ready || (r.kind === 'connect' && chosen.length === 0)
  return (
    <section ref={gate.ref as never} data-ready={gate.ready ? 'yes' : 'no'}>
      <h1>{title}</h1>
      {body}
      <div class="decide">
        <button onClick={() => onDecide(false)} disabled={busy || !gate.ready} data-testid="reject">
          Reject
        </button>
        <button class="primary" onClick={() => onDecide(true, r.kind === 'connect' ? { accounts: chosen } : {})} disabled={disabled} data-testid="approve">
          {busy ? 'Working…' : approveLabel}
        </button>
      </div>
    </section>
  )
}

function Row({ k, v, mono, testId }: { k: string; v: string; mono?: boolean; testId?: string }) {
  return (
    <div class="row">
      <dt>{k}</dt>
      <dd class={mono ? 'mono address' : ''} data-testid={testId}>
        <SafeText value={v} max={300} />
      </dd>
    </div>
  )
}

function AccountLine({ label, name, address }: { label: string; name: string; address: string }) {
  return (
    <p class="account-line">
      <span class="muted">{label}</span> <strong>{name}</strong> <span class="mono muted">{shortAddress(address)}</span>
    </p>
  )
}
