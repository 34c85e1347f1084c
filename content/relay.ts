// ISOLATED world: the bridge between the page's provider and the background. It forwards only
// well-formed provider requests from its own window, only on the 'page' channel (a page can
// never reach the calls meant for the wallet's UI), and hands pushed answers and events back.
import browser from 'webextension-polyfill'
import { createClient } from '../src/wire/messaging.ts'
import { checkPageRequest, RELAY_TAG, type PageCalls, type ProviderRequest } from '../src/wire/page.ts'
import { isPushToTab } from '../src/wire/push.ts'
import type { RequestId } from '../src/wire/ids.ts'
import { readSettings, SETTINGS_KEY } from '../src/storage/settings.ts'
import type { ErrorShape } from '../src/errors.ts'

/** Requests in flight from this frame; beyond this a flooding page gets -32005 at once. */
const MAX_IN_FLIGHT = 200
const inFlight = new Set<RequestId>()

const call = createClient<PageCalls>('page', (env) => browser.runtime.sendMessage(env), { timeoutMs: 60_000 })

function post(msg: Record<string, unknown>) {
  window.postMessage({ source: RELAY_TAG, ...msg }, '*')
}
function respond(id: RequestId, reply: { result: unknown } | { error: ErrorShape }) {
  inFlight.delete(id)
  post({ kind: 'response', id, ...reply })
}

async function forward(req: ProviderRequest) {
  try {
    const reply = await call('provider.request', req)
    if ('deferred' in reply) return // the answer is pushed when the user decides
    respond(req.id, reply)
  } catch (err) {
    const e = err as { message?: string }
    respond(req.id, { error: { code: 4900, message: `The wallet is not reachable: ${e.message ?? 'unknown error'}` } })
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
  inFlight.add(req.id)
  void forward(req)
})

browser.runtime.onMessage.addListener((msg: unknown) => {
  if (!isPushToTab(msg)) return undefined
  if (msg.kind === 'response') respond(msg.id, msg.reply)
  else post({ kind: 'event', event: msg.event, data: msg.data })
  return undefined
})

// The "default wallet" choice is read straight from storage: no need to wake the background.
browser.storage.local
  .get(SETTINGS_KEY)
  .then((got) => {
    if (readSettings(got[SETTINGS_KEY]).defaultWallet) post({ kind: 'config', isDefaultWallet: true })
  })
  .catch(() => undefined)
