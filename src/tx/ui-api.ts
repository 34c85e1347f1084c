// The wallet's own screens send through these calls: prepare (nonce, gas, fees, and the fee quote
// the user sees), re-quote as blocks arrive, send, and list what was sent.
import { getAddress, isAddress, isHex, type Hex } from 'viem'
import type { Handlers } from '../messaging.ts'
import type { UiCallsOf } from '../messages.ts'
import { WalletError, toErrorShape } from '../errors.ts'
import type { ProviderService } from '../provider/service.ts'
import { publicClientFor } from '../rpc/client.ts'
import { prepareTx } from './prepare.ts'
import { signAndSend } from './send.ts'

export function txUiHandlers(svc: ProviderService): Handlers<UiCallsOf<'tx'>, null> {
  const w = svc.wallet
  return {
    'tx.prepare': async (p) => {
      const network = await w.networks.require(p.chainId)
      const from = ownAccount(await w.state(), p.from)
      if (p.to !== null && !isAddress(p.to, { strict: false })) throw new WalletError('BAD_ADDRESS', 'The recipient is not an address.')
      if (p.data !== undefined && !isHex(p.data)) throw new WalletError('BAD_PARAMS', 'The data is not hex.')
      const client = publicClientFor(network)
      let gas = p.gas === undefined ? undefined : BigInt(p.gas)
      if (gas === undefined && p.gasHeadroomPercent) {
        const est = await client.estimateGas({ account: from, to: p.to ? getAddress(p.to) : undefined, value: BigInt(p.value), data: (p.data ?? '0x') as Hex })
        gas = (est * BigInt(100 + Math.min(100, Math.max(0, Math.round(p.gasHeadroomPercent))))) / 100n
      }
      const tx = await prepareTx(client, network.chainId, {
        from,
        to: p.to ? getAddress(p.to) : null,
        value: BigInt(p.value),
        ...(p.data ? { data: p.data as Hex } : {}),
        ...(gas !== undefined ? { gas } : {}),
      })
      try {
        return { tx, fee: await svc.quoteFee(network, client, tx) }
      } catch (err) {
        return { tx, fee: null, feeError: toErrorShape(err).message }
      }
    },
    'tx.quote': async ({ tx }) => {
      const network = await w.networks.require(tx.chainId)
      return { fee: await svc.quoteFee(network, publicClientFor(network), tx) }
    },
    'tx.send': async ({ tx, title }) => {
      ownAccount(await w.state(), tx.from)
      return { hash: await signAndSend(w, svc.activity, tx, { title: String(title).slice(0, 80), origin: 'wallet' }) }
    },
    'tx.activity': (filter) => svc.activity.list(filter ?? {}),
  }
}

function ownAccount(state: { accounts: { address: string }[] }, from: string) {
  const hit = state.accounts.find((a) => a.address.toLowerCase() === String(from).toLowerCase())
  if (!hit) throw new WalletError('UNKNOWN_ACCOUNT', `${from} is not an account of this wallet.`)
  return getAddress(hit.address)
}
