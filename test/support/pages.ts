// Web documents for node tests: what background/pages.ts does for a relay's port, over a channel that
// records what the wallet posts (into TestPlatform.pushes). `openPage` is a document saying hello;
// `page.close()` is it navigating away or closing.
import type { PageChannel, PageDoc } from '../../src/provider/documents.ts'
import type { ProviderService } from '../../src/provider/service.ts'
import type { RequestId } from '../../src/wire/ids.ts'
import type { TestPlatform } from './platform.ts'

let nextDoc = 1

/** A fresh document secret (32 hex digits), as a relay makes one. */
export function newDocSecret(): string {
  return (nextDoc++).toString(16).padStart(32, '0')
}

export interface TestPage extends PageDoc {
  channel: PageChannel & { closed: boolean }
  /** the document goes away (navigation, closed tab): its channel closes */
  close(): Promise<void>
}

/** A document at `where` opens its channel to the wallet (with a secret of its own unless given one). */
export async function openPage(
  h: { provider: ProviderService; platform: TestPlatform },
  where: { origin: string; tabId: number; frameId: number; doc?: string; documentId?: string },
  pending: RequestId[] = [],
  again: RequestId[] = [],
): Promise<TestPage> {
  const who: PageDoc = { origin: where.origin, tabId: where.tabId, frameId: where.frameId, doc: where.doc ?? newDocSecret(), ...(where.documentId ? { documentId: where.documentId } : {}) }
  const channel = {
    closed: false,
    post(msg: Parameters<PageChannel['post']>[0]) {
      if (channel.closed) return false
      h.platform.pushes.push({ tabId: who.tabId, frameId: who.frameId, doc: who.doc, msg })
      return true
    },
    close() {
      channel.closed = true
    },
  }
  await h.provider.openDocument(who, channel, pending, again)
  return {
    ...who,
    channel,
    async close() {
      channel.closed = true
      await h.provider.documentGone(who.doc, channel)
    },
  }
}
