// Follows a topic of the background (src/topics.ts) over one runtime port per page: the value comes
// at once and again on every change, with no polling. When the port closes (the service worker
// stopped) the page connects again and subscribes again, so a screen left open keeps following.
// A page subscribes to each (topic, key) once however many screens follow it, and keeps its last
// value: a screen that starts following gets it at once, and `prefetch` asks for a value before the
// screen that shows it is drawn (the popup asks for Home's balances as soon as it knows the account).
// A page with a boot step (ui/popup/boot.ts) opened the port before its other modules ran: the first
// connect takes that port, its subscriptions and their values.
import { useEffect, useState } from 'preact/hooks'
import browser from 'webextension-polyfill'
import type { TopicName, UiTopics } from '../../src/topics.ts'
import { TOPIC_PORT } from '../../src/wire/topics.ts'
import type { TopicBoot } from './topic-boot.ts'

type Msg = { value: unknown } | { error: { code: string | number; message: string } }
type Listener = (msg: Msg) => void

interface Followed {
  sub: number
  topic: string
  key: string | null
  listeners: Set<Listener>
  /** prefetches holding the subscription open until a screen follows it */
  holds: number
  last: Msg | null
}

let port: browser.Runtime.Port | null = null
let nextSub = 1
const followed = new Map<string, Followed>()
const bySub = new Map<number, Followed>()
const slot = (topic: string, key: string | null) => `${topic}\u0000${key ?? ''}\u0000${key === null ? 'n' : 'k'}`

/** The boot step's port, once. */
function takeBoot(): TopicBoot | null {
  const boot = (globalThis as { __rwTopicBoot?: TopicBoot }).__rwTopicBoot
  if (!boot || boot.taken) return null
  boot.taken = true
  return boot
}

function connect(): browser.Runtime.Port {
  if (port) return port
  const boot = takeBoot()
  const p = boot ? (boot.port as unknown as browser.Runtime.Port) : browser.runtime.connect({ name: TOPIC_PORT })
  port = p
  p.onMessage.addListener((msg: unknown) => {
    const m = msg as { sub?: number }
    const f = typeof m?.sub === 'number' ? bySub.get(m.sub) : undefined
    if (!f) return
    f.last = msg as Msg
    for (const l of [...f.listeners]) l(msg as Msg)
  })
  p.onDisconnect.addListener(() => {
    port = null
    // the worker stopped or restarted: subscribe again on a new port
    if (followed.size) setTimeout(() => resubscribe(), 200)
  })
  // the boot script's subscriptions, held like a prefetch until the screens follow them
  for (const b of boot?.subs ?? []) {
    const f: Followed = { sub: b.sub, topic: b.topic, key: b.key, listeners: new Set(), holds: 0, last: null }
    followed.set(slot(b.topic, b.key), f)
    bySub.set(f.sub, f)
    nextSub = Math.max(nextSub, f.sub + 1)
    hold(f, PREFETCH_HOLD_MS)
  }
  return p
}

const PREFETCH_HOLD_MS = 3_000

function hold(f: Followed, ms: number): void {
  f.holds++
  setTimeout(() => {
    f.holds--
    release(f)
  }, ms)
}

function resubscribe(): void {
  const p = connect()
  for (const f of followed.values()) p.postMessage({ op: 'sub', sub: f.sub, topic: f.topic, key: f.key })
}

function follow(topic: string, key: string | null): Followed {
  const p = connect()
  const k = slot(topic, key)
  let f = followed.get(k)
  if (!f) {
    f = { sub: nextSub++, topic, key, listeners: new Set(), holds: 0, last: null }
    followed.set(k, f)
    bySub.set(f.sub, f)
    p.postMessage({ op: 'sub', sub: f.sub, topic, key })
  }
  return f
}

function release(f: Followed): void {
  if (f.listeners.size || f.holds || followed.get(slot(f.topic, f.key)) !== f) return
  followed.delete(slot(f.topic, f.key))
  bySub.delete(f.sub)
  try {
    port?.postMessage({ op: 'unsub', sub: f.sub })
  } catch {
    // the port closed meanwhile
  }
}

/** Subscribes; the last value, if one came, is handed over at once. Returns the unsubscribe. */
export function subscribe<T extends TopicName>(topic: T, key: UiTopics[T]['key'], listener: (msg: { value: UiTopics[T]['value'] } | { error: { code: string | number; message: string } }) => void): () => void {
  const f = follow(topic, key)
  const l = listener as Listener
  f.listeners.add(l)
  if (f.last) l(f.last)
  return () => {
    f.listeners.delete(l)
    release(f)
  }
}

/** Asks for a topic's value now, for a screen about to follow it; let go after `holdMs` if none does. */
export function prefetch<T extends TopicName>(topic: T, key: UiTopics[T]['key'], holdMs = PREFETCH_HOLD_MS): void {
  hold(follow(topic, key), holdMs)
}

/** The last value pushed for (topic, key) while this page follows it, else null. */
export function lastValue<T extends TopicName>(topic: T, key: UiTopics[T]['key'] | null): UiTopics[T]['value'] | null {
  const last = followed.get(slot(topic, key))?.last
  return last && 'value' in last ? (last.value as UiTopics[T]['value']) : null
}

export interface TopicState<V> {
  value: V | null
  error: string | null
}

/** A topic's value as state: null until the first push; `key` null subscribes to nothing (for keyed topics). */
export function useTopic<T extends TopicName>(topic: T, key: UiTopics[T]['key'] | null, opts: { keyed?: boolean } = {}): TopicState<UiTopics[T]['value']> {
  const known = opts.keyed && key === null ? null : lastValue(topic, key)
  const [state, setState] = useState<TopicState<UiTopics[T]['value']>>(() => ({ value: known, error: null }))
  useEffect(() => {
    // another key: nothing of the previous one's stays on screen
    setState((s) => (s.value === known && !s.error ? s : { value: known, error: null }))
    if (opts.keyed && key === null) return
    return subscribe(topic, key as UiTopics[T]['key'], (m) => setState((s) => ('value' in m ? (s.value === m.value && !s.error ? s : { value: m.value, error: null }) : { value: s.value, error: m.error.message })))
  }, [topic, key])
  return state
}
