// A dApp as wagmi users write it (@wagmi/core with its injected connector found by EIP-6963, the way
// RainbowKit and AppKit sites connect): connect, read a balance, sign, switch chain, send, disconnect.
// It records every status wagmi goes through, so a test can tell it never dropped the connection.
import { connect, createConfig, disconnect, getBalance, getConnection, getConnectors, http, reconnect, sendTransaction, signMessage, switchChain, waitForTransactionReceipt, watchConnection } from '@wagmi/core'
import { defineChain, type Address } from 'viem'

const devnet = (id: number, port: number) =>
  defineChain({ id, name: `Devnet ${id}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [`http://127.0.0.1:${port}`] } } })
const chains = [devnet(900, 8545), devnet(901, 8546), devnet(902, 8547)] as const
const config = createConfig({ chains, transports: { 900: http(), 901: http(), 902: http() } })

const statuses: string[] = []
watchConnection(config, { onChange: (c) => statuses.push(`${c.status}:${c.address ?? ''}:${c.chainId ?? ''}`) })
void reconnect(config)

const ours = () => {
  const c = getConnectors(config).find((x) => x.id === 'io.rollupwallet')
  if (!c) throw new Error('Rollup Wallet was not discovered (EIP-6963)')
  return c
}

;(window as unknown as { dapp: unknown }).dapp = {
  connectors: () => getConnectors(config).map((c) => ({ id: c.id, name: c.name, type: c.type })),
  connect: async () => {
    const r = await connect(config, { connector: ours() })
    return { accounts: r.accounts, chainId: r.chainId }
  },
  state: () => {
    const c = getConnection(config)
    return { status: c.status, address: c.address ?? null, chainId: c.chainId ?? null }
  },
  statuses: () => statuses,
  /** asks the wallet itself (eth_accounts through the connector) */
  walletAccounts: () => ours().getAccounts(),
  balance: async () => (await getBalance(config, { address: getConnection(config).address! })).value.toString(),
  sign: (message: string) => signMessage(config, { message }),
  switchChain: async (chainId: 900 | 901 | 902) => ((await switchChain(config, { chainId })) as { id: number }).id,
  send: async (to: Address, value: string) => {
    const hash = await sendTransaction(config, { to, value: BigInt(value) })
    const receipt = await waitForTransactionReceipt(config, { hash, pollingInterval: 200 })
    return { hash, status: receipt.status, chainId: getConnection(config).chainId }
  },
  disconnect: () => disconnect(config),
}
