// One request, by kind: what the site asks for, in words, with the details a careful user checks.
// Transactions, messages and typed data have their own views (./TxRequest.tsx, ./MessageRequest.tsx,
// ./TypedRequest.tsx), which say when Approve may be pressed (./gate.ts).
import { useState } from 'preact/hooks'
import type { PendingApproval } from '../../src/approvals/types.ts'
import type { WalletState } from '../../src/wallet/wallet.ts'
import { shortAddress } from '../lib/format.ts'
import { Callout } from '../components/Alert.tsx'
import { sameAddress } from '../../src/util/address.ts'
import { OPEN, type Gate } from './gate.ts'
import { MessageRequest } from './MessageRequest.tsx'
import { TxRequest } from './TxRequest.tsx'
import { TypedRequest } from './TypedRequest.tsx'
import { ReplaceView, replaceTitle } from './ReplaceView.tsx'
import type { FeeEdit } from '../components/FeeEditor.tsx'
import type { FeeChoice, FeeLevelName } from '../../src/tx/fee-levels.ts'
import { CallsView, callsTitle } from './CallsView.tsx'
import { SafeText } from '../components/SafeText.tsx'
import { DISPLAY_LIMITS, safeText } from '../../src/util/display.ts'
import { useApprovalGate } from './useApprovalGate.ts'
import { RpcUrlList } from './RpcUrlList.tsx'

interface Props {
  approval: PendingApproval
  state: WalletState
  busy: boolean
  onDecide: (approved: boolean, extra?: { accounts?: string[]; approveAmount?: string; fees?: FeeChoice; feeLevel?: FeeLevelName }) => void
}

export function RequestView({ approval, state, busy, onDecide }: Props) {
  const r = approval.request
  const visible = state.accounts.filter((a) => !a.hidden)
  const [chosen, setChosen] = useState<string[]>(() => (state.selected ? [state.selected] : visible.slice(0, 1).map((a) => a.address)))
  const nameOf = (address: string) => state.accounts.find((a) => sameAddress(a.address, address))?.name ?? shortAddress(address)
  // what the request's own view allows (a message read to its end, a valid fee and amount, a failing call insisted on)
  const [gate, setGate] = useState<Gate>(OPEN)
  // the buttons wait until this request has been in view for a moment (a new request starts over)
  const shown = useApprovalGate(approval.id)
  // the fees chosen for the wallet's own replacement (speed up, cancel, send again)
  const [edit, setEdit] = useState<FeeEdit | null>(null)
  const [typedTitle, setTypedTitle] = useState('Sign typed data?')
  const [batchLevel, setBatchLevel] = useState<FeeLevelName>('market')

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
          <MessageRequest message={r.message} onGate={setGate} />
        </>
      )
      break
    case 'typedData':
      title = r.method === 'eth_signTypedData_v3' ? typedTitle.replace(/\?$/, ' (v3)?') : typedTitle
      approveLabel = 'Sign'
      body = (
        <>
          <AccountLine label="Signing with" name={nameOf(r.address)} address={r.address} />
          <TypedRequest approvalId={approval.id} onTitle={setTypedTitle} />
        </>
      )
      break
    case 'sendTx':
      title = ''
      approveLabel = 'Confirm'
      body = <TxRequest key={approval.id} request={r} accountName={nameOf(r.tx.from)} onGate={setGate} />
      break
    case 'replaceTx':
      title = replaceTitle(r)
      approveLabel = r.mode === 'speedUp' ? 'Speed up' : r.mode === 'cancel' ? 'Cancel it' : 'Send again'
      body = <ReplaceView r={r} id={approval.id} onEdit={setEdit} />
      break
    case 'sendCalls':
      title = callsTitle(r.calls.length, r.chainName)
      approveLabel = `Confirm ${r.calls.length} call${r.calls.length === 1 ? '' : 's'}`
      body = (
        <>
          <AccountLine label="From" name={nameOf(r.from)} address={r.from} />
          <CallsView calls={r.calls} fee={r.fee} feeError={r.feeError} levels={r.levels} level={batchLevel} onLevel={setBatchLevel} />
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
  const gated = r.kind === 'personalSign' || r.kind === 'sendTx'
  const disabled = busy || !shown.ready || (r.kind === 'connect' && chosen.length === 0) || (gated && !gate.ok) || (r.kind === 'replaceTx' && edit !== null && !edit.valid)
  return (
    <section ref={shown.ref as never} data-ready={shown.ready ? 'yes' : 'no'}>
      {title && <h1>{title}</h1>}
      {body}
      {gated && !gate.ok && gate.why && (
        <p class="muted small decide-why" data-testid="approve-why">
          {gate.why}
        </p>
      )}
      <div class="decide">
        <button onClick={() => onDecide(false)} disabled={busy || !shown.ready} data-testid="reject">
          Reject
        </button>
        <button class="primary" onClick={() => onDecide(true, r.kind === 'connect' ? { accounts: chosen } : gated ? (gate.extra ?? {}) : r.kind === 'replaceTx' && edit ? { fees: edit.choice } : r.kind === 'sendCalls' ? { feeLevel: batchLevel } : {})} disabled={disabled} data-testid="approve">
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
