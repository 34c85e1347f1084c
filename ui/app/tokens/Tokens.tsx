// Tokens: add one by its address on a chain (symbol, decimals and, on a rollup, its L1 token are
// read from the chain itself), see every token the wallet reads with the chains it is on, remove
// the ones you added.
import { useEffect, useState } from 'preact/hooks'
import type { Network } from '../../../src/chains/types.ts'
import type { TokenDef } from '../../../src/tokens/types.ts'
import type { TokenLookup } from '../../../src/tokens/lookup.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import { shortAddress } from '../../lib/format.ts'
import { Outcome, useAction } from '../networks/action.tsx'
import { Page } from '../Page.tsx'

export function Tokens() {
  const [networks, setNetworks] = useState<Network[]>([])
  const [tokens, setTokens] = useState<TokenDef[] | null>(null)
  const [chainId, setChainId] = useState<number | null>(null)
  const [address, setAddress] = useState('')
  const [found, setFound] = useState<(TokenLookup & { knownAs: string | null }) | null>(null)
  const { busy, error, note, setError, setNote, run } = useAction()

  useEffect(() => {
    bg('wallet.networks', {}).then((n) => {
      setNetworks(n)
      setChainId((c) => c ?? n[0]?.chainId ?? null)
    }, (e) => setError(asWalletError(e).message))
    bg('tokens.list', {}).then(setTokens, (e) => setError(asWalletError(e).message))
  }, [])

  const inNetworkOrder = (addresses: TokenDef['addresses']) => {
    const at = (id: string) => networks.findIndex((n) => n.chainId === Number(id))
    return Object.entries(addresses).sort((a, b) => at(a[0]) - at(b[0]))
  }
  const name = (id: number) => networks.find((n) => n.chainId === id)?.name ?? `Chain ${id}`
  const chain = networks.find((n) => n.chainId === chainId)

  return (
    <Page title="Tokens" wide>
      <p>The wallet reads the balance of these tokens on every chain where it knows their address. A token bridged to a rollup shows in the same row as its L1 token.</p>
      <h2>Add a token</h2>
      <form
        class="add-token"
        onSubmit={(e) => {
          e.preventDefault()
          if (chainId !== null) void run(async () => setFound(await bg('tokens.lookup', { chainId, address: address.trim() })))
        }}
      >
        <div class="form-grid">
          <label for="tk-chain">Chain</label>
          <select id="tk-chain" value={String(chainId ?? '')} onChange={(e) => { setChainId(Number((e.currentTarget as HTMLSelectElement).value)); setFound(null) }}>
            {networks.map((n) => (
              <option key={n.chainId} value={String(n.chainId)}>
                {n.name}
              </option>
            ))}
          </select>
          <label for="tk-address">Token address</label>
          <input id="tk-address" class="mono" required placeholder="0x…" value={address} autoComplete="off" spellcheck={false} onInput={(e) => { setAddress((e.currentTarget as HTMLInputElement).value); setFound(null) }} />
        </div>
        <div class="actions">
          <button type="submit" disabled={busy || !address.trim()} data-testid="lookup-token">
            Look up
          </button>
        </div>
      </form>
      <Outcome error={error} note={note} />
      {found && chain && (
        <div class="found-token card" data-testid="found-token">
          <p>
            <strong>{found.symbol}</strong> {found.name && <span class="muted">{found.name}</span>} · {found.decimals} decimals on {chain.name}
          </p>
          <p class="muted small-print">
            {found.l1Token
              ? `Bridged through the standard bridge: its L1 token is ${found.l1Token} on ${name(chain.rollup!.l1ChainId)}, so both show in one row.`
              : chain.rollup
                ? 'It names no L1 token: it shows on its own.'
                : ''}
          </p>
          {found.knownAs ? (
            <p>The wallet already shows this token.</p>
          ) : (
            <button
              type="button"
              class="primary"
              disabled={busy}
              data-testid="add-token"
              onClick={() =>
                void run(async () => {
                  setTokens(await bg('tokens.add', { chainId: chain.chainId, address: found.address }))
                  setNote(`${found.symbol} added on ${chain.name}.`)
                  setFound(null)
                  setAddress('')
                })
              }
            >
              Add {found.symbol}
            </button>
          )}
        </div>
      )}
      <h2>Tokens the wallet reads</h2>
      {!tokens ? (
        <p class="muted">Loading…</p>
      ) : (
        <table class="token-table">
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Chains</th>
              <th scope="col">
                <span class="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} data-testid={`token-def-${t.id}`}>
                <td>
                  <strong>{t.symbol}</strong>
                  <br />
                  <span class="muted small-print">{t.name}</span>
                </td>
                <td class="small-print">
                  {inNetworkOrder(t.addresses).map(([id, a]) => (
                    <span key={id} class="token-chain" title={a === 'native' ? 'native currency' : a}>
                      {name(Number(id))}
                      {a !== 'native' && <span class="mono muted"> {shortAddress(a)}</span>}
                    </span>
                  ))}
                </td>
                <td>
                  {t.source === 'user' &&
                    Object.entries(t.addresses).map(([id, a]) =>
                      a === 'native' ? null : (
                        <button key={id} type="button" class="link danger-link" onClick={() => void run(async () => setTokens(await bg('tokens.remove', { chainId: Number(id), address: a })))}>
                          Remove on {name(Number(id))}
                        </button>
                      ),
                    )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  )
}
