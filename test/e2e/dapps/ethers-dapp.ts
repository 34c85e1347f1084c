// A dApp as ethers v6 users write it: BrowserProvider over window.ethereum.
import { BrowserProvider, Signature } from 'ethers'

const eth = (window as unknown as { ethereum: import('ethers').Eip1193Provider }).ethereum
// ethers pins the network of a BrowserProvider: a new one after a chain switch, as dApps do
let provider = new BrowserProvider(eth)
const events: unknown[] = []
;(eth as unknown as { on(e: string, f: (x: unknown) => void): void }).on('chainChanged', (c) => events.push(['chainChanged', c]))
;(eth as unknown as { on(e: string, f: (x: unknown) => void): void }).on('accountsChanged', (a) => events.push(['accountsChanged', a]))

;(window as unknown as { dapp: unknown }).dapp = {
  events: () => events,
  connect: async () => (await provider.send('eth_requestAccounts', [])) as string[],
  accounts: async () => (await provider.listAccounts()).map((s) => s.address),
  chainId: async () => Number((await provider.getNetwork()).chainId),
  switchChain: async (id: number) => {
    await provider.send('wallet_switchEthereumChain', [{ chainId: '0x' + id.toString(16) }])
    provider = new BrowserProvider(eth)
  },
  signMessage: async (msg: string) => (await provider.getSigner()).signMessage(msg),
  signTyped: async (domain: Record<string, unknown>, types: Record<string, { name: string; type: string }[]>, value: Record<string, unknown>) =>
    Signature.from(await (await provider.getSigner()).signTypedData(domain, types, value)).serialized,
  send: async (to: string, valueWei: string) => {
    const tx = await (await provider.getSigner()).sendTransaction({ to, value: BigInt(valueWei) })
    const receipt = await tx.wait()
    return { hash: tx.hash, status: receipt?.status }
  },
}
