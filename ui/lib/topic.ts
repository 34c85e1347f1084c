// Follows a topic of the background (src/topics.ts) over one runtime port per page: the value comes
// at once and again on every change, with no polling. When the port closes (the service worker
// stopped) the page connects again and subscribes again, so a screen left open keeps following.
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import type { TopicName, UiTopics } from '../../src/topics.ts'
import { TOPIC_PORT } from '../../src/wire/topics.ts'

type Listener = (msg: { value: unknown } | { error: { code: string | number; message: string } }) => void

let port: browser.Runtime.Port | null = null
let nextSub = 1
const subs = new Map<number, { topic: string; key: string | null; listener: Listener }>()

function connect(): browser.Runtime.Port {
  if (port) return port
  const p = browser.runtime.connect({ name: TOPIC_PORT })
  port = p
  p.onMessage.addListener((msg: unknown) => {
    const m = msg as { sub?: number }
    if (typeof m?.sub === 'number') subs.get(m.sub)?.listener(msg as never)
  })
  p.onDisconnect.addListener(() => {
    port = null
    // the worker stopped or restarted: subscribe again on a new port
    if (subs.size) setTimeout(() => resubscribe(), 200)
  })
  return p
}

function resubscribe(): void {
  const p = connect()
  for (const [sub, s] of subs) p.postMessage({ op: 'sub', sub, topic: s.topic, key: s.key })
}

/** Subscribes; returns the unsubscribe. */
export function subscribe<T extends TopicName>(topic: T, key: UiTopics[T]['key'], listener: (msg: { value: UiTopics[T]['value'] } | { error: { code: string | number; message: string } }) => void): () => void {
  const sub = nextSub++
  subs.set(sub, { topic, key, listener: listener as Listener })
  connect().postMessage({ op: 'sub', sub, topic, key })
  return () => {
    subs.delete(sub)
    try {
      port?.postMessage({ op: 'unsub', sub })
    } catch {
      // the port closed meanwhile
    }
  }
}

export interface TopicState<V> {
  value: V | null
  error: string | null
}

/** A topic's value as state: null until the first push; `key` null subscribes to nothing (for keyed topics). */
export function useTopic<T extends TopicName>(topic: T, key: UiTopics[T]['key'] | null, opts: { keyed?: boolean } = {}): TopicState<UiTopics[T]['value']> {
  const [state, setState] = useState<TopicState<UiTopics[T]['value']>>({ value: null, error: null })
  useEffect(() => {
    setState({ value: null, error: null })
    if (opts.keyed && key === null) return
    return subscribe(topic, key as UiTopics[T]['key'], (m) => setState('value' in m ? { value: m.value, error: null } : (s) => ({ value: s.value, error: m.error.message })))
  }, [topic, key])
  return state
}
