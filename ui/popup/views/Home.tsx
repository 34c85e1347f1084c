import { useEffect, useState } from 'preact/hooks'
import { bg } from '../../lib/background.ts'
import type { BackgroundInfo } from '../../../src/messages.ts'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { shortAddress } from '../../lib/format.ts'
import { Avatar } from '../../components/Avatar.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'

export function Home({ account }: { account: AccountInfo | null }) {
  const [info, setInfo] = useState<BackgroundInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    // 'app.ping' is passive: it does not hold the auto-lock off.
    bg('app.ping', {}).then(setInfo, (e: Error) => setError(e.message))
  }, [])
  return (
    <section class="home">
      {account ? (
        <div class="account-hero" data-testid="home-account">
          <Avatar address={account.address} size={48} />
          <h1>{account.name}</h1>
          <p class="mono muted" title={account.address}>
            {shortAddress(account.address)}
          </p>
          <div class="hero-actions">
            <CopyButton text={account.address} label="Copy address" />
            <a class="button primary" href="#/receive">
              Receive
            </a>
          </div>
        </div>
      ) : (
        <h1>Rollup Wallet</h1>
      )}
      <div class="status-line">
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
      </div>
    </section>
  )
}
