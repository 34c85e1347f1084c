// A transaction's title from what it does, with its tokens' symbols and amounts once the insight
// has read them: "Swap ETH for TST", "Approve TST", "Send 1.5 TST", "Contract interaction".
import type { TxInsight, TokenMeta } from '../../../src/simulate/types.ts'
import type { DecodedCall } from '../../../src/tx/types.ts'
import { formatAmount } from '../../lib/amount.ts'

export function tokenLabel(meta: TokenMeta | undefined | null, fallback = 'a token'): string {
  return meta?.symbol ?? fallback
}

export function txTitle(tx: { to: string | null; value: string; data: string }, decoded: DecodedCall | null, insight: TxInsight | null, nativeSymbol = 'ETH'): string {
  if (!tx.to) return 'Deploy a contract'
  const value = BigInt(tx.value)
  if (tx.data === '0x' || tx.data === '') return `Send ${formatAmount(value, 18, nativeSymbol)}`
  if (!decoded) return 'Contract interaction'
  const a = decoded.action
  const target = insight?.target?.token ?? null
  const meta = (addr: string) => insight?.tokens[addr] ?? null
  switch (a?.kind) {
    case 'approve':
      return target?.kind === 'erc721' ? `Approve ${tokenLabel(target, 'an NFT')} #${a.amount}` : `Approve ${tokenLabel(target)}`
    case 'increaseAllowance':
      return `Increase the ${tokenLabel(target)} allowance`
    case 'transfer':
      return target?.decimals != null ? `Send ${formatAmount(a.amount, target.decimals, target.symbol ?? '')}` : 'Send a token'
    case 'transferFrom':
      return target?.kind === 'erc721' ? `Send ${tokenLabel(target, 'an NFT')} #${a.amount}` : target?.decimals != null ? `Move ${formatAmount(a.amount, target.decimals, target.symbol ?? '')}` : 'Move tokens'
    case 'nftTransfer':
      return `Send ${tokenLabel(target, 'an NFT')} #${a.tokenId}`
    case 'setApprovalForAll':
      return a.approved ? `Approve all of ${tokenLabel(target, 'a collection')}` : `Revoke approval for all of ${tokenLabel(target, 'a collection')}`
    case 'permit2Approve':
      return `Approve ${tokenLabel(meta(a.token))} through Permit2`
    case 'swap': {
      const changes = insight?.simulation.changes ?? []
      const out = changes.find((c) => c.delta.startsWith('-'))
      const got = changes.find((c) => !c.delta.startsWith('-'))
      const sym = (c: typeof out) => (c ? (c.token ? (meta(c.token)?.symbol ?? null) : nativeSymbol) : null)
      return sym(out) && sym(got) ? `Swap ${sym(out)} for ${sym(got)}` : 'Swap'
    }
  }
  return decoded.title ?? decoded.functionName
}
