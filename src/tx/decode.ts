// Calldata shown as a function call when the wallet knows the ABI (tokens, the OP Stack bridges,
// the PHA claimer), so the user approves "transfer(to, 25 PHA)" rather than a hex blob.
import { decodeFunctionData, type Abi, type Hex } from 'viem'
import { formatAbiItem } from 'viem/utils'
import { erc20Abi } from '../abi/erc20.ts'
import { l1StandardBridgeAbi, l2StandardBridgeAbi, messagePasserAbi, portalDepositAbi } from '../abi/op-bridge.ts'
import type { DecodedCall } from './types.ts'

const KNOWN: { abi: Abi; source: string }[] = [
  { abi: erc20Abi, source: 'ERC-20' },
  { abi: l1StandardBridgeAbi, source: 'OP Stack L1StandardBridge' },
  { abi: l2StandardBridgeAbi, source: 'OP Stack L2StandardBridge' },
  { abi: portalDepositAbi, source: 'OP Stack OptimismPortal' },
  { abi: messagePasserAbi, source: 'OP Stack L2ToL1MessagePasser' },
]

/** Extra ABIs other modules register (e.g. the PHA claimer). */
export function registerAbi(abi: Abi, source: string): void {
  KNOWN.push({ abi, source })
}

export function decodeCall(data: Hex | undefined): DecodedCall | null {
  if (!data || data.length < 10) return null
  for (const { abi, source } of KNOWN) {
    try {
      const { functionName, args } = decodeFunctionData({ abi, data })
      const item = abi.find((x) => x.type === 'function' && x.name === functionName && (x.inputs?.length ?? 0) === (args?.length ?? 0))
      if (!item || item.type !== 'function') continue
      return {
        signature: formatAbiItem(item, { includeName: true }),
        functionName,
        args: item.inputs.map((input, i) => ({ name: input.name ?? `arg${i}`, type: input.type, value: show(args?.[i]) })),
        source,
      }
    } catch {
      // not this ABI
    }
  }
  return null
}

function show(v: unknown): string {
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return `[${v.map(show).join(', ')}]`
  return String(v)
}
