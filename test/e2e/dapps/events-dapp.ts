// A dApp that follows contract events as ethers v6 users write it: contract.on('Transfer', …) over a
// BrowserProvider (ethers asks for a filter with eth_newFilter and polls it every block).
import { BrowserProvider, Contract, type Eip1193Provider } from 'ethers'

const eth = (window as unknown as { ethereum: Eip1193Provider }).ethereum
const seen: { from: string; to: string; value: string; block: number }[] = []
const errors: string[] = []
const chainEvents: string[] = []
;(eth as unknown as { on(e: string, f: (x: string) => void): void }).on('chainChanged', (c) => chainEvents.push(c))
let contract: Contract | null = null

;(window as unknown as { dapp: unknown }).dapp = {
  chainId: async () => Number(await eth.request({ method: 'eth_chainId' })),
  chainEvents: () => chainEvents,
  connect: () => eth.request({ method: 'eth_requestAccounts' }),
  switchChain: (id: number) => eth.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x' + id.toString(16) }] }),
  follow: async (token: string) => {
    const provider = new BrowserProvider(eth, undefined, { pollingInterval: 300 })
    provider.on('error', (e: Error) => errors.push(e.message))
    contract = new Contract(token, ['event Transfer(address indexed from, address indexed to, uint256 value)'], provider)
    await contract.on('Transfer', (from: string, to: string, value: bigint, ev: { log: { blockNumber: number } }) => {
      seen.push({ from, to, value: value.toString(), block: ev.log.blockNumber })
    })
  },
  events: () => seen,
  errors: () => errors,
  stop: () => contract?.removeAllListeners(),
}
