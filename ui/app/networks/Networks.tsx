// Networks: every network the wallet reads from, grouped as an L1 with its rollups (mainnets; the
// testnets and the local devnet behind a switch), each with its full name, whether its RPC answers
// now and when its balances were last read, and its RPC URLs in fallback order (editable); add an
// OP Stack rollup from its portal; remove one you added. No figure in the wallet comes from
// anywhere else.
import { SafeText } from '../../components/SafeText.tsx'
import { useEffect, useState } from 'preact/hooks'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { useTopic } from '../../lib/topic.ts'
import { ago } from '../../lib/time.ts'
import { ChainIcon } from '../../components/TokenIcon.tsx'
import { families, l1ChainOf } from '../../../src/chains/family.ts'
import type { Network } from '../../../src/chains/types.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { Outcome, useAction } from './action.tsx'
import { Page } from '../Page.tsx'
import { RpcUrls, type NetworkEntry } from './RpcUrls.tsx'
import { AddRollup } from './AddRollup.tsx'

const SOURCE: Record<Network['source'], string> = { builtin: 'shipped', devnet: 'local devnet', user: 'added by you' }

type Reach = { ok: true; ms: number; block: string } | { ok: false; error: string } | null

export function Networks({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  const [list, setList] = useState<NetworkEntry[] | null>(null)
  const [reach, setReach] = useState<Record<number, Reach>>({})
  const { error, note, setError, setNote, run } = useAction()
  const portfolio = useTopic('balances', state.selected ? state.selected.toLowerCase() : null, { keyed: true })
  const readings = portfolio.value?.balances?.chains ?? {}

  useEffect(() => {
    bg('networks.list', {}).then(setList, (e) => setError(asWalletError(e).message))
  }, [])

  const shownList = (list ?? []).filter((e) => state.showTestnets || !e.network.testnet || e.network.chainId === state.activeChainId)
  // whether each shown network answers now (its first RPC URL)
  const shownKey = shownList.map((e) => `${e.network.chainId}:${e.network.rpcUrls[0]}`).join(',')
  useEffect(() => {
    for (const e of shownList) {
      const id = e.network.chainId
      setReach((r) => ({ ...r, [id]: null }))
      bg('networks.checkRpc', { url: e.network.rpcUrls[0], chainId: id }, { timeoutMs: 15_000 }).then(
        (r) => setReach((x) => ({ ...x, [id]: { ok: true, ms: r.ms, block: r.block } })),
        (err) => setReach((x) => ({ ...x, [id]: { ok: false, error: asWalletError(err).message } })),
      )
    }
  }, [shownKey])

  const toggleTestnets = (on: boolean) =>
    run(async () => {
      wallet.accept(await bg('settings.update', { showTestnets: on }))
    })

  const remove = (n: Network) =>
    run(async () => {
      setList(await bg('networks.remove', { chainId: n.chainId }))
      setNote(`${n.name} removed.`)
    })

  const all = list?.map((e) => e.network) ?? []
  const networks = shownList.map((e) => e.network)
  const byId = new Map(all.map((n) => [n.chainId, n]))
  return (
    <Page title="Networks" wide>
      <p>
        Every balance and fee the wallet shows is read from these RPC nodes, nowhere else. Give a network several URLs and the wallet tries them in order, moving to the next
        when one fails.
      </p>
      <label class="switch-row" data-testid="testnets-switch">
        <input type="checkbox" role="switch" checked={state.showTestnets} onChange={(e) => void toggleTestnets((e.currentTarget as HTMLInputElement).checked)} data-testid="show-testnets" />
        <span>
          <strong>Show testnets and the local devnet</strong>
          <span class="muted"> in the network lists (Home, Send, Bridge). Their coins have no value.</span>
        </span>
      </label>
      <Outcome error={error} note={note} />
      {!list ? (
        <p class="muted">Loading…</p>
      ) : (
        // mainnets first; the test networks (and the devnet) after them
        [...families(networks)].sort((a, b) => Number(!!byId.get(a)?.testnet) - Number(!!byId.get(b)?.testnet)).map((l1Id) => {
          const l1 = byId.get(l1Id)
          const members = shownList.filter((e) => l1ChainOf(e.network) === l1Id || e.network.chainId === l1Id)
          return (
            <section key={l1Id} class="network-family" aria-label={`${l1?.name ?? `Chain ${l1Id}`} and its rollups`}>
              <h2>
                {l1 ? `${l1.name} and its rollups` : `Chain ${l1Id}`}
                {l1?.testnet && <span class="badge">test networks</span>}
              </h2>
              {members.map((e) => (
                <details key={e.network.chainId} class="network" data-testid={`network-${e.network.chainId}`}>
                  <summary>
                    <span class="network-name">
                      <ChainIcon chainId={e.network.chainId} name={e.network.name} size={18} /> <SafeText value={e.network.name} />
                    </span>
                    <span class="network-badges">
                      <span class="badge">{e.network.chainId}</span>
                      <span class="badge">{e.network.rollup ? `rollup of ${byId.get(e.network.rollup.l1ChainId)?.name ?? e.network.rollup.l1ChainId}` : 'L1'}</span>
                      <span class="badge">{SOURCE[e.network.source]}</span>
                      {e.customRpc && <span class="badge accent">your RPC</span>}
                    </span>
                    <span class="network-health" data-testid={`reach-${e.network.chainId}`} data-state={reach[e.network.chainId] == null ? 'checking' : reach[e.network.chainId]!.ok ? 'ok' : 'down'}>
                      <ReachText reach={reach[e.network.chainId] ?? null} />
                      <span class="muted">
                        {' · '}
                        {readings[String(e.network.chainId)]?.at ? `balances last read ${ago(readings[String(e.network.chainId)]!.at!)}` : 'balances not read yet'}
                      </span>
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
          known={all}
          onAdded={(n) => {
            setNote(`${n.name} (chain ${n.chainId}) added.`)
            bg('networks.list', {}).then(setList, () => undefined)
          }}
        />
      )}
    </Page>
  )
}

function ReachText({ reach }: { reach: Reach }) {
  if (!reach) return <span class="muted">checking…</span>
  if (reach.ok)
    return (
      <span class="ok" title={`block ${reach.block}`}>
        ● answering ({reach.ms} ms)
      </span>
    )
  return (
    <span class="error" title={reach.error}>
      ● not answering
    </span>
  )
}
