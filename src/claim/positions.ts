// PHA and vPHA side by side on Ethereum and on Phala L2, the vPHA share price and the account's
// unlock requests: one Multicall3 round trip per chain, each chain on its own so that one being
// down never blanks the other.
import type { Address } from 'viem'
import { erc20Abi } from '../abi/erc20.ts'
import { toErrorShape } from '../errors.ts'
import { phaVaultAbi } from './abi.ts'
import type { ClaimDeployment } from './config.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

const ONE = 10n ** 18n
const MULTICALL3: Address = '0xcA11bde05977b3631167028862bE2a173976CA11'

export interface UnlockRequest {
  receiver: Address
  /** PHA */
  assets: bigint
  /** seconds since epoch */
  startTime: bigint
  /** startTime + unlockPeriod: from then on the vault's claim(owner) pays it */
  unlockAt: bigint
}

export interface ChainHoldings {
  chainId: number
  pha: bigint
  vpha: bigint
}

export interface Positions {
  owner: Address
  l1: ChainHoldings | { chainId: number; error: string }
  l2: ChainHoldings | { chainId: number; error: string }
  /** PHA per 1 vPHA (18 decimals): convertToAssets(1e18) */
  sharePrice: bigint | null
  /** seconds */
  unlockPeriod: bigint | null
  unlockRequests: UnlockRequest[]
}

export async function readPositions(d: ClaimDeployment, l1: RpcClient, l2: RpcClient, owner: Address): Promise<Positions> {
  const [a, b] = await Promise.allSettled([readL1(d, l1, owner), readL2(d, l2, owner)])
  const out: Positions = {
    owner,
    l1: a.status === 'fulfilled' ? a.value.holdings : { chainId: d.l1ChainId, error: toErrorShape(a.reason).message },
    l2: b.status === 'fulfilled' ? b.value : { chainId: d.l2ChainId, error: toErrorShape(b.reason).message },
    sharePrice: a.status === 'fulfilled' ? a.value.sharePrice : null,
    unlockPeriod: a.status === 'fulfilled' ? a.value.unlockPeriod : null,
    unlockRequests: a.status === 'fulfilled' ? a.value.requests : [],
  }
  return out
}

async function readL1(d: ClaimDeployment, client: RpcClient, owner: Address) {
  const [pha, vpha, sharePrice, unlockPeriod, requests] = await client.multicall({
    allowFailure: false,
    multicallAddress: MULTICALL3,
    batchSize: 0,
    contracts: [
      { address: d.pha.l1, abi: erc20Abi, functionName: 'balanceOf', args: [owner] },
      { address: d.vpha.l1, abi: phaVaultAbi, functionName: 'balanceOf', args: [owner] },
      { address: d.vpha.l1, abi: phaVaultAbi, functionName: 'convertToAssets', args: [ONE] },
      { address: d.vpha.l1, abi: phaVaultAbi, functionName: 'unlockPeriod' },
      { address: d.vpha.l1, abi: phaVaultAbi, functionName: 'unlockRequests', args: [owner] },
    ],
  })
  return {
    holdings: { chainId: d.l1ChainId, pha, vpha },
    sharePrice,
    unlockPeriod,
    requests: requests.map((r) => ({ receiver: r.receiver, assets: r.assets, startTime: r.startTime, unlockAt: r.startTime + unlockPeriod })),
  }
}

async function readL2(d: ClaimDeployment, client: RpcClient, owner: Address): Promise<ChainHoldings> {
  const [pha, vpha] = await client.multicall({
    allowFailure: false,
    multicallAddress: MULTICALL3,
    batchSize: 0,
    contracts: [
      { address: d.pha.l2, abi: erc20Abi, functionName: 'balanceOf', args: [owner] },
      { address: d.vpha.l2, abi: erc20Abi, functionName: 'balanceOf', args: [owner] },
    ],
  })
  return { chainId: d.l2ChainId, pha, vpha }
}
