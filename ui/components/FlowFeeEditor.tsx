// The fee editor of a flow's step on screen (bridge review, prove, finalize): the background holds
// the prepared step, so each choice goes to it ('flows.setFees') and the step is prepared again with
// it; the screen may confirm only once the background has what the editor shows.
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Flow } from '../../src/flows/types.ts'
import { bg } from '../lib/background.ts'
import { asWalletError } from '../lib/errors.ts'
import { FeeEditor, type FeeEdit } from './FeeEditor.tsx'

export function FlowFeeEditor({ flow, onReady }: { flow: Flow; onReady: (ready: boolean) => void }) {
  const p = flow.prepared
  const [edit, setEdit] = useState<FeeEdit | null>(null)
  const [applying, setApplying] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const applied = useRef(JSON.stringify(flow.fees?.step === flow.current ? flow.fees.choice : {}))
  const key = edit ? JSON.stringify(edit.choice) : null

  useEffect(() => {
    if (!edit?.valid || key === null || key === applied.current) return
    setApplying(true)
    const t = setTimeout(() => {
      bg('flows.setFees', { id: flow.id, step: flow.current, fees: edit.choice }).then(
        () => {
          applied.current = key
          setError(null)
          setApplying(false)
        },
        (e) => {
          setError(asWalletError(e).message)
          setApplying(false)
        },
      )
    }, 300)
    return () => clearTimeout(t)
  }, [key, edit?.valid])

  const ready = !!edit?.valid && !applying && key === applied.current
  useEffect(() => onReady(ready), [ready])
  if (!p) return null
  return (
    <>
      <FeeEditor key={`${flow.id}:${flow.current}`} tx={p.base ?? p.tx} initial={p.fee} initialError={p.feeError} nonceEditable onChange={setEdit} />
      {error && (
        <p class="error" role="alert" data-testid="fee-apply-error">
          {error}
        </p>
      )}
    </>
  )
}
