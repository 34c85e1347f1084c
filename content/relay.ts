// ISOLATED world: the bridge between the page's provider and the background. It forwards only
// well-formed provider requests from its own window, over its document's own runtime port (one port
// per document: an answer or an event can only come back to this document), and hands answers back
// only for requests it sent itself. The port opens on the first request; it stays open while the
// wallet promised an answer or the site expects events, and is opened again at once (with the same
// secret) if the wallet's worker stopped meanwhile. When a port drops before a request's answer (or
// its "waits for the user"), the request is sent again once on the new port when that cannot do a
// thing twice: a read; a request for the user (the wallet keeps one approval per document and request
// id: asked again, it is the same one); anything sent on a port that dropped before the wallet said a
// word on it (the wallet says its status as soon as it has taken a port's hello, before any request).
// Anything else in flight (a filter poll, a raw transaction) is answered 4900: it may have been done.
import browser from 'webextension-polyfill'
import { checkPageRequest, MAX_IN_FLIGHT, PAGE_PORT, RELAY_TAG, USER_METHODS, type PageToWallet, type ProviderRequest } from '../src/wire/page.ts'
import { isWalletToPage, type ProviderAnswer } from '../src/wire/push.ts'
import type { RequestId } from '../src/wire/ids.ts'
import { readSettings, SETTINGS_KEY } from '../src/storage/settings.ts'

/** This document's secret: made here, where the page cannot read it; a new document has a new relay and a new one. */
const doc = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')

/** Requests sent and not answered yet: 'sent' waits for an answer, 'deferred' waits for the user. */
const inFlight = new Map<RequestId, 'sent' | 'deferred'>()
let port: browser.Runtime.Port | null = null
/** the site expects events (the background said so): reconnect at once when the port drops */
let stay = false
let reconnects = 0
/** Reads without effects, asked again once if the port drops before their answer (not filter polls: a poll moves the filter on). */
const REPEATABLE = /^(eth_(chainId|accounts|blockNumber|call|estimateGas|gasPrice|maxPriorityFeePerGas|feeHistory|getBalance|getCode|getStorageAt|getTransactionCount|getTransactionByHash|getTransactionReceipt|getBlockByNumber|getBlockByHash|getLogs|getProof|syncing|coinbase|blobBaseFee)|net_version|net_listening|web3_clientVersion|wallet_getCapabilities|wallet_getCallsStatus|metamask_getProviderState)$/
/** The requests sent and not answered or deferred yet, to send again if their port drops unheard (or they are reads). */
const sent = new Map<RequestId, ProviderRequest>()
/** Sent again once already: a second drop answers them. */
const resent = new Set<RequestId>()

function post(msg: Record<string, unknown>) {
  window.postMessage({ source: RELAY_TAG, ...msg }, '*')
}
function respond(id: RequestId, reply: ProviderAnswer) {
  sent.delete(id)
  resent.delete(id)
  if (!inFlight.delete(id)) return // an answer to a request this document never sent (or already answered): dropped
  post({ kind: 'response', id, ...reply })
}

/** The requests the wallet promised to answer later (it said 'deferred'): what a new port's hello lists. */
function deferred(): RequestId[] {
  return [...inFlight].filter(([, state]) => state === 'deferred').map(([id]) => id)
}

function send(msg: PageToWallet): void {
  connect().postMessage(msg)
}

function connect(): browser.Runtime.Port {
  if (port) return port
  const p = browser.runtime.connect({ name: PAGE_PORT })
  port = p
  /** the wallet said something on this port: it took the hello, and so the requests after it */
  let heard = false
  p.onMessage.addListener((msg: unknown) => {
    if (!isWalletToPage(msg)) return
    heard = true
    reconnects = 0
    if (msg.kind === 'response') respond(msg.id, msg.reply)
    else if (msg.kind === 'deferred') {
      sent.delete(msg.id)
      if (inFlight.has(msg.id)) inFlight.set(msg.id, 'deferred')
    } else if (msg.kind === 'status') stay = msg.stay
    else post({ kind: 'event', event: msg.event, data: msg.data })
  })
  p.onDisconnect.addListener(() => {
    if (port === p) port = null
    // what was on its way is lost with the worker (sent again once below when that cannot do a thing
    // twice); what waits for the user is kept by the wallet
    const again: ProviderRequest[] = []
    for (const [id, state] of [...inFlight]) {
      if (state !== 'sent') continue
      const req = sent.get(id)
      if (req && !resent.has(id) && (!heard || REPEATABLE.test(req.method) || USER_METHODS.has(req.method))) {
        resent.add(id)
        again.push(req)
      } else respond(id, { error: { code: 4900, message: 'The connection to the wallet was lost before it answered; please send the request again.' } })
    }
    const waiting = [...inFlight.keys()]
    if (!waiting.length && !stay) return
    if (++reconnects > 5) {
      // the extension was reloaded or removed: nobody will answer
      for (const id of waiting) respond(id, { error: { code: 4900, message: 'The wallet is not reachable; reload the page.' } })
      return
    }
    setTimeout(() => {
      try {
        connect()
        for (const req of again) if (inFlight.has(req.id)) forward(req)
      } catch {
        for (const id of [...inFlight.keys()]) respond(id, { error: { code: 4900, message: 'The wallet is not reachable; reload the page.' } })
      }
    }, reconnects > 1 ? 200 * reconnects : 0)
  })
  const again = [...resent].filter((id) => inFlight.get(id) === 'sent')
  p.postMessage({ kind: 'hello', doc, pending: deferred(), ...(again.length ? { again } : {}) } satisfies PageToWallet)
  return p
}

function forward(req: ProviderRequest) {
  try {
    send({ kind: 'request', request: req })
  } catch (err) {
    respond(req.id, { error: { code: 4900, message: `The wallet is not reachable: ${(err as Error).message ?? 'unknown error'}` } })
  }
}

window.addEventListener('message', (ev: MessageEvent) => {
  if (ev.source !== window) return
  let checked: ReturnType<typeof checkPageRequest>
  try {
    // A copy in this realm: no getters, no foreign prototypes (Firefox hands us Xray wrappers).
    checked = checkPageRequest(structuredClone(ev.data))
  } catch {
    return
  }
  if (!checked) return
  if (!checked.ok) {
    if (checked.id !== undefined) post({ kind: 'response', id: checked.id, error: { code: -32602, message: `Invalid request: ${checked.reason}` } })
    return
  }
  const req = checked.request
  if (inFlight.has(req.id)) return
  if (inFlight.size >= MAX_IN_FLIGHT) {
    post({ kind: 'response', id: req.id, error: { code: -32005, message: `Too many requests in flight (limit ${MAX_IN_FLIGHT}); wait for some to finish.` } })
    return
  }
  inFlight.set(req.id, 'sent')
  sent.set(req.id, req)
  forward(req)
})

// The "default wallet" choice is read straight from storage: no need to wake the background.
browser.storage.local
  .get(SETTINGS_KEY)
  .then((got) => {
    if (readSettings(got[SETTINGS_KEY]).defaultWallet) post({ kind: 'config', isDefaultWallet: true })
  })
  .catch(() => undefined)
