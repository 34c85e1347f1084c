// Networks: every network the wallet reads from, grouped as an L1 with its rollups, each with its
// RPC URLs in fallback order (editable); add an OP Stack rollup from its portal; remove one you
// added. No figure in the wallet comes from anywhere else.
import { SafeText } from '../../components/SafeText.tsx'
import { useEffect, useState } from 'preact/hooks'
import { families, l1ChainOf } from '../../../src/chains/family.ts'
import type { Network } from '../../../src/chains/types.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { Outcome, useAction } from './action.tsx'
import { Page } from '../Page.tsx'
import { RpcUrls, type NetworkEntry } from './RpcUrls.tsx'
import { AddRollup } from './AddRollup.tsx'

const SOURCE: Record<Network['source'], string> = { builtin: 'shipped', devnet: 'local devnet', user: 'added by you' }

export function Networks() {
  const [list, setList] = useState<NetworkEntry[] | null>(null)
  const { error, note, setError, setNote, run } = useAction()

  useEffect(() => {
    bg('networks.list', {}).then(setList, (e) => setError(asWalletError(e).message))
  }, [])

  const remove = (n: Network) =>
    run(async () => {
      setList(await bg('networks.remove', { chainId: n.chainId }))
      setNote(`${n.name} removed.`)
    })

  const networks = list?.map((e) => e.network) ?? []
  const byId = new Map(networks.map((n) => [n.chainId, n]))
  return (
    <Page title="Networks" wide>
      <p>
        Every balance and fee the wallet shows is read from these RPC nodes, nowhere else. Give a network several URLs and the wallet tries them in order, moving to the next
        when one fails.
      </p>
      <Outcome error={error} note={note} />
      {!list ? (
        <p class="muted">Loading…</p>
      ) : (
        families(networks).map((l1Id) => {
          const l1 = byId.get(l1Id)
          const members = list.filter((e) => l1ChainOf(e.network) === l1Id || e.network.chainId === l1Id)
          return (
            <section key={l1Id} class="network-family" aria-label={`${l1?.name ?? `Chain ${l1Id}`} and its rollups`}>
              <h2>{l1 ? `${l1.name} and its rollups` : `Chain ${l1Id}`}</h2>
              {members.map((e) => (
                <details key={e.network.chainId} class="network" data-testid={`network-${e.network.chainId}`}>
                  <summary>
                    <span class="network-name">
                      <SafeText value={e.network.name} />
                    </span>
                    <span class="network-badges">
                      <span class="badge">{e.network.chainId}</span>
                      <span class="badge">{e.network.rollup ? `rollup of ${byId.get(e.network.rollup.l1ChainId)?.name ?? e.network.rollup.l1ChainId}` : 'L1'}</span>
                      <span class="badge">{SOURCE[e.network.source]}</span>
                      {e.customRpc && <span class="badge accent">your RPC</span>}
                    </span>
                    <span class="mono muted network-first-url">{e.network.rpcUrls[0]}</span>
                  </summary>
                  {e.network.rollup && (
                    <p class="muted small-print mono">
                      portal {e.network.rollup.portal}
                      {e.network.rollup.l1StandardBridge ? ` · bridge ${e.network.rollup.l1StandardBridge}` : ''}
                    </p>
                  )}
                  <RpcUrls entry={e} onSaved={setList} />
                  {e.network.source === 'user' && (
                    <button type="button" class="link danger-link" onClick={() => void remove(e.network)}>
                      Remove {e.network.name}
                    </button>
                  )}
                </details>
              ))}
            </section>
          )
        })
      )}
      <h2 id="add-rollup">Add an OP Stack rollup</h2>
      <p class="muted">
        Only its portal address on L1 is needed: the wallet reads its SystemConfig, bridge, messenger and dispute game factory or output oracle from L1, and checks that the L2
        RPC belongs to that rollup.
      </p>
      {list && (
        <AddRollup
          l1s={networks.filter((n) => !n.rollup)}
          known={networks}
          onAdded={(n) => {
            setNote(`${n.name} (chain ${n.chainId}) added.`)
            bg('networks.list', {}).then(setList, () => undefined)
          }}
        />
      )}
    </Page>
  )
}
