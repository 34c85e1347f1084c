// The ui's only ways to the background: typed calls (src/calls.ts) and topics (./topic.ts).
import browser from 'webextension-polyfill'
import { createClient } from '../../src/wire/messaging.ts'
import type { UiCalls } from '../../src/calls.ts'

export const bg = createClient<UiCalls>('ui', (env) => browser.runtime.sendMessage(env))
