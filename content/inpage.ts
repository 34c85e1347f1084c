// MAIN world: the EIP-1193 provider a page sees, announced by EIP-6963 and (when free, or when
// the user made this the default wallet) as window.ethereum. It has no privileges: every request
// goes to the ISOLATED-world relay by window.postMessage and from there to the background.
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

const provider = {
  isRollupWallet: true,
  /** EIP-1193 */
  request(args: RequestArguments): Promise<unknown> {
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
  },
  on(event: string, fn: Listener) {
    if (typeof fn !== 'function') return provider
    if (!listeners.has(event)) listeners.set(event, new Set())
    listeners.get(event)!.add(fn)
    return provider
  },
  once(event: string, fn: Listener) {
    const wrapper: Listener = (...a) => {
      provider.removeListener(event, wrapper)
      fn(...a)
    }
    return provider.on(event, wrapper)
  },
  removeListener(event: string, fn: Listener) {
    listeners.get(event)?.delete(fn)
    return provider
  },
  off(event: string, fn: Listener) {
    return provider.removeListener(event, fn)
  },
  removeAllListeners(event?: string) {
    if (event) listeners.delete(event)
    else listeners.clear()
    return provider
  },
  listenerCount(event: string) {
    return listeners.get(event)?.size ?? 0
  },
  /** legacy: some dApps still call it */
  enable() {
    return provider.request({ method: 'eth_requestAccounts' })
  },
  isConnected() {
    return known.connected
  },
  get chainId() {
    return known.chainId
  },
  get selectedAddress() {
    return known.accounts?.[0] ?? null
  },
}

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

const frozen = Object.freeze(provider)

function claimWindowEthereum(force: boolean) {
  const w = window as unknown as { ethereum?: unknown }
  if (w.ethereum === frozen) return
  if (w.ethereum !== undefined && !force) return
  try {
    Object.defineProperty(window, 'ethereum', { value: frozen, configurable: true, writable: true, enumerable: true })
  } catch {
    // another wallet made it non-configurable: we stay reachable through EIP-6963
  }
  window.dispatchEvent(new Event('ethereum#initialized'))
}
claimWindowEthereum(false)

// EIP-6963: announce now and whenever a dApp asks.
const info = Object.freeze({ uuid: crypto.randomUUID(), name: WALLET_NAME, icon: WALLET_ICON_DATA_URI, rdns: WALLET_RDNS })
function announce() {
  window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider: frozen }) }))
}
window.addEventListener('eip6963:requestProvider', announce)
announce()
