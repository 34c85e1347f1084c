// The approval window follows the queue (the 'approvals' topic): when the request it shows is no
// longer first (answered elsewhere, or withdrawn because its page navigated or closed) it loads the
// next one and says what happened to the one that went.
import { useEffect, useRef, useState } from 'preact/hooks'
import { useTopic } from '../lib/topic.ts'

export function useQueueWatch(shownId: string | null, shownTotal: number, reload: () => Promise<void>): string | null {
  const { value } = useTopic('approvals', null)
  const [notice, setNotice] = useState<string | null>(null)
  const shown = useRef({ id: shownId, total: shownTotal })
  shown.current = { id: shownId, total: shownTotal }
  useEffect(() => {
    if (!value || !shown.current.id) return
    if (value.ids[0] === shown.current.id) {
      // the same request stays in front: only the count changed ("Request 1 of n")
      if (value.ids.length !== shown.current.total) void reload()
      return
    }
    const gone = value.withdrawn.find((w) => w.id === shown.current.id)
    if (gone) setNotice(`The request from ${gone.origin} was withdrawn: ${gone.reason}. Nothing was signed or sent.`)
    void reload()
  }, [value])
  return notice
}
