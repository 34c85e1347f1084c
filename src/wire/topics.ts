// The topic port's messages (page -> background): subscribe to a topic with a key, or stop.
// The background answers each subscription with { sub, value } or { sub, error } (src/topics/hub.ts).
import { isPlainObject } from './ids.ts'

export const TOPIC_PORT = 'topics'

export type TopicRequest = { op: 'sub'; sub: number; topic: string; key: string | null } | { op: 'unsub'; sub: number }

export function isTopicRequest(x: unknown): x is TopicRequest {
  if (!isPlainObject(x) || !Number.isSafeInteger(x.sub)) return false
  if (x.op === 'unsub') return true
  return x.op === 'sub' && typeof x.topic === 'string' && x.topic.length <= 40 && (x.key === null || (typeof x.key === 'string' && x.key.length <= 200))
}
