// What a request's body tells the window's Approve button: whether it may be pressed now (a message
// read to its end, a failing transaction the user insists on, a valid edited amount) and what goes
// with the decision (a lowered approval amount, the fees chosen in the fee editor).
import type { FeeChoice } from '../../src/tx/fee-levels.ts'

export interface Gate {
  ok: boolean
  /** why Approve is not available yet, shown beside the button */
  why?: string
  extra?: { approveAmount?: string; fees?: FeeChoice }
}

export const OPEN: Gate = { ok: true }
