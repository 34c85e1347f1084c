// A personal_sign request: the message as text with invisible and direction-changing characters
// shown by their code point and flagged, hex when it is not text, a warning when it is 32 bytes (a
// hash: blind signing), and Sign only once the whole message has been scrolled into view.
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Hex } from 'viem'
import { describeMessage } from '../../src/typed/message.ts'
import { Warnings } from '../components/sign/Warnings.tsx'
import type { Warning } from '../../src/simulate/types.ts'
import type { Gate } from './gate.ts'

export function MessageRequest({ message, onGate }: { message: Hex; onGate: (g: Gate) => void }) {
  const view = describeMessage(message)
  const box = useRef<HTMLDivElement>(null)
  const [seen, setSeen] = useState(false)
  const check = () => {
    const el = box.current
    if (el && el.scrollTop + el.clientHeight >= el.scrollHeight - 4) setSeen(true)
  }
  useEffect(check, [message])
  useEffect(() => onGate(seen ? { ok: true } : { ok: false, why: 'Scroll to the end of the message first.' }), [seen])

  const warnings: Warning[] = []
  if (view.hashLike) warnings.push({ code: 'unknown-call', level: 'danger', title: 'This may be a transaction hash', text: 'The message is exactly 32 bytes, not text: signing it can authorize a transaction or an order you cannot read. Sign only if you know why this site needs it.' })
  else if (view.text === null) warnings.push({ code: 'unknown-call', level: 'warning', title: 'Not readable text', text: 'The message is raw bytes, shown as hex: you cannot tell what it means. Sign only if you know why this site needs it.' })
  if (view.flagged.length) {
    warnings.push({
      code: 'unknown-call',
      level: 'danger',
      title: 'Hidden characters in the message',
      text: `It contains ${view.flagged.map((f) => `${f.count} × ${f.name} (${f.code})`).join(', ')}: they can make the text read differently from what is signed. They are marked below.`,
    })
  }
  return (
    <>
      <Warnings list={warnings} />
      <div class="message sign-message" ref={box} onScroll={check} tabIndex={0} data-testid="message" data-bytes={view.bytes} aria-label="The message to sign">
        {view.text === null
          ? message
          : view.parts.map((p, i) =>
              p.flagged ? (
                <mark key={i} class="sign-flag" title={p.flagged.name} data-testid="flagged-char">
                  {`⟨${p.flagged.code}⟩`}
                </mark>
              ) : (
                <span key={i}>{p.text}</span>
              ),
            )}
      </div>
      <p class="muted small">
        {view.bytes} bytes{view.text === null ? ', shown as hex' : ''}.{!seen && <span data-testid="scroll-to-sign"> Scroll to the end of the message to sign it.</span>}
      </p>
    </>
  )
}
