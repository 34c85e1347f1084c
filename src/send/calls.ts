// The send screen's calls ('send.*'): a native or ERC-20 transfer prepared with its fee through
// the transaction pipeline, and Max for the native currency (src/rollup/max-send.ts).
import * as v from 'valibot'
import { encodeFunctionData } from 'viem'
import type { Handlers } from '../wire/messaging.ts'
import { address, call, chainId, text, units, type CallsOf } from '../wire/contract.ts'
import { WalletError } from '../errors.ts'
import { erc20Abi } from '../abi/erc20.ts'
import { maxNativeSend } from '../rollup/max-send.ts'
import type { Quoted, TxPipeline } from '../tx/pipeline.ts'
import type { FeeQuote, FeeQuoter, PreparedTx } from '../tx/types.ts'
import type { Wallet } from '../wallet/wallet.ts'
import { checkRecipient } from './checks.ts'

export const sendContracts = {
  'send.prepare': call(v.object({ chainId, from: address, to: text(100), amount: units, token: v.nullable(address) })).returns<Quoted>(),
  'send.max': call(v.object({ chainId, from: address, to: text(100) })).returns<{ tx: PreparedTx; fee: FeeQuote; value: string; balance: string }>(),
}
export type SendCalls = CallsOf<typeof sendContracts>

export function sendHandlers(wallet: Wallet, pipeline: TxPipeline, quoteFee: FeeQuoter): Handlers<SendCalls> {
  const recipient = (to: string) => {
    const r = checkRecipient(to)
    if (!r.ok) throw new WalletError('BAD_ADDRESS', r.error)
    return r.value
  }
  return {
    'send.prepare': async ({ chainId, from, to, amount, token }) => {
      const sender = await wallet.ownAccount(from)
      const dest = recipient(to)
      const value = BigInt(amount)
      if (value <= 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
      if (token === null) return pipeline.prepareQuoted(chainId, { from: sender, to: dest, value })
      const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [dest, value] })
      return pipeline.prepareQuoted(chainId, { from: sender, to: token, value: 0n, data })
    },
    'send.max': async ({ chainId, from, to }) => {
      const network = await pipeline.network(chainId)
      const out = await maxNativeSend({ network, client: pipeline.client(network), quote: quoteFee, from: await wallet.ownAccount(from), to: recipient(to) })
      return { tx: out.tx, fee: out.fee, value: out.value.toString(), balance: out.balance.toString() }
    },
  }
}
