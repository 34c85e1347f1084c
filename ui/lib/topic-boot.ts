// What the popup's boot step (ui/popup/boot.ts) hands over to ./topic.ts: the topic port it opened
// before the script's other modules ran and the subscriptions it made on it (numbered from 1). The
// popup takes them over in the same task, before any answer can come. Types only.
export interface TopicBoot {
  port: {
    postMessage(m: unknown): void
    onMessage: { addListener(f: (m: unknown) => void): void }
    onDisconnect: { addListener(f: () => void): void }
  }
  subs: { sub: number; topic: string; key: string | null }[]
  /** ./topic.ts took the port */
  taken: boolean
}
