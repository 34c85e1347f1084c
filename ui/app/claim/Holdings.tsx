// PHA and vPHA side by side on Ethereum and Phala L2 for one account, the vPHA share price
// (convertToAssets(1e18)) and the account's unlock requests with the date each one unlocks.
// Each chain is shown on its own: one that does not answer says so without blanking the other.
import type { UiCalls } from '../../../src/calls.ts'
import { formatAmount } from '../../lib/amount.ts'
import { shortAddress } from '../../lib/format.ts'
import { roundedAmount } from './format.ts'

export type PositionsView = UiCalls['claim.positions']['result']
type Side = PositionsView['l1']

export function Holdings({ positions, names, error }: { positions: PositionsView | null; names: { l1: string; l2: string }; error: string | null }) {
  return (
    <section class="claim-step" aria-labelledby="claim-holdings">
      <h2 id="claim-holdings">PHA and vPHA</h2>
      {!positions ? (
        <p class={error ? 'error' : 'muted'}>{error ?? 'Reading balances…'}</p>
      ) : (
        <>
          <table class="holdings" data-testid="holdings">
            <thead>
              <tr>
                <th scope="col">
                  <span class="sr-only">Token</span>
                </th>
                <th scope="col">
                  Ethereum{names.l1 !== 'Ethereum' && <span class="chain-name">{names.l1}</span>}
                </th>
                <th scope="col">
                  Phala L2{names.l2 !== 'Phala L2' && <span class="chain-name">{names.l2}</span>}
                </th>
              </tr>
            </thead>
            <tbody>
              {(['pha', 'vpha'] as const).map((t) => (
                <tr key={t}>
                  <th scope="row">{t === 'pha' ? 'PHA' : 'vPHA'}</th>
                  <Cell side={positions.l1} token={t} testId={`holding-l1-${t}`} />
                  <Cell side={positions.l2} token={t} testId={`holding-l2-${t}`} />
                </tr>
              ))}
            </tbody>
          </table>
          <p class="share-price" data-testid="share-price">
            {positions.sharePrice === null ? (
              <span class="muted">The vPHA share price could not be read.</span>
            ) : (
              <>
                1 vPHA = <strong>{roundedAmount(positions.sharePrice, 4, 'PHA')}</strong> <span class="muted">(the staking vault’s price today; it grows with rewards)</span>
              </>
            )}
          </p>
          <h3>Unlock requests</h3>
          {'error' in positions.l1 ? (
            <p class="muted">The unlock requests could not be read from Ethereum.</p>
          ) : positions.unlockRequests.length === 0 ? (
            <p class="muted" data-testid="unlock-none">
              None. Redeeming vPHA in the vault starts one
              {positions.unlockPeriod ? `; it unlocks ${days(positions.unlockPeriod)} later` : ''}.
            </p>
          ) : (
            <ul class="unlocks" data-testid="unlocks">
              {positions.unlockRequests.map((u, i) => {
                const at = new Date(Number(u.unlockAt) * 1000)
                const ready = at.getTime() <= Date.now()
                return (
                  <li key={i} data-testid="unlock-request">
                    <strong>{formatAmount(u.assets, 18, 'PHA')}</strong> to <span class="mono">{shortAddress(u.receiver)}</span>
                    <span class={ready ? 'ok' : 'muted'}>
                      {ready ? ' · unlocked: the vault pays it with claim()' : ` · unlocks ${at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`}
                    </span>
                    <span class="muted small-print"> (requested {new Date(Number(u.startTime) * 1000).toLocaleDateString(undefined, { dateStyle: 'medium' })})</span>
                  </li>
                )
              })}
            </ul>
          )}
        </>
      )}
    </section>
  )
}

function Cell({ side, token, testId }: { side: Side; token: 'pha' | 'vpha'; testId: string }) {
  if ('error' in side) {
    return (
      <td class="warn" title={side.error} data-testid={testId}>
        unavailable
      </td>
    )
  }
  return <td data-testid={testId}>{formatAmount(side[token], 18)}</td>
}

function days(seconds: string): string {
  const s = Number(seconds)
  return s >= 86_400 ? `${Math.round(s / 86_400)} days` : s >= 3600 ? `${Math.round(s / 3600)} hours` : `${s} seconds`
}
