// The topics (src/topics.ts) over one runtime port per page: the page sends { op: 'sub', sub, topic,
// key } / { op: 'unsub', sub }; the background posts { sub, value } or { sub, error } at once and on
// every change. A page that closes (or a worker that stops) ends its subscriptions with the port.
import type browser from 'webextension-polyfill'
import type { TopicHub } from '../src/topics/hub.ts'
import { TOPIC_PORT, isTopicRequest } from '../src/wire/topics.ts'

/** `refused`: a topic not served now, with the error its subscriber gets (a stopped wallet serves only its state) */
export function serveTopics(port: browser.Runtime.Port, hub: TopicHub, ready: Promise<unknown>, refused: (topic: string) => { code: string; message: string } | null): void {
  if (port.name !== TOPIC_PORT) return port.disconnect()
  const subs = new Map<number, () => void>()
  let open = true
  port.onMessage.addListener((msg: unknown) => {
    if (!isTopicRequest(msg)) return
    if (msg.op === 'unsub') {
      subs.get(msg.sub)?.()
      subs.delete(msg.sub)
      return
    }
    void ready.then(() => {
      if (!open || subs.has(msg.sub)) return
      const error = refused(msg.topic)
      if (error) return port.postMessage({ sub: msg.sub, error })
      subs.set(
        msg.sub,
        hub.subscribe(msg.topic, msg.key, (v) => {
          if (open) port.postMessage({ sub: msg.sub, ...v })
        }),
      )
    })
  })
  port.onDisconnect.addListener(() => {
    open = false
    for (const stop of subs.values()) stop()
    subs.clear()
  })
}
