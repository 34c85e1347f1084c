// A page written for MetaMask only, the way many still are: it enables itself only when
// window.ethereum.isMetaMask, turns off the long-gone auto-refresh, and uses the legacy API
// (sendAsync, selectedAddress, _metamask.isUnlocked). Module code: strict mode, so a write that
// throws would stop it.
type Legacy = {
  isMetaMask?: boolean
  isRollupWallet?: boolean
  autoRefreshOnNetworkChange?: boolean
  chainId?: string | null
  selectedAddress?: string | null
  request(a: { method: string; params?: unknown[] }): Promise<unknown>
  sendAsync(p: object, cb: (e: unknown, r: { result?: unknown }) => void): void
  _metamask?: { isUnlocked(): Promise<boolean> }
}
const log: string[] = []

;(window as unknown as { dapp: unknown }).dapp = {
  start: async () => {
    const eth = (window as unknown as { ethereum?: Legacy }).ethereum
    if (!eth?.isMetaMask) return { ok: false, why: 'MetaMask not found' }
    eth.autoRefreshOnNetworkChange = false
    log.push(`autoRefreshOnNetworkChange=${String(eth.autoRefreshOnNetworkChange)}`)
    // read-only legacy fields take a write without throwing (and keep their value)
    eth.chainId = '0x1'
    let tampered = 'refused'
    try {
      ;(eth as unknown as { request: unknown }).request = () => Promise.resolve('hijacked')
      tampered = 'replaced'
    } catch {
      tampered = 'refused'
    }
    const accounts = (await eth.request({ method: 'eth_requestAccounts' })) as string[]
    const chainId = await new Promise((resolve, reject) => eth.sendAsync({ id: 1, jsonrpc: '2.0', method: 'eth_chainId', params: [] }, (e, r) => (e ? reject(e) : resolve(r.result))))
    return {
      ok: true,
      accounts,
      chainId,
      chainIdField: eth.chainId,
      selectedAddress: eth.selectedAddress,
      isRollupWallet: eth.isRollupWallet,
      unlocked: await eth._metamask?.isUnlocked(),
      tampered,
      log,
    }
  },
}
