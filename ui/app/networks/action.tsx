// A page action with its outcome: busy while it runs, its error as a sentence, or a note once it
// is done, shown the same way on the networks and tokens pages.
import { useState } from 'preact/hooks'
import { asWalletError } from '../../lib/errors.ts'
import { Alert } from '../../components/Alert.tsx'

export function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    setNote(null)
    try {
      await fn()
    } catch (err) {
      setError(asWalletError(err).message)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, note, setError, setNote, run }
}

export function Outcome({ error, note }: { error: string | null; note?: string | null }) {
  return (
    <>
      {error && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      {note && (
        <p class="ok" role="status">
          {note}
        </p>
      )}
    </>
  )
}
