// What a page's boot script (ui/popup/boot.ts) hands over to ./topic.ts: the topic port it opened
// before the page's modules ran, the subscriptions it made on it (numbered from 1) and the last
// value each got. Types only.
export interface TopicBoot {
  port: {
    postMessage(m: unknown): void
    onMessage: { addListener(f: (m: unknown) => void): void }
    onDisconnect: { addListener(f: () => void): void }
  }
  subs: { sub: number; topic: string; key: string | null; last: { value: unknown } | { error: { code: string | number; message: string } } | null }[]
  /** ./topic.ts took the port: the boot script does no more */
  taken: boolean
  /** the port closed before it was taken (the worker stopped): ./topic.ts connects anew */
  disconnected: boolean
}
