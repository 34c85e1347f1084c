// Who is asking, the way a careful user needs to read it: the site (its registrable domain) large,
// the full origin as the browser reported it below, and what makes the address look like another
// one said in words: punycode (shown decoded next to its xn-- form), letters of other alphabets that
// look Latin, plain http to another computer.
import { describeOrigin } from '../../src/util/origin.ts'
import { SafeText } from '../components/SafeText.tsx'

export function OriginHeader({ origin, position }: { origin: string; position: string }) {
  if (origin === 'wallet') {
    // the wallet's own request (speed up, cancel, send again): no site asks
    return (
      <header class="approval-head">
        <span class="muted">{position}</span>
        <p class="site" data-testid="origin-site">
          This wallet
        </p>
        <p class="origin" data-testid="origin">
          Your request
        </p>
      </header>
    )
  }
  const o = describeOrigin(origin)
  const warnings: string[] = []
  if (o?.punycode) warnings.push(`Its name is written in punycode: ${o.host} reads as “${o.unicodeHost}”.`)
  if (o?.lookalike) warnings.push(`It uses ${o.scripts.length ? `${o.scripts.join(' and ')} letters` : 'letters'} that look like Latin ones: it may imitate another site.`)
  else if (o?.scripts.length) warnings.push(`It uses ${o.scripts.join(' and ')} letters.`)
  if (o?.insecure) warnings.push('It is not a secure (https) site: anyone on the network could change it.')
  return (
    <header class={`approval-head${warnings.length ? ' origin-warn' : ''}`}>
      <span class="muted">{position}</span>
      <p class="site" data-testid="origin-site" title="The site asking (its registrable domain)">
        {o ? <SafeText value={o.site} max={253} note={false} /> : <SafeText value={origin} max={253} />}
      </p>
      <p class="origin mono" data-testid="origin" title="The site's full address, as the browser reports it">
        {origin}
      </p>
      {warnings.length > 0 && (
        <ul class="origin-warnings" data-testid="origin-warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </header>
  )
}
