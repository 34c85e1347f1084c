// Who sent a message to the background, decided from what the browser reports (runtime.MessageSender),
// never from what the message claims.
export interface SenderLike {
  id?: string
  url?: string
  origin?: string
  tab?: { id?: number }
  frameId?: number
}

export type SenderKind =
  | { kind: 'extension-page' }
  | { kind: 'content'; origin: string; tabId: number; frameId: number }
  | { kind: 'rejected'; reason: string }

/**
 * @param extensionId this extension's runtime id
 * @param extensionOrigin e.g. "chrome-extension://abc…" or "moz-extension://uuid" (no trailing slash)
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind {
  if (sender.id !== extensionId) return { kind: 'rejected', reason: 'message from another extension' }
  const url = sender.url ?? ''
  const fromExtensionPage = url.startsWith(extensionOrigin + '/')
  if (fromExtensionPage) return { kind: 'extension-page' }
  if (!sender.tab || typeof sender.tab.id !== 'number' || sender.tab.id < 0) return { kind: 'rejected', reason: 'not from a tab' }
  const origin = originOf(sender)
  if (!origin) return { kind: 'rejected', reason: 'the page has no origin a wallet can grant (opaque or file origin)' }
  return { kind: 'content', origin, tabId: sender.tab.id, frameId: sender.frameId ?? 0 }
}

function originOf(sender: SenderLike): string | null {
  // Chrome reports the frame's real origin (also for about:blank and sandboxed frames: "null").
  const raw = sender.origin ?? (sender.url ? safeOrigin(sender.url) : null)
  if (!raw || raw === 'null') return null
  if (!/^https?:\/\//.test(raw)) return null
  return raw
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}
