// A dApp that finds wallets by EIP-6963 with mipd's store, never touching window.ethereum.
import { createStore } from 'mipd'
import { createPublicClient, createWalletClient, custom, type Address, type EIP1193Provider } from 'viem'

const store = createStore()
function ours(): EIP1193Provider {
  const detail = store.findProvider({ rdns: 'io.rollupwallet' })
  if (!detail) throw new Error('Rollup Wallet not announced')
  return detail.provider as unknown as EIP1193Provider
}
let account: Address | undefined

;(window as unknown as { dapp: unknown }).dapp = {
  announced: () => store.getProviders().map((p) => ({ ...p.info })),
  connect: async () => {
    ;[account] = await createWalletClient({ transport: custom(ours()) }).requestAddresses()
    return [account]
  },
  accounts: () => createWalletClient({ transport: custom(ours()) }).getAddresses(),
  chainId: () => createWalletClient({ transport: custom(ours()) }).getChainId(),
  switchChain: (id: number) => createWalletClient({ transport: custom(ours()) }).switchChain({ id }),
  signMessage: (msg: string) => createWalletClient({ transport: custom(ours()) }).signMessage({ account: account!, message: msg }),
  signTyped: (domain: Record<string, unknown>, types: Record<string, { name: string; type: string }[]>, value: Record<string, unknown>) =>
    createWalletClient({ transport: custom(ours()) }).signTypedData({ account: account!, domain, types, primaryType: Object.keys(types)[0], message: value }),
  send: async (to: Address, valueWei: string) => {
    const hash = await createWalletClient({ transport: custom(ours()) }).sendTransaction({ account: account!, to, value: BigInt(valueWei), chain: null })
    const receipt = await createPublicClient({ transport: custom(ours()), pollingInterval: 200 }).waitForTransactionReceipt({ hash })
    return { hash, status: receipt.status === 'success' ? 1 : 0 }
  },
}
