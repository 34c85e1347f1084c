// The popup's first step, the first module its script runs (ui/popup/main.tsx imports it first):
// it opens the topic port and asks for the wallet's state and, when Home is the screen, for the
// balances of the account Home showed last and the prices (ui/popup/first-topics.ts), before the rest
// of the script's modules run. ui/lib/topic.ts takes the port and its subscriptions over in the same
// task (main.tsx's first prefetch), before any answer can arrive, and asks for another account's
// balances when the state names one.
import { TOPIC_PORT } from '../../src/wire/topics.ts'
import type { TopicBoot } from '../lib/topic-boot.ts'
import { guessedHomeTopics, hintStore } from './first-topics.ts'

interface RawPort {
  postMessage(m: unknown): void
  onMessage: { addListener(f: (m: unknown) => void): void }
  onDisconnect: { addListener(f: () => void): void }
}

const g = globalThis as { browser?: { runtime?: { connect?: (i: { name: string }) => RawPort } }; chrome?: { runtime?: { connect?: (i: { name: string }) => RawPort } }; __rwTopicBoot?: TopicBoot }
const runtime = g.browser?.runtime?.connect ? g.browser.runtime : g.chrome?.runtime

// when the popup's script started (bench/popup.ts reads it)
performance.mark('popup-script')
if (runtime?.connect && !g.__rwTopicBoot) {
  const port = runtime.connect({ name: TOPIC_PORT })
  const boot: TopicBoot = { port, subs: [], taken: false }
  g.__rwTopicBoot = boot
  const sub = (topic: string, key: string | null) => {
    if (boot.subs.some((s) => s.topic === topic && s.key === key)) return
    const s = { sub: boot.subs.length + 1, topic, key }
    boot.subs.push(s)
    port.postMessage({ op: 'sub', sub: s.sub, topic, key })
  }
  sub('wallet', null)
  for (const t of guessedHomeTopics(location.hash, hintStore())) sub(t.topic, t.key)
}
