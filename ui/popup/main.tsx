import { render } from 'preact'
import { prefetch, subscribe } from '../lib/topic.ts'
import { App } from './App.tsx'
import { homeTopics } from './first-topics.ts'

// The wallet's state is asked for before the first render, and Home's balances and prices as soon as
// it names the account (not once the unlocked screens are drawn): one round trip to the background
// less before the cached balances are on screen.
prefetch('wallet', null)
const stop = subscribe('wallet', null, (m) => {
  queueMicrotask(() => stop())
  if ('value' in m) for (const t of homeTopics(m.value, location.hash)) prefetch(t.topic, t.key)
})

// the HTML's first frame (build.mjs) gives way to the first render, in the same task: no blank frame
const root = document.getElementById('root')!
root.textContent = ''
render(<App />, root)
