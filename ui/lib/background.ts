// The ui's only way to the background: typed calls from src/messages.ts.
import browser from 'webextension-polyfill'
import { createClient } from '../../src/messaging.ts'
import type { UiCalls } from '../../src/messages.ts'

export const bg = createClient<UiCalls>('ui', (env) => browser.runtime.sendMessage(env))
