// Lowering an approval before signing: the amount the site asked for (unlimited, often) and the
// amount the user allows instead, in whole tokens. Only lower amounts are accepted; the preview
// above simulates the edited call and the decision carries the amount.
import { useState } from 'preact/hooks'
import { formatUnits, parseUnits } from 'viem'
import type { EditableApproval, TokenMeta } from '../../src/simulate/types.ts'
import { formatAmount } from '../lib/amount.ts'

export function ApprovalEdit({ approval, meta, onAmount }: { approval: EditableApproval; meta: TokenMeta | null; onAmount: (amount: bigint | null, error: string | null) => void }) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const decimals = meta?.decimals ?? null
  const symbol = meta?.symbol ?? 'tokens'
  const requested = BigInt(approval.amount)
  const change = (t: string) => {
    setText(t)
    const v = t.trim().replace(/,/g, '')
    if (!v) {
      setError(null)
      onAmount(null, null)
      return
    }
    let err: string | null = null
    let amount: bigint | null = null
    if (decimals === null) err = 'The token’s decimals are not known yet.'
    else if (!/^(\d+\.?\d*|\.\d+)$/.test(v)) err = 'Enter the amount as a number, like 25.'
    else if ((v.split('.')[1] ?? '').length > decimals) err = `${symbol} has ${decimals} decimals at most.`
    else {
      amount = parseUnits(v, decimals)
      if (amount > requested) err = 'You can only lower the amount the site asked for.'
    }
    setError(err)
    onAmount(err ? null : amount, err)
  }
  return (
    <div class="approval-edit" data-testid="approval-edit">
      <label for="approval-amount">Allow at most ({symbol})</label>
      <input
        id="approval-amount"
        data-testid="approval-amount"
        inputMode="decimal"
        autocomplete="off"
        placeholder={approval.unlimited ? 'Unlimited: type the amount this app needs' : decimals !== null ? formatUnits(requested, decimals) : ''}
        value={text}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby="approval-amount-note"
        onInput={(e) => change((e.target as HTMLInputElement).value)}
      />
      <p id="approval-amount-note" class={error ? 'error small' : 'muted small'} role={error ? 'alert' : undefined} data-testid="approval-amount-note">
        {error ?? `The site asked for ${approval.unlimited ? 'an unlimited amount' : decimals !== null ? formatAmount(requested, decimals, symbol) : `${approval.amount} units`}. Leave empty to approve that.`}
      </p>
    </div>
  )
}
