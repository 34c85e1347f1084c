// A dApp that batches with EIP-5792 as viem users write it: wallet_sendCalls when the wallet offers
// it, and the fallback dApps ship for when capabilities say atomic execution is not there (one
// eth_sendTransaction per call, each waited for).
import { createPublicClient, createWalletClient, custom, encodeFunctionData, parseAbi, type Address, type EIP1193Provider, type Hex } from 'viem'

const eth = (window as unknown as { ethereum: EIP1193Provider }).ethereum
const wallet = createWalletClient({ transport: custom(eth) })
const pub = createPublicClient({ transport: custom(eth), pollingInterval: 200 })
const tokenAbi = parseAbi(['function approve(address spender, uint256 amount) returns (bool)'])
const pullerAbi = parseAbi(['function pull(address token, uint256 amount)'])
let account: Address | undefined

const calls = (token: Address, puller: Address, amount: string) => [
  { to: token, data: encodeFunctionData({ abi: tokenAbi, functionName: 'approve', args: [puller, BigInt(amount)] }) },
  { to: puller, data: encodeFunctionData({ abi: pullerAbi, functionName: 'pull', args: [token, BigInt(amount)] }) },
]
const chain = async () => ({ id: await wallet.getChainId(), name: 'devnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [] } } })

;(window as unknown as { dapp: unknown }).dapp = {
  connect: async () => {
    ;[account] = await wallet.requestAddresses()
    return [account]
  },
  chainId: () => wallet.getChainId(),
  switchChain: (id: number) => wallet.switchChain({ id }),
  capabilities: async () => wallet.getCapabilities({ account: account!, chainId: await wallet.getChainId() }),
  /** wallet_sendCalls, then waits for the status: what viem's sendCalls + waitForCallsStatus give a dApp */
  sendCalls: async (token: Address, puller: Address, amount: string) => {
    const { id } = await wallet.sendCalls({ account: account!, chain: await chain(), calls: calls(token, puller, amount) })
    const status = await wallet.waitForCallsStatus({ id, pollingInterval: 300, timeout: 60_000 })
    return { id, status: status.status, statusCode: status.statusCode, receipts: status.receipts?.map((r) => ({ hash: r.transactionHash, status: r.status, block: r.blockNumber.toString() })) }
  },
  /** wallet_showCallsStatus: the wallet shows the batch */
  showStatus: (id: string) => wallet.showCallsStatus({ id }),
  /** atomic or nothing: the error the wallet gives when it cannot */
  sendAtomic: async (token: Address, puller: Address, amount: string) => {
    try {
      await wallet.sendCalls({ account: account!, chain: await chain(), calls: calls(token, puller, amount), forceAtomic: true })
      return 'sent'
    } catch (e) {
      const err = e as { code?: number; cause?: { code?: number } }
      return err.code ?? err.cause?.code ?? 'no code'
    }
  },
  /** the fallback path: capabilities decide */
  sendPreferAtomic: async (token: Address, puller: Address, amount: string) => {
    const caps = (await wallet.getCapabilities({ account: account!, chainId: await wallet.getChainId() })) as { atomic?: { status?: string } }
    if (caps.atomic?.status === 'supported' || caps.atomic?.status === 'ready') return { mode: 'atomic' }
    const receipts: { hash: Hex; status: string; block: string }[] = []
    for (const c of calls(token, puller, amount)) {
      const hash = await wallet.sendTransaction({ account: account!, chain: null, ...c })
      const r = await pub.waitForTransactionReceipt({ hash })
      receipts.push({ hash, status: r.status, block: r.blockNumber.toString() })
    }
    return { mode: 'one by one', atomic: caps.atomic?.status ?? 'none', receipts }
  },
}
