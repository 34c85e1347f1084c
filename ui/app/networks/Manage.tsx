// The full-page network and token settings (app.html#/networks, #/tokens), with a way between them.
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { href } from '../nav.ts'
import { Networks } from './Networks.tsx'
import { Tokens } from '../tokens/Tokens.tsx'

export function Manage({ top }: { top: 'networks' | 'tokens'; wallet?: WalletStateHandle }) {
  return (
    <div class="manage">
      <nav class="manage-nav" aria-label="Chains and tokens">
        <a href={href('networks')} aria-current={top === 'networks' ? 'page' : undefined}>
          Networks
        </a>
        <a href={href('tokens')} aria-current={top === 'tokens' ? 'page' : undefined}>
          Tokens
        </a>
      </nav>
      {top === 'networks' ? <Networks /> : <Tokens />}
    </div>
  )
}
