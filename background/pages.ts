// The documents' ports (src/wire/page.ts, PAGE_PORT): each relay opens one runtime port for its
// document and says hello with its secret; requests come in on it and answers and events go out on
// it only. Who the document is comes from the port's sender (tab, frame, origin, and in Chromium the
// document id), never from what it says. When the port closes (the document navigated, its tab
// closed, it went into the back/forward cache) its pending approvals are withdrawn.
import type browser from 'webextension-polyfill'
import type { Core } from '../src/core.ts'
import type { PageChannel, PageDoc } from '../src/provider/documents.ts'
import type { SenderKind } from '../src/provider/sender.ts'
import { checkPortMessage, MAX_IN_FLIGHT } from '../src/wire/page.ts'
import type { WalletToPage } from '../src/wire/push.ts'
import { documentIdOf } from './platform.ts'

export function servePagePort(port: browser.Runtime.Port, who: SenderKind, core: Core, ready: Promise<unknown>): void {
  if (who.kind !== 'content') return port.disconnect()
  let open = true
  let doc: PageDoc | null = null
  let inFlight = 0
  const channel: PageChannel = {
    post(msg: WalletToPage) {
      if (!open) return false
      try {
        port.postMessage(msg)
        return true
      } catch {
        open = false
        return false
      }
    },
    close() {
      if (!open) return
      open = false
      try {
        port.disconnect()
      } catch {
        // already gone
      }
    },
  }
  // messages are handled in order: a request never overtakes the hello before it
  let queue: Promise<unknown> = ready
  port.onMessage.addListener((raw: unknown) => {
    const msg = checkPortMessage(raw)
    if (!msg) return
    if (msg.kind === 'hello') {
      if (doc) return // one hello per port
      const documentId = documentIdOf(port.sender ?? {})
      doc = { origin: who.origin, tabId: who.tabId, frameId: who.frameId, doc: msg.doc, ...(documentId ? { documentId } : {}) }
      const d = doc
      queue = queue.then(() => core.provider.openDocument(d, channel, msg.pending, msg.again)).catch((err) => console.error('page port failed', err))
      return
    }
    const d = doc
    if (!d) return port.disconnect() // a request before hello: not a relay of ours
    const { request } = msg
    if (inFlight >= MAX_IN_FLIGHT) {
      channel.post({ kind: 'response', id: request.id, reply: { error: { code: -32005, message: `Too many requests in flight (limit ${MAX_IN_FLIGHT}); wait for some to finish.` } } })
      return
    }
    inFlight++
    // requests run side by side (a slow RPC read must not hold the others); only the hello is awaited
    const run = queue.then(async () => {
      try {
        const reply = await core.provider.request(request, d)
        channel.post('deferred' in reply ? { kind: 'deferred', id: request.id } : { kind: 'response', id: request.id, reply })
      } catch (err) {
        channel.post({ kind: 'response', id: request.id, reply: { error: { code: -32603, message: (err as Error).message ?? 'Internal error' } } })
      } finally {
        inFlight--
      }
    })
    run.catch(() => undefined)
  })
  port.onDisconnect.addListener(() => {
    open = false
    const d = doc
    if (d) void queue.then(() => core.provider.documentGone(d.doc, channel)).catch((err) => console.error('document gone failed', err))
  })
}
