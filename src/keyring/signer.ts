// What later flows sign with: a viem LocalAccount (so it plugs into wallet clients) whose every
// call goes back through the keyring. A signer kept after the wallet locks cannot sign. It has no
// raw-hash `sign` and no EIP-7702 `signAuthorization`: a flow that needs one adds it on purpose.
import type { Address, Hex } from 'viem'
import type { LocalAccount, PrivateKeyAccount } from 'viem/accounts'
import { keyringError } from './errors.ts'

export type KeyringSigner = LocalAccount<'keyring'>

/** `resolve` yields the account's key as a viem account now, or throws (LOCKED, UNKNOWN_ACCOUNT). */
export function makeSigner(address: Address, publicKey: Hex, resolve: () => Promise<PrivateKeyAccount>): KeyringSigner {
  const use = async <T>(sign: (account: PrivateKeyAccount) => Promise<T>): Promise<T> => {
    const account = await resolve()
    try {
      return await sign(account)
    } catch (err) {
      const e = err as { shortMessage?: unknown; message?: unknown }
      const why = typeof e?.shortMessage === 'string' ? e.shortMessage : typeof e?.message === 'string' ? e.message : String(err)
      throw keyringError('SIGNING_FAILED', `The request could not be signed: ${why}`)
    }
  }
  return {
    address,
    publicKey,
    source: 'keyring',
    type: 'local',
    signMessage: ({ message }) => use((a) => a.signMessage({ message })),
    signTransaction: (transaction, options) => use((a) => a.signTransaction(transaction, options)),
    signTypedData: (typedData) => use((a) => a.signTypedData(typedData)),
  }
}
