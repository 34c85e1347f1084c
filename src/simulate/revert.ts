// A revert's data as a sentence: Error(string) as its text, Panic(uint256) by its code, and the
// custom errors of the shipped table (src/tx/selectors.ts) by name and arguments. Anything else is
// named by its selector, never dropped.
import { decodeErrorResult, type Hex } from 'viem'
import { KNOWN_ERRORS } from '../tx/selectors.ts'

const PANICS: Record<number, string> = {
  0x01: 'an assertion failed',
  0x11: 'an arithmetic overflow or underflow',
  0x12: 'division by zero',
  0x21: 'an invalid enum value',
  0x22: 'a corrupt storage byte array',
  0x31: 'pop on an empty array',
  0x32: 'an array index out of bounds',
  0x41: 'too much memory allocated',
  0x51: 'a call to an uninitialized function',
}

export function revertReason(data: Hex | undefined | null, fallback?: string): string {
  if (!data || data === '0x') return fallback ? cleanMessage(fallback) : 'it reverted without a reason'
  if (data.startsWith('0x08c379a0') || data.startsWith('0x4e487b71')) {
    try {
      const r = decodeErrorResult({ abi: [], data })
      if (r.errorName === 'Error') return String(r.args[0])
      if (r.errorName === 'Panic') {
        const code = Number(r.args[0])
        return `Panic: ${PANICS[code] ?? `code 0x${code.toString(16)}`}`
      }
    } catch {
      // malformed: fall through to the selector
    }
  }
  try {
    const r = decodeErrorResult({ abi: KNOWN_ERRORS, data })
    const args = (r.args ?? []).map((a) => (typeof a === 'bigint' ? a.toString() : String(a)))
    return args.length ? `${r.errorName}(${args.join(', ')})` : r.errorName
  } catch {
    return `custom error ${data.slice(0, 10)}`
  }
}

/** A node's "execution reverted: X" as "X". */
export function cleanMessage(message: string): string {
  const m = /execution reverted(?::\s*(.*))?/i.exec(message)
  if (!m) return message
  return m[1]?.trim() || 'it reverted without a reason'
}
