// Calldata shown as what it does when the wallet knows the selector (the table shipped in
// ./selectors.ts: tokens, WETH, Permit2, Multicall3, the OP Stack bridges, the PHA claimer, common
// routers), so the user approves "Approve TST" or "Swap" rather than a hex blob. A call the wallet
// does not know is a "Contract interaction" (decodeCall gives null and the screen shows the data).
// Batches (Multicall3, multicall(bytes[])) are decoded one level down.
import { decodeFunctionData, getAddress, slice, type Abi, type Address, type Hex } from 'viem'
import { formatAbiItem } from 'viem/utils'
import { selectorTable } from './selectors.ts'
import type { CallAction, DecodedCall } from './types.ts'

const EXTRA: { abi: Abi; source: string }[] = []

/** Extra ABIs other modules register; the shipped table is tried first. */
export function registerAbi(abi: Abi, source: string): void {
  EXTRA.push({ abi, source })
}

export function decodeCall(data: Hex | undefined, depth = 0): DecodedCall | null {
  if (!data || data.length < 10) return null
  const selector = slice(data, 0, 4).toLowerCase() as Hex
  const known = selectorTable().get(selector)
  const candidates: { abi: Abi; source: string }[] = known ? [{ abi: [known.item], source: known.source }, ...EXTRA] : EXTRA
  for (const { abi, source } of candidates) {
    try {
      const { functionName, args } = decodeFunctionData({ abi, data })
      const item = abi.find((x) => x.type === 'function' && x.name === functionName && (x.inputs?.length ?? 0) === (args?.length ?? 0))
      if (!item || item.type !== 'function') continue
      const list = (args ?? []) as readonly unknown[]
      const decoded: DecodedCall = {
        signature: formatAbiItem(item, { includeName: true }),
        functionName,
        args: item.inputs.map((input, i) => ({ name: input.name || `arg${i}`, type: input.type, value: show(list[i]) })),
        source,
        selector,
      }
      const action = actionOf(source, functionName, list)
      if (action) decoded.action = action
      decoded.title = titleOf(source, functionName, action)
      if (depth === 0 && action?.kind === 'batch') decoded.inner = innerCalls(functionName, list)
      return decoded
    } catch {
      // not this ABI (a clashing selector with other argument types)
    }
  }
  return null
}

const addr = (x: unknown): Address => getAddress(String(x))
const num = (x: unknown): string => (typeof x === 'bigint' ? x.toString() : String(x))

function actionOf(source: string, fn: string, a: readonly unknown[]): CallAction | undefined {
  switch (`${source}:${fn}`) {
    case 'ERC-20:approve':
      return { kind: 'approve', spender: addr(a[0]), amount: num(a[1]) }
    case 'ERC-20:increaseAllowance':
      return { kind: 'increaseAllowance', spender: addr(a[0]), amount: num(a[1]) }
    case 'ERC-20:transfer':
      return { kind: 'transfer', to: addr(a[0]), amount: num(a[1]) }
    case 'ERC-20:transferFrom':
      return { kind: 'transferFrom', from: addr(a[0]), to: addr(a[1]), amount: num(a[2]) }
    case 'ERC-721:safeTransferFrom':
      return { kind: 'nftTransfer', from: addr(a[0]), to: addr(a[1]), tokenId: num(a[2]), amount: '1', standard: 'erc721' }
    case 'ERC-721:setApprovalForAll':
      return { kind: 'setApprovalForAll', operator: addr(a[0]), approved: a[1] === true }
    case 'ERC-1155:safeTransferFrom':
      return { kind: 'nftTransfer', from: addr(a[0]), to: addr(a[1]), tokenId: num(a[2]), amount: num(a[3]), standard: 'erc1155' }
    case 'ERC-1155:safeBatchTransferFrom': {
      const ids = a[2] as readonly bigint[]
      return { kind: 'nftTransfer', from: addr(a[0]), to: addr(a[1]), tokenId: ids.map(String).join(', '), amount: (a[3] as readonly bigint[]).map(String).join(', '), standard: 'erc1155' }
    }
    case 'WETH:deposit':
      return { kind: 'wrap' }
    case 'WETH:withdraw':
      return { kind: 'unwrap', amount: num(a[0]) }
    case 'Permit2:approve':
      return { kind: 'permit2Approve', token: addr(a[0]), spender: addr(a[1]), amount: num(a[2]), expiration: Number(a[3]) }
    case 'Multicall:aggregate':
    case 'Multicall:aggregate3':
    case 'Multicall:aggregate3Value':
    case 'Multicall:tryAggregate':
    case 'Multicall:multicall':
      return { kind: 'batch', count: (fn === 'tryAggregate' || (fn === 'multicall' && a.length === 2) ? (a[1] as unknown[]) : (a[0] as unknown[])).length }
    case 'PHA claimer:claim':
      return { kind: 'claim' }
  }
  if (source === 'OP Stack bridge') {
    if (/^(deposit|bridge)/.test(fn)) return { kind: 'bridge', step: 'deposit' }
    if (/^withdraw|initiateWithdrawal/.test(fn)) return { kind: 'bridge', step: 'withdraw' }
    if (fn.startsWith('prove')) return { kind: 'bridge', step: 'prove' }
    if (fn.startsWith('finalize')) return { kind: 'bridge', step: 'finalize' }
    return { kind: 'bridge', step: 'message' }
  }
  if (source === 'swap router' && /^(swap|exact|execute|transformERC20|sellTo)/.test(fn)) return { kind: 'swap', tokens: swapTokens(fn, a), recipient: swapRecipient(fn, a) }
  return undefined
}

function swapTokens(fn: string, a: readonly unknown[]): Address[] {
  const path = a.find((x) => Array.isArray(x) && x.every((y) => typeof y === 'string' && /^0x[0-9a-fA-F]{40}$/.test(y))) as string[] | undefined
  if (path?.length) return path.map((x) => getAddress(x))
  const p = a[0] as Record<string, unknown> | undefined
  if (p && typeof p === 'object' && typeof p.tokenIn === 'string' && typeof p.tokenOut === 'string') return [getAddress(p.tokenIn), getAddress(p.tokenOut)]
  const d = a[1] as Record<string, unknown> | undefined
  if (fn === 'swap' && d && typeof d.srcToken === 'string' && typeof d.dstToken === 'string') return [getAddress(d.srcToken), getAddress(d.dstToken)]
  if (fn === 'transformERC20') return [addr(a[0]), addr(a[1])]
  return []
}

function swapRecipient(fn: string, a: readonly unknown[]): Address | null {
  if (/^swap(Exact|ETHFor|TokensFor)/.test(fn)) {
    const to = a[a.length - 2]
    return typeof to === 'string' ? getAddress(to) : null
  }
  const p = a[0] as Record<string, unknown> | undefined
  if (p && typeof p === 'object' && typeof p.recipient === 'string') return getAddress(p.recipient)
  const d = a[1] as Record<string, unknown> | undefined
  if (fn === 'swap' && d && typeof d.dstReceiver === 'string') return getAddress(d.dstReceiver)
  return null
}

const TITLES: Record<string, string> = {
  approve: 'Approve',
  increaseAllowance: 'Increase allowance',
  transfer: 'Transfer',
  transferFrom: 'Transfer',
  nftTransfer: 'Transfer NFT',
  setApprovalForAll: 'Set approval for all',
  permit2Approve: 'Approve through Permit2',
  wrap: 'Wrap ETH',
  unwrap: 'Unwrap ETH',
  swap: 'Swap',
  batch: 'Batch of calls',
  claim: 'Claim PHA',
}

function titleOf(source: string, fn: string, action: CallAction | undefined): string {
  if (action?.kind === 'setApprovalForAll' && !action.approved) return 'Revoke approval for all'
  if (action?.kind === 'bridge') return { deposit: 'Bridge deposit', withdraw: 'Bridge withdrawal', prove: 'Prove withdrawal', finalize: 'Finalize withdrawal', message: 'Cross-chain message' }[action.step]
  if (action) return TITLES[action.kind] ?? fn
  if (source === 'Permit2') return fn === 'lockdown' ? 'Revoke Permit2 approvals' : `Permit2: ${fn}`
  if (fn === 'permit') return 'Submit a permit'
  if (source === 'swap router') return fn.startsWith('add') ? 'Add liquidity' : fn.startsWith('remove') ? 'Remove liquidity' : fn
  return fn
}

function innerCalls(fn: string, a: readonly unknown[]): DecodedCall['inner'] {
  const out: NonNullable<DecodedCall['inner']> = []
  if (fn === 'multicall') {
    for (const data of (a.length === 2 ? a[1] : a[0]) as Hex[]) out.push({ to: null, decoded: decodeCall(data, 1), data })
    return out
  }
  const calls = (fn === 'tryAggregate' ? a[1] : a[0]) as { target: string; callData: Hex }[]
  for (const c of calls.slice(0, 50)) out.push({ to: getAddress(c.target), decoded: decodeCall(c.callData, 1), data: c.callData })
  return out
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`
  if (v && typeof v === 'object') return `{ ${Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join(', ')} }`
  return String(v)
}
