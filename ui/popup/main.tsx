// First: the popup's ask for what its first screen shows (ui/popup/boot.ts), before the rest of the
// script's modules run.
import './boot.ts'
import { render } from 'preact'
import { prefetch, subscribe } from '../lib/topic.ts'
import { App } from './App.tsx'
import { hintStore, homeTopics, rememberHomeAccount } from './first-topics.ts'

// The wallet's state is asked for before the first render, and Home's balances and prices as soon as
// it names the account (not once the unlocked screens are drawn): one round trip to the background
// less before the cached balances are on screen. Each state keeps the boot step's guess of the
// account (ui/popup/first-topics.ts) true for the next open.
prefetch('wallet', null)
let first = true
subscribe('wallet', null, (m) => {
  if (!('value' in m)) return
  rememberHomeAccount(m.value, hintStore())
  if (first) for (const t of homeTopics(m.value, location.hash)) prefetch(t.topic, t.key)
  first = false
})

// the HTML's first frame (build.mjs) gives way to the first render, in the same task: no blank frame
const root = document.getElementById('root')!
root.textContent = ''
render(<App />, root)
