// Reads one account's balances on one chain in one HTTP request: a Multicall3 aggregate3
// eth_call, or, on a chain without Multicall3, one JSON-RPC batch of eth_getBalance and
// balanceOf calls. The caller runs chains in parallel; a chain that fails fails alone.
import { encodeFunctionData, type Address, type Hex } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import { WalletError } from '../errors.ts'
import type { Network } from '../chains/types.ts'
import { publicClientFor } from '../chains/rpc-client.ts'
import type { TokenAddress } from '../tokens/types.ts'
import { decodeBalanceResults, encodeBalanceCalls, MULTICALL3 } from './multicall.ts'

export const BALANCE_TIMEOUT_MS = 8000

export interface ChainBalances {
  block: bigint
  /** in the order of the tokens asked; null where that token's read failed */
  amounts: (bigint | null)[]
  via: 'multicall3' | 'batch'
}

export async function readChainBalances(
  network: Network,
  account: Address,
  tokens: TokenAddress[],
  opts: { timeoutMs?: number; multicall?: boolean } = {},
): Promise<ChainBalances> {
  const client = publicClientFor(network, { timeoutMs: opts.timeoutMs ?? BALANCE_TIMEOUT_MS })
  try {
    if (opts.multicall !== false) {
      const data = (await client.request({ method: 'eth_call', params: [{ to: MULTICALL3, data: encodeBalanceCalls(account, tokens) }, 'latest'] })) as Hex
      // no code at the Multicall3 address: the chain has none
      if (data && data !== '0x') return { ...decodeBalanceResults(data, tokens.length), via: 'multicall3' }
    }
    return { ...(await readByBatch(client, account, tokens)), via: 'batch' }
  } catch (err) {
    throw new WalletError('RPC_DOWN', `${network.name}: ${reason(err)}`)
  }
}

/** Every read in one JSON-RPC batch (the client batches calls made in the same tick). */
async function readByBatch(client: ReturnType<typeof publicClientFor>, account: Address, tokens: TokenAddress[]): Promise<Omit<ChainBalances, 'via'>> {
  const [block, ...amounts] = await Promise.all([
    client.request({ method: 'eth_blockNumber' }).then((h) => BigInt(h as Hex)),
    ...tokens.map((t) =>
      t === 'native'
        ? client.request({ method: 'eth_getBalance', params: [account, 'latest'] }).then((h) => BigInt(h as Hex))
        : client
            .request({ method: 'eth_call', params: [{ to: t, data: encodeFunctionData({ abi: erc20Abi, functionName: 'balanceOf', args: [account] }) }, 'latest'] })
            .then((h) => ((h as Hex).length === 66 ? BigInt(h as Hex) : null), () => null),
    ),
  ])
  return { block: block as bigint, amounts: amounts as (bigint | null)[] }
}

function reason(err: unknown): string {
  const e = err as { name?: string; shortMessage?: string; message?: string; details?: string }
  if (e?.name === 'TimeoutError') return 'no answer in time'
  const text = e?.details || e?.shortMessage || e?.message || String(err)
  if (/fetch failed|ECONNREFUSED|Failed to fetch|NetworkError/i.test(text)) return 'the RPC cannot be reached'
  return text.split('\n')[0].slice(0, 160)
}
