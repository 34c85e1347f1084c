// Add an OP Stack rollup from its portal address on L1: the wallet reads the rest from L1 and
// checks the L2 RPC against it, shows what it found and every check, and adds it only when
// nothing contradicts.
import { useState } from 'preact/hooks'
import type { DiscoveredRollup } from '../../../src/chains/discover.ts'
import type { Network } from '../../../src/chains/types.ts'
import { bg } from '../../lib/background.ts'
import { Outcome, useAction } from './action.tsx'

export function AddRollup({ l1s, known, onAdded }: { l1s: Network[]; known: Network[]; onAdded: (n: Network) => void }) {
  const [l1ChainId, setL1] = useState(l1s[0]?.chainId ?? 1)
  const [portal, setPortal] = useState('')
  const [rpc, setRpc] = useState('')
  const [name, setName] = useState('')
  const [explorer, setExplorer] = useState('')
  const [found, setFound] = useState<DiscoveredRollup | null>(null)
  const { busy, error, run } = useAction()

  const check = () => run(async () => setFound(await bg('networks.discover', { l1ChainId, portal: portal.trim(), ...(rpc.trim() ? { l2RpcUrl: rpc.trim() } : {}) })))
  const add = () =>
    run(async () => {
      const n = await bg('networks.addRollup', { l1ChainId, portal: portal.trim(), l2RpcUrl: rpc.trim(), name: name.trim(), ...(explorer.trim() ? { explorerUrl: explorer.trim() } : {}) })
      setFound(null)
      setPortal('')
      setRpc('')
      setName('')
      setExplorer('')
      onAdded(n)
    })
  const already = found?.l2ChainId != null ? known.find((n) => n.chainId === found.l2ChainId && n.source !== 'user') : undefined
  const edit = (set: (v: string) => void) => (e: Event) => {
    set((e.currentTarget as HTMLInputElement).value)
    setFound(null)
  }

  return (
    <form
      class="add-rollup"
      onSubmit={(e) => {
        e.preventDefault()
        void check()
      }}
    >
      <div class="form-grid">
        <label for="ar-l1">Settles to</label>
        <select id="ar-l1" value={String(l1ChainId)} onChange={(e) => setL1(Number((e.currentTarget as HTMLSelectElement).value))}>
          {l1s.map((n) => (
            <option key={n.chainId} value={String(n.chainId)}>
              {n.name} ({n.chainId})
            </option>
          ))}
        </select>
        <label for="ar-portal">OptimismPortal address on L1</label>
        <input id="ar-portal" class="mono" required placeholder="0x…" value={portal} onInput={edit(setPortal)} autoComplete="off" spellcheck={false} />
        <label for="ar-rpc">L2 RPC URL</label>
        <input id="ar-rpc" type="url" required placeholder="https://…" value={rpc} onInput={edit(setRpc)} />
        <label for="ar-name">Name</label>
        <input id="ar-name" required placeholder="My rollup" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
        <label for="ar-explorer">Block explorer (optional)</label>
        <input id="ar-explorer" type="url" placeholder="https://explorer…" value={explorer} onInput={(e) => setExplorer((e.currentTarget as HTMLInputElement).value)} />
      </div>
      <div class="actions">
        <button type="submit" disabled={busy || !portal.trim()} data-testid="discover">
          {busy && !found ? 'Reading L1…' : 'Check'}
        </button>
      </div>
      <Outcome error={error} />
      {found && (
        <div class="discovered" data-testid="discovered">
          <h3>{found.l2ChainId !== null ? `Chain ${found.l2ChainId}` : 'Chain id unknown'}</h3>
          <dl class="contracts">
            <Row label="SystemConfig" value={found.systemConfig} />
            <Row label="L1StandardBridge" value={found.l1StandardBridge} />
            <Row label="L1CrossDomainMessenger" value={found.l1CrossDomainMessenger} />
            {found.disputeGameFactory && <Row label="DisputeGameFactory" value={found.disputeGameFactory} />}
            {found.l2OutputOracle && <Row label="L2OutputOracle" value={found.l2OutputOracle} />}
          </dl>
          <ul class="checks">
            {found.checks.map((c) => (
              <li key={c.id} class={c.ok === true ? 'ok' : c.ok === false ? 'error' : 'warn'} data-check={c.id}>
                <span aria-hidden="true">{c.ok === true ? '✓' : c.ok === false ? '✗' : '?'}</span> {c.text}
              </li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" class="primary" disabled={busy || !found.ok || !found.l2 || !name.trim() || !!already} onClick={() => void add()} data-testid="add-rollup">
              Add {name.trim() || 'rollup'}
            </button>
          </div>
          {already && <p class="warn small-print">Chain {already.chainId} is already in the wallet as {already.name}.</p>}
          {!found.l2 && <p class="muted small-print">Give the L2 RPC URL: the wallet checks it against L1 before adding.</p>}
        </div>
      )}
    </form>
  )
}

function Row({ label, value }: { label: string; value: string | null }) {
  return (
    <>
      <dt>{label}</dt>
      <dd class="mono">{value ?? '—'}</dd>
    </>
  )
}
