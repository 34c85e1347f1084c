// One network's RPC URLs in fallback order: move, remove, add, test each one, save the list as
// the user's own, or go back to the network's own URLs.
import { useState } from 'preact/hooks'
import type { Network } from '../../../src/chains/types.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { Alert } from '../../components/Alert.tsx'

export interface NetworkEntry {
  network: Network
  ownRpcUrls: string[]
  customRpc: boolean
}

export function RpcUrls({ entry, onSaved }: { entry: NetworkEntry; onSaved: (list: NetworkEntry[]) => void }) {
  const { network } = entry
  const [urls, setUrls] = useState(network.rpcUrls)
  const [adding, setAdding] = useState('')
  const [tests, setTests] = useState<Record<string, { ok: boolean; text: string }>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const dirty = urls.join('\n') !== network.rpcUrls.join('\n')

  const move = (i: number, by: number) => {
    const next = [...urls]
    ;[next[i], next[i + by]] = [next[i + by], next[i]]
    setUrls(next)
  }
  const test = async (url: string) => {
    setTests((t) => ({ ...t, [url]: { ok: true, text: 'Testing…' } }))
    try {
      const r = await bg('networks.checkRpc', { url, chainId: network.chainId })
      setTests((t) => ({ ...t, [url]: { ok: true, text: `OK: block ${r.block}, ${r.ms} ms` } }))
    } catch (err) {
      setTests((t) => ({ ...t, [url]: { ok: false, text: asWalletError(err).message } }))
    }
  }
  const save = async (list: string[]) => {
    setBusy(true)
    setError(null)
    try {
      const next = await bg('networks.setRpcUrls', { chainId: network.chainId, urls: list })
      const mine = next.find((n) => n.network.chainId === network.chainId)
      if (mine) setUrls(mine.network.rpcUrls)
      onSaved(next)
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="rpc-urls">
      <ol class="rpc-list" aria-label={`RPC URLs of ${network.name}, tried in this order`}>
        {urls.map((u, i) => (
          <li key={u} data-testid="rpc-url">
            <span class="mono rpc-url">{u}</span>
            <span class="rpc-actions">
              <button type="button" class="ghost small" onClick={() => void test(u)}>
                Test
              </button>
              <button type="button" class="ghost small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${u} up`}>
                ↑
              </button>
              <button type="button" class="ghost small" disabled={i === urls.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${u} down`}>
                ↓
              </button>
              <button type="button" class="ghost small" disabled={urls.length === 1} onClick={() => setUrls(urls.filter((x) => x !== u))} aria-label={`Remove ${u}`}>
                ✕
              </button>
            </span>
            {tests[u] && <span class={`rpc-test ${tests[u].ok ? 'ok' : 'error'}`}>{tests[u].text}</span>}
          </li>
        ))}
      </ol>
      <form
        class="rpc-add"
        onSubmit={(e) => {
          e.preventDefault()
          const u = adding.trim()
          if (u && !urls.includes(u)) setUrls([...urls, u])
          setAdding('')
        }}
      >
        <label class="sr-only" for={`rpc-add-${network.chainId}`}>
          Add an RPC URL to {network.name}
        </label>
        <input id={`rpc-add-${network.chainId}`} type="url" placeholder="https://…" value={adding} onInput={(e) => setAdding((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" class="small">
          Add URL
        </button>
      </form>
      {error && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      <div class="actions">
        {entry.customRpc && (
          <button type="button" class="ghost small" disabled={busy} onClick={() => void save([])}>
            Use {network.name}'s own URLs
          </button>
        )}
        <button type="button" class="primary small" disabled={!dirty || busy} onClick={() => void save(urls)} data-testid="save-rpc">
          Save order
        </button>
      </div>
    </div>
  )
}
