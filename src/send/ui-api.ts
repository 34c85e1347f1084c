// The send screen's calls: prepare a native or ERC-20 transfer with its fee (through 'tx.prepare',
// so the fee is the rollup fee model's), and Max for the native currency (src/rollup/max-send.ts).
import { encodeFunctionData, isAddress } from 'viem'
import type { Handlers } from '../messaging.ts'
import type { UiCallsOf } from '../messages.ts'
import { WalletError } from '../errors.ts'
import { erc20Abi } from '../abi/erc20.ts'
import type { ProviderService } from '../provider/service.ts'
import { publicClientFor } from '../rpc/client.ts'
import { maxNativeSend } from '../rollup/max-send.ts'
import { txUiHandlers } from '../tx/ui-api.ts'
import { checkRecipient } from './checks.ts'

export function sendUiHandlers(svc: ProviderService): Handlers<UiCallsOf<'send'>, null> {
  const prepare = txUiHandlers(svc)['tx.prepare']
  const recipient = (to: string) => {
    const r = checkRecipient(String(to))
    if (!r.ok) throw new WalletError('BAD_ADDRESS', r.error)
    return r.value
  }
  return {
    'send.prepare': async ({ chainId, from, to, amount, token }) => {
      const dest = recipient(to)
      const value = BigInt(amount)
      if (value <= 0n) throw new WalletError('BAD_AMOUNT', 'Enter an amount above zero.')
      if (token === null) return prepare({ chainId, from, to: dest, value: value.toString() }, null)
      if (!isAddress(token, { strict: false })) throw new WalletError('BAD_TOKEN', 'The token is not an address.')
      const data = encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [dest, value] })
      return prepare({ chainId, from, to: token, value: '0', data }, null)
    },
    'send.max': async ({ chainId, from, to }) => {
      const network = await svc.wallet.networks.require(chainId)
      const out = await maxNativeSend({ network, client: publicClientFor(network), quote: svc.quoteFee, from: recipient(from), to: recipient(to) })
      return { tx: out.tx, fee: out.fee, value: out.value.toString(), balance: out.balance.toString() }
    },
  }
}
