// Signs a prepared transaction with the keyring and sends it to its chain, recording it in the
// activity list. Reached only through the pipeline (./pipeline.ts).
import { keccak256, type Hex, type PublicClient } from 'viem'
import { WalletError } from '../errors.ts'
import type { Network } from '../chains/types.ts'
import type { ActivityStore } from '../activity/store.ts'
import type { KeyringSigner } from '../keyring/signer.ts'
import type { PreparedTx } from './types.ts'
import { toViemTx } from './prepare.ts'
import { decodeCall } from './decode.ts'

export interface SendMeta {
  /** short description for the activity list */
  title: string
  /** the dApp origin, or "wallet" */
  origin: string
  /** called with the transaction hash once signed, before it is broadcast (the bridge stores a withdrawal from that moment) */
  onSigned?: (hash: Hex) => Promise<void>
}

export interface SendContext {
  network: Network
  client: PublicClient
  signer: KeyringSigner
  activity: ActivityStore
  now(): number
}

/**
 * The nonce a transaction is signed with. A nonce the request set is signed as set: a dApp that
 * sends its own nonce means it (a replacement is a replacement, a gap is its choice). Otherwise the
 * wallet chose the account's next nonce when preparing; the approval may have waited while another
 * transaction of the account went out, so it is the next one again at signing.
 */
export async function nonceToSign(client: PublicClient, tx: PreparedTx): Promise<number> {
  if (tx.keepNonce) return tx.nonce
  const pendingNonce = await client.getTransactionCount({ address: tx.from, blockTag: 'pending' })
  return Math.max(tx.nonce, pendingNonce)
}

export async function signAndSend(ctx: SendContext, tx: PreparedTx, meta: SendMeta): Promise<Hex> {
  const { network, client } = ctx
  const raw = await ctx.signer.signTransaction({ ...toViemTx(tx), nonce: await nonceToSign(client, tx) })
  if (meta.onSigned) await meta.onSigned(keccak256(raw))
  let hash: Hex
  try {
    hash = await client.sendRawTransaction({ serializedTransaction: raw })
  } catch (err) {
    const e = err as { shortMessage?: string; details?: string; message?: string }
    throw new WalletError(-32603, `${network.name} refused the transaction: ${e.details ?? e.shortMessage ?? e.message}`)
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
  })
  return hash
}
