// The bridge screens' view of the tracker: the 'bridge' topic (src/topics.ts). The background pushes
// the overview at once and on every change, and ticks the tracker every few seconds while a screen
// follows it; `reload` asks it to look now.
import type { Overview } from '../../../src/bridge/service.ts'
import { bg } from '../../lib/background.ts'
import { useTopic } from '../../lib/topic.ts'

export function useBridgeOverview(): { overview: Overview | null; error: string | null; reload: () => void } {
  const { value, error } = useTopic('bridge', null)
  return { overview: value, error, reload: () => void bg('bridge.refresh', {}).catch(() => undefined) }
}
