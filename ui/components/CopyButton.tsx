// A button that copies `text` and says so (politely, to screen readers too) for a moment.
import { useEffect, useRef, useState } from 'preact/hooks'
import { copyText } from '../lib/clipboard.ts'

export function CopyButton({ text, label = 'Copy', what, class: cls }: { text: string; label?: string; what?: string; class?: string }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle')
  const timer = useRef<ReturnType<typeof setTimeout>>()
  useEffect(() => () => clearTimeout(timer.current), [])
  const onClick = async () => {
    const ok = await copyText(text)
    setStatus(ok ? 'copied' : 'failed')
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setStatus('idle'), 2000)
  }
  return (
    <span class="copy">
      <button type="button" class={cls} onClick={onClick} aria-label={what ? `${label} ${what}` : undefined}>
        {status === 'copied' ? 'Copied' : label}
      </button>
      <span class="sr-only" aria-live="polite">
        {status === 'copied' ? 'Copied to the clipboard' : status === 'failed' ? 'The browser did not allow copying; select the text and copy it by hand.' : ''}
      </span>
      {status === 'failed' && <span class="copy-failed">Copy blocked: select and copy by hand.</span>}
    </span>
  )
}
