// wallet_addEthereumChain: every RPC URL the site proposed, each with what it answered when asked for
// its chain id; only those that answered with the claimed chain are used.
import type { Network } from '../../src/chains/types.ts'
import type { RpcUrlCheck } from '../../src/approvals/types.ts'
import { SafeText } from '../components/SafeText.tsx'

export function RpcUrlList({ network, checks }: { network: Network; checks?: RpcUrlCheck[] }) {
  const list: RpcUrlCheck[] = checks ?? network.rpcUrls.map((url) => ({ url, chainId: network.chainId }))
  return (
    <ul class="rpc-urls mono" data-testid="rpc-urls">
      {list.map((c) => (
        <li key={c.url} class={c.chainId === network.chainId ? 'ok' : 'bad'}>
          <SafeText value={c.url} max={300} /> <span class="status">{c.chainId === network.chainId ? '✓ answered with this chain' : `✗ not used: ${c.problem ?? 'no answer'}`}</span>
        </li>
      ))}
    </ul>
  )
}
