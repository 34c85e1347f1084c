// "Max" for the native currency: send everything except the most the transaction can be charged.
// The maximum fee includes the L1 data fee of the transaction *with that value* (a longer value
// serializes to more bytes and costs more L1 data), so the value is refined until
// value + max fee ≤ balance holds for the very transaction returned. Whatever the chain charges
// (at most the maximum), the balance left is ≥ 0.
import { numberToHex, type Address, type Hex } from 'viem'
import type { FeeQuote, PreparedTx } from '../tx/types.ts'
import type { Network } from '../chains/types.ts'
import { WalletError } from '../errors.ts'
import type { FeeQuoter } from '../tx/types.ts'
import { prepareTx } from '../tx/prepare.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface MaxSendInput {
  network: Network
  client: RpcClient
  quote: FeeQuoter
  from: Address
  to: Address
  data?: Hex
}

export interface MaxSend {
  tx: PreparedTx
  fee: FeeQuote
  value: bigint
  balance: bigint
}

const ROUNDS = 4

export async function maxNativeSend(p: MaxSendInput): Promise<MaxSend> {
  const symbol = p.network.nativeCurrency.symbol
  const balance = await p.client.getBalance({ address: p.from, blockTag: 'pending' })
  if (balance === 0n) throw new WalletError('NO_BALANCE', `There is no ${symbol} on ${p.network.name} to send.`)
  // gas is estimated with half the balance: the estimate must not fail for want of funds
  const base = await prepareTx(p.client, p.network.chainId, { from: p.from, to: p.to, value: balance / 2n, ...(p.data ? { data: p.data } : {}) })
  let value = balance / 2n
  for (let round = 0; round < ROUNDS; round++) {
    const tx: PreparedTx = { ...base, value: numberToHex(value) }
    const fee = await p.quote(p.network, p.client, tx)
    const max = BigInt(fee.max)
    if (round > 0 && value + max <= balance) return { tx, fee, value, balance }
    value = balance - max
    if (value <= 0n) {
      throw new WalletError('FEE_ABOVE_BALANCE', `The network fee can reach the whole ${symbol} balance on ${p.network.name}: nothing would be left to send.`)
    }
  }
  throw new WalletError('FEE_UNSTABLE', 'The fee kept changing while the maximum was computed; try Max again.')
}
