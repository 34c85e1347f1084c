// MAIN world: the EIP-1193 provider a page sees, announced by EIP-6963 and (when free, or when
// the user made this the default wallet) as window.ethereum, where it answers isMetaMask as other
// wallets do for the pages that look for it. It has no privileges: every request goes to the
// ISOLATED-world relay by window.postMessage and from there to the background.
import { INPAGE_TAG, RELAY_TAG } from '../src/wire/page.ts'
import { PROVIDER_EVENTS, type ProviderEventName } from '../src/wire/push.ts'
import { isPlainObject, isRequestId, type RequestId } from '../src/wire/ids.ts'
import { WALLET_ICON_DATA_URI, WALLET_NAME, WALLET_RDNS } from '../src/brand.ts'

interface RequestArguments {
  method: string
  params?: unknown[] | Record<string, unknown>
}

class ProviderRpcError extends Error {
  code: number
  data?: unknown
  constructor(code: number, message: string, data?: unknown) {
    super(message)
    this.code = code
    if (data !== undefined) this.data = data
  }
}

type Listener = (...args: unknown[]) => void

const idPrefix = Math.random().toString(36).slice(2, 8)
let nextId = 1
const pending = new Map<RequestId, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>()
const listeners = new Map<string, Set<Listener>>()
/** What the page has been told, so events fire only on real changes (pushes may repeat).
 * `connected` is false only between a pushed `disconnect` (every RPC of the chain failed) and `connect`. */
const known: { chainId: string | null; accounts: string[] | null; connected: boolean } = { chainId: null, accounts: null, connected: true }

function learnChain(chainId: unknown) {
  if (typeof chainId !== 'string' || !/^0x[0-9a-f]+$/i.test(chainId)) return
  const before = known.chainId
  known.chainId = chainId
  if (before === null) emit('connect', { chainId })
  else if (before !== chainId) emit('chainChanged', chainId)
}

function learnAccounts(accounts: unknown, fromRequest: boolean) {
  if (!Array.isArray(accounts) || !accounts.every((a) => typeof a === 'string')) return
  const before = known.accounts
  known.accounts = accounts as string[]
  const changed = before === null ? fromRequest && accounts.length > 0 : before.join() !== accounts.join()
  if (changed) emit('accountsChanged', accounts)
}

function emit(event: string, ...args: unknown[]) {
  for (const fn of [...(listeners.get(event) ?? [])]) {
    try {
      fn(...args)
    } catch (err) {
      setTimeout(() => {
        throw err
      })
    }
  }
}

/** EIP-1193 request, shared by every entry point (request, the legacy send/sendAsync, _metamask). */
function request(args: RequestArguments): Promise<unknown> {
  if (!args || typeof args !== 'object' || typeof args.method !== 'string') {
    return Promise.reject(new ProviderRpcError(-32600, 'Invalid request: expected { method: string, params?: array | object }.'))
  }
  const id = `${idPrefix}:${nextId++}`
  const method = args.method
  return new Promise((resolve, reject) => {
    pending.set(id, {
      resolve: (v) => {
        if (method === 'eth_chainId') learnChain(v)
        else if (method === 'eth_accounts') learnAccounts(v, false)
        else if (method === 'eth_requestAccounts') learnAccounts(v, true)
        resolve(v)
      },
      reject,
    })
    try {
      window.postMessage({ source: INPAGE_TAG, kind: 'request', id, method: args.method, params: args.params }, '*')
    } catch {
      pending.delete(id)
      reject(new ProviderRpcError(-32602, 'Invalid params: they cannot be sent (functions, DOM nodes and cycles are not JSON).'))
    }
  })
}

type JsonRpcPayload = { id?: unknown; jsonrpc?: unknown; method: string; params?: unknown[] | Record<string, unknown> }
type Callback = (error: unknown, response?: unknown) => void

/** Legacy web3.js style: a JSON-RPC payload (or a batch of them) answered through a node-style callback. */
function sendAsync(payload: JsonRpcPayload | JsonRpcPayload[], callback: Callback): void {
  if (typeof callback !== 'function') throw new TypeError('sendAsync needs a callback')
  if (Array.isArray(payload)) {
    Promise.all(payload.map((p) => new Promise((r) => sendAsync(p, (_e, res) => r(res))))).then(
      (res) => callback(null, res),
      (err) => callback(err),
    )
    return
  }
  const base = { id: payload?.id ?? null, jsonrpc: '2.0' }
  request(payload as RequestArguments).then(
    (result) => callback(null, { ...base, result }),
    (err: ProviderRpcError) => callback(err, { ...base, error: { code: err.code, message: err.message, ...(err.data !== undefined ? { data: err.data } : {}) } }),
  )
}

const methods = {
  /** EIP-1193 */
  request,
  on(event: string, fn: Listener) {
    if (typeof fn !== 'function') return provider
    if (!listeners.has(event)) listeners.set(event, new Set())
    listeners.get(event)!.add(fn)
    return provider
  },
  addListener(event: string, fn: Listener) {
    return methods.on(event, fn)
  },
  once(event: string, fn: Listener) {
    const wrapper: Listener = (...a) => {
      methods.removeListener(event, wrapper)
      fn(...a)
    }
    return methods.on(event, wrapper)
  },
  removeListener(event: string, fn: Listener) {
    listeners.get(event)?.delete(fn)
    return provider
  },
  off(event: string, fn: Listener) {
    return methods.removeListener(event, fn)
  },
  removeAllListeners(event?: string) {
    if (event) listeners.delete(event)
    else listeners.clear()
    return provider
  },
  listenerCount(event: string) {
    return listeners.get(event)?.size ?? 0
  },
  listeners(event: string) {
    return [...(listeners.get(event) ?? [])]
  },
  /** legacy: some dApps still call it */
  enable() {
    return request({ method: 'eth_requestAccounts' })
  },
  /** legacy: a payload with a callback, or (method, params) as a promise */
  send(methodOrPayload: string | JsonRpcPayload, paramsOrCallback?: unknown[] | Callback): unknown {
    if (typeof methodOrPayload === 'string') return request({ method: methodOrPayload, ...(Array.isArray(paramsOrCallback) ? { params: paramsOrCallback } : {}) })
    if (typeof paramsOrCallback === 'function') return sendAsync(methodOrPayload, paramsOrCallback)
    // the synchronous form, as MetaMask kept it for the few methods it can answer from memory
    const base = { id: methodOrPayload?.id ?? null, jsonrpc: '2.0' }
    switch (methodOrPayload?.method) {
      case 'eth_accounts':
        return { ...base, result: known.accounts ?? [] }
      case 'eth_coinbase':
        return { ...base, result: known.accounts?.[0] ?? null }
      case 'eth_chainId':
        return { ...base, result: known.chainId }
      case 'net_version':
        return { ...base, result: known.chainId === null ? null : String(Number.parseInt(known.chainId, 16)) }
    }
    throw new ProviderRpcError(4200, `The synchronous send() answers only eth_accounts, eth_coinbase, eth_chainId and net_version; use request({ method: ${JSON.stringify(String(methodOrPayload?.method))} }).`)
  },
  sendAsync,
  isConnected() {
    return known.connected
  },
}

/** MetaMask's own corner, which some dApps read: whether the wallet is unlocked, asked honestly. */
const metamask = Object.freeze({
  isUnlocked: async () => {
    const state = (await request({ method: 'metamask_getProviderState' })) as { isUnlocked?: unknown }
    return state?.isUnlocked === true
  },
})

/**
 * The provider object. Its methods cannot be replaced by the page (non-writable, non-configurable);
 * everything else stays open, as pages expect of MetaMask's: legacy properties can be written
 * (`autoRefreshOnNetworkChange = false` works), and assigning to a read-only legacy property
 * (chainId, selectedAddress, isMetaMask) is ignored instead of throwing in strict-mode code.
 */
const provider: Record<string, unknown> = {}
for (const [name, fn] of Object.entries(methods)) Object.defineProperty(provider, name, { value: fn, enumerable: true, writable: false, configurable: false })
Object.defineProperty(provider, 'isRollupWallet', { value: true, enumerable: true, writable: false, configurable: false })
Object.defineProperty(provider, '_metamask', { value: metamask, enumerable: false, writable: false, configurable: false })
const ignoreWrite = () => undefined
const getters: Record<string, () => unknown> = {
  // as Rabby and Rainbow do: pages that only enable themselves for "MetaMask" work while this wallet
  // holds window.ethereum; through EIP-6963 the wallet says who it is (and here, when it does not)
  isMetaMask: () => (window as unknown as { ethereum?: unknown }).ethereum === provider,
  chainId: () => known.chainId,
  networkVersion: () => (known.chainId === null ? null : String(Number.parseInt(known.chainId, 16))),
  selectedAddress: () => known.accounts?.[0] ?? null,
}
for (const [name, get] of Object.entries(getters)) Object.defineProperty(provider, name, { get, set: ignoreWrite, enumerable: true, configurable: false })
// legacy: MetaMask once reloaded pages on a chain change unless this was false; this wallet never does
provider.autoRefreshOnNetworkChange = false

window.addEventListener('message', (ev: MessageEvent) => {
  if (ev.source !== window) return
  const msg = ev.data
  if (!isPlainObject(msg) || msg.source !== RELAY_TAG) return
  if (msg.kind === 'response' && isRequestId(msg.id)) {
    const p = pending.get(msg.id)
    if (!p) return
    pending.delete(msg.id)
    if (isPlainObject(msg.error)) {
      const e = msg.error
      p.reject(new ProviderRpcError(typeof e.code === 'number' ? e.code : -32603, typeof e.message === 'string' ? e.message : 'Request failed', e.data))
    } else p.resolve(msg.result)
  } else if (msg.kind === 'event' && PROVIDER_EVENTS.includes(msg.event as ProviderEventName)) {
    const event = msg.event as ProviderEventName
    if (event === 'disconnect') {
      if (!known.connected) return
      known.connected = false
      const d = isPlainObject(msg.data) ? msg.data : {}
      emit('disconnect', new ProviderRpcError(typeof d.code === 'number' ? d.code : 4900, typeof d.message === 'string' ? d.message : 'Disconnected'))
    } else if (event === 'connect') {
      const d = isPlainObject(msg.data) ? msg.data : {}
      if (known.connected || typeof d.chainId !== 'string') return
      known.connected = true
      known.chainId = d.chainId
      emit('connect', { chainId: d.chainId })
    } else if (event === 'chainChanged') learnChain(msg.data)
    else if (event === 'accountsChanged') {
      if (known.accounts === null) known.accounts = []
      learnAccounts(msg.data, false)
    } else emit(event, msg.data)
  } else if (msg.kind === 'config' && msg.isDefaultWallet === true) {
    claimWindowEthereum(true)
  }
})

function claimWindowEthereum(force: boolean) {
  const w = window as unknown as { ethereum?: unknown }
  if (w.ethereum === provider) return
  if (w.ethereum !== undefined && !force) return
  try {
    Object.defineProperty(window, 'ethereum', { value: provider, configurable: true, writable: true, enumerable: true })
  } catch {
    // another wallet made it non-configurable: we stay reachable through EIP-6963
  }
  window.dispatchEvent(new Event('ethereum#initialized'))
}
claimWindowEthereum(false)

// EIP-6963: announce now and whenever a dApp asks.
const info = Object.freeze({ uuid: crypto.randomUUID(), name: WALLET_NAME, icon: WALLET_ICON_DATA_URI, rdns: WALLET_RDNS })
function announce() {
  window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }))
}
window.addEventListener('eip6963:requestProvider', announce)
announce()
