import { useEffect, useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import type { BackgroundInfo } from '../../../src/messages.ts'

export function Home() {
  const [info, setInfo] = useState<BackgroundInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    bg('app.ping', {}).then(setInfo, (e: Error) => setError(e.message))
  }, [])
  return (
    <section>
      <h1>Rollup Wallet</h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : info ? (
        <p class="muted" data-testid="bg-status">
          Background v{info.version} up since {new Date(info.startedAt).toLocaleTimeString()}
        </p>
      ) : (
        <p class="muted">Connecting…</p>
      )}
    </section>
  )
}
