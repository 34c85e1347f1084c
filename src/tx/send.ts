// Signs a prepared transaction with the keyring and sends it to its chain, recording it in the
// activity list with its nonce and what it was signed with (so it can be sped up, cancelled or sent
// again). Reached only through the pipeline (./pipeline.ts).
import { keccak256, type Hex } from 'viem'
import { WalletError } from '../errors.ts'
import type { Network } from '../chains/types.ts'
import type { ActivityStore, ReplacementKind } from '../activity/store.ts'
import type { KeyringSigner } from '../keyring/signer.ts'
import type { NonceTracker } from './nonces.ts'
import type { PreparedTx } from './types.ts'
import { toViemTx } from './prepare.ts'
import { decodeCall } from './decode.ts'
import type { RpcClient } from '../chains/rpc-client.ts'

export interface SendMeta {
  /** short description for the activity list */
  title: string
  /** the dApp origin, or "wallet" */
  origin: string
  /** called with the transaction hash once signed, before it is broadcast (the bridge stores a withdrawal from that moment) */
  onSigned?: (hash: Hex) => Promise<void>
  /** this transaction takes the nonce of another one on purpose (speed up, cancel, a site's replacement) */
  replacement?: { of: Hex; kind: ReplacementKind }
}

export interface SendContext {
  network: Network
  client: RpcClient
  signer: KeyringSigner
  activity: ActivityStore
  nonces: NonceTracker
  now(): number
}

/**
 * The nonce a transaction is signed with. A nonce the request set is signed as set: a dApp that
 * sends its own nonce means it (a replacement is a replacement, a gap is its choice), and so does a
 * custom nonce, a speed-up or a cancel. Otherwise it is the account's next one now (the wallet's
 * own tracker): the approval may have waited while another transaction of the account went out.
 */
export async function nonceToSign(ctx: Pick<SendContext, 'client' | 'nonces'>, tx: PreparedTx): Promise<number> {
  if (tx.keepNonce) return tx.nonce
  return ctx.nonces.next(ctx.client, tx.chainId, tx.from)
}

export function signAndSend(ctx: SendContext, tx: PreparedTx, meta: SendMeta): Promise<Hex> {
  // one account's sends on one chain, one at a time: from its nonce to its record
  return ctx.nonces.exclusive(tx.chainId, tx.from, () => signAndSendNow(ctx, tx, meta))
}

async function signAndSendNow(ctx: SendContext, tx: PreparedTx, meta: SendMeta): Promise<Hex> {
  const { network, client } = ctx
  const nonce = await nonceToSign(ctx, tx)
  const raw = await ctx.signer.signTransaction({ ...toViemTx(tx), nonce })
  if (meta.onSigned) await meta.onSigned(keccak256(raw))
  let hash: Hex
  try {
    hash = await client.sendRawTransaction({ serializedTransaction: raw })
  } catch (err) {
    const e = err as { shortMessage?: string; details?: string; message?: string }
    const why = e.details ?? e.shortMessage ?? e.message ?? ''
    if (/underpriced|replacement/i.test(why)) throw new WalletError(-32603, `${network.name} refused the transaction: ${why}. Another transaction of this account with nonce ${nonce} is waiting; a replacement must pay at least 10% more on both fee fields.`)
    throw new WalletError(-32603, `${network.name} refused the transaction: ${why}`)
  }
  // the recipient of a plain transfer or a token transfer (the address book's recent recipients)
  const action = decodeCall(tx.data)?.action
  const recipient = action?.kind === 'transfer' || action?.kind === 'nftTransfer' ? action.to : tx.data === '0x' && tx.to ? tx.to : undefined
  await ctx.activity.add({
    hash,
    chainId: tx.chainId,
    from: tx.from,
    to: tx.to,
    ...(recipient ? { recipient } : {}),
    value: BigInt(tx.value).toString(),
    title: meta.title,
    origin: meta.origin,
    createdAt: ctx.now(),
    status: 'pending',
    nonce,
    signed: {
      type: tx.type,
      gas: tx.gas,
      data: tx.data,
      ...(tx.type === 'legacy' ? { gasPrice: tx.gasPrice ?? '0x0' } : { maxFeePerGas: tx.maxFeePerGas ?? '0x0', maxPriorityFeePerGas: tx.maxPriorityFeePerGas ?? '0x0' }),
    },
    ...(meta.replacement ? { replacement: meta.replacement } : {}),
  })
  return hash
}
