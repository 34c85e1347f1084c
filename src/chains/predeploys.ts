// Is a chain an OP Stack L2? Decided by probing (code at the GasPriceOracle predeploy), never by a
// list of chain ids: that is how other wallets miss L1 fees on rollups they have not heard of.
import type { RpcClient } from './rpc-client.ts'

export const GAS_PRICE_ORACLE = '0x420000000000000000000000000000000000000F'
export const L1_BLOCK = '0x4200000000000000000000000000000000000015'
export const L2_TO_L1_MESSAGE_PASSER = '0x4200000000000000000000000000000000000016'
export const L2_STANDARD_BRIDGE = '0x4200000000000000000000000000000000000010'
export const L2_CROSS_DOMAIN_MESSENGER = '0x4200000000000000000000000000000000000007'

export async function isOpStackChain(client: Pick<RpcClient, 'getCode'>): Promise<boolean> {
  const code = await client.getCode({ address: GAS_PRICE_ORACLE })
  return !!code && code !== '0x'
}
