// A dApp as viem users write it: a wallet client over custom(window.ethereum).
import { createPublicClient, createWalletClient, custom, type EIP1193Provider, type Address } from 'viem'

const eth = (window as unknown as { ethereum: EIP1193Provider }).ethereum
const wallet = createWalletClient({ transport: custom(eth) })
const pub = createPublicClient({ transport: custom(eth), pollingInterval: 200 })
let account: Address | undefined

;(window as unknown as { dapp: unknown }).dapp = {
  connect: async () => {
    ;[account] = await wallet.requestAddresses()
    return [account]
  },
  accounts: () => wallet.getAddresses(),
  chainId: () => wallet.getChainId(),
  switchChain: (id: number) => wallet.switchChain({ id }),
  signMessage: (msg: string) => wallet.signMessage({ account: account!, message: msg }),
  signTyped: (domain: Record<string, unknown>, types: Record<string, { name: string; type: string }[]>, value: Record<string, unknown>) =>
    wallet.signTypedData({ account: account!, domain, types, primaryType: Object.keys(types)[0], message: value }),
  send: async (to: Address, valueWei: string) => {
    const hash = await wallet.sendTransaction({ account: account!, to, value: BigInt(valueWei), chain: null })
    const receipt = await pub.waitForTransactionReceipt({ hash })
    return { hash, status: receipt.status === 'success' ? 1 : 0 }
  },
}
