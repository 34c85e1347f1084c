// The logs of a simulated transaction read as what happens to one account: its balance changes in
// ETH (eth_simulateV1's traceTransfers logs native moves as ERC-20 Transfers from 0xeeee…eeee) and
// in every token (ERC-20 Transfer, WETH Deposit/Withdrawal), the approvals it grants (ERC-20
// Approval, Permit2 Approval/Permit), the operators it sets (ApprovalForAll) and the NFTs that move
// (ERC-721 Transfer with the token id as a topic, ERC-1155 TransferSingle/TransferBatch). Pure.
import { decodeAbiParameters, getAddress, keccak256, toBytes, type Address, type Hex } from 'viem'
import type { ApprovalChange, BalanceChange, NftMove, OperatorChange } from './types.ts'

export interface RawLog {
  address: Address
  topics: Hex[]
  data: Hex
}

/** eth_simulateV1 with traceTransfers logs ETH moves from this address */
export const NATIVE_TRANSFER_ADDRESS = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE'

const topic = (sig: string) => keccak256(toBytes(sig))
export const TOPICS = {
  transfer: topic('Transfer(address,address,uint256)'),
  approval: topic('Approval(address,address,uint256)'),
  approvalForAll: topic('ApprovalForAll(address,address,bool)'),
  transferSingle: topic('TransferSingle(address,address,address,uint256,uint256)'),
  transferBatch: topic('TransferBatch(address,address,address,uint256[],uint256[])'),
  deposit: topic('Deposit(address,uint256)'),
  withdrawal: topic('Withdrawal(address,uint256)'),
  permit2Approval: topic('Approval(address,address,address,uint160,uint48)'),
  permit2Permit: topic('Permit(address,address,address,uint160,uint48,uint48)'),
} as const

export interface AccountEffects {
  changes: BalanceChange[]
  approvals: ApprovalChange[]
  operators: OperatorChange[]
  nfts: NftMove[]
}

const topicAddress = (t: Hex | undefined): Address | null => (t && t.length === 66 ? getAddress(`0x${t.slice(26)}`) : null)
const word = (data: Hex, i = 0): bigint => BigInt(`0x${data.slice(2 + i * 64, 2 + (i + 1) * 64) || '0'}`)

export function effectsFor(account: Address, logs: RawLog[]): AccountEffects {
  const me = getAddress(account)
  const deltas = new Map<string, bigint>()
  const add = (token: Address | null, amount: bigint) => {
    const k = token ?? 'native'
    deltas.set(k, (deltas.get(k) ?? 0n) + amount)
  }
  const approvals: ApprovalChange[] = []
  const operators: OperatorChange[] = []
  const nfts: NftMove[] = []
  for (const log of logs) {
    const [t0, t1, t2, t3] = log.topics
    const at = getAddress(log.address)
    try {
      if (t0 === TOPICS.transfer) {
        const from = topicAddress(t1)
        const to = topicAddress(t2)
        if (log.topics.length === 4) {
          // ERC-721: the token id is the third topic
          const tokenId = BigInt(t3!).toString()
          if (from === me) nfts.push({ collection: at, tokenId, amount: '1', direction: 'out', standard: 'erc721' })
          if (to === me) nfts.push({ collection: at, tokenId, amount: '1', direction: 'in', standard: 'erc721' })
          continue
        }
        const value = word(log.data)
        const token = at === NATIVE_TRANSFER_ADDRESS ? null : at
        if (from === me) add(token, -value)
        if (to === me) add(token, value)
      } else if (t0 === TOPICS.deposit && log.topics.length === 2) {
        if (topicAddress(t1) === me) add(at, word(log.data))
      } else if (t0 === TOPICS.withdrawal && log.topics.length === 2) {
        if (topicAddress(t1) === me) add(at, -word(log.data))
      } else if (t0 === TOPICS.approval && log.topics.length === 3) {
        if (topicAddress(t1) === me) setApproval(approvals, { token: at, spender: topicAddress(t2)!, amount: word(log.data).toString(), standard: 'erc20' })
      } else if ((t0 === TOPICS.permit2Approval || t0 === TOPICS.permit2Permit) && log.topics.length === 4) {
        if (topicAddress(t1) === me) {
          const [amount, expiration] = decodeAbiParameters([{ type: 'uint160' }, { type: 'uint48' }], `0x${log.data.slice(2, 130)}`)
          setApproval(approvals, { token: topicAddress(t2)!, spender: topicAddress(t3)!, amount: amount.toString(), standard: 'permit2', via: at, expiration: Number(expiration) })
        }
      } else if (t0 === TOPICS.approvalForAll && log.topics.length === 3) {
        if (topicAddress(t1) === me) {
          const operator = topicAddress(t2)!
          const i = operators.findIndex((o) => o.collection === at && o.operator === operator)
          const next = { collection: at, operator, approved: word(log.data) !== 0n }
          if (i >= 0) operators[i] = next
          else operators.push(next)
        }
      } else if (t0 === TOPICS.transferSingle && log.topics.length === 4) {
        const [id, value] = decodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], log.data)
        const from = topicAddress(t2)
        const to = topicAddress(t3)
        if (from === me) nfts.push({ collection: at, tokenId: id.toString(), amount: value.toString(), direction: 'out', standard: 'erc1155' })
        if (to === me) nfts.push({ collection: at, tokenId: id.toString(), amount: value.toString(), direction: 'in', standard: 'erc1155' })
      } else if (t0 === TOPICS.transferBatch && log.topics.length === 4) {
        const [ids, values] = decodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], log.data)
        const from = topicAddress(t2)
        const to = topicAddress(t3)
        ids.forEach((id, i) => {
          const amount = (values[i] ?? 0n).toString()
          if (from === me) nfts.push({ collection: at, tokenId: id.toString(), amount, direction: 'out', standard: 'erc1155' })
          if (to === me) nfts.push({ collection: at, tokenId: id.toString(), amount, direction: 'in', standard: 'erc1155' })
        })
      }
    } catch {
      // a log that looks like a standard event but is not shaped like one: not the account's
    }
  }
  const changes: BalanceChange[] = []
  for (const [k, d] of deltas) if (d !== 0n) changes.push({ token: k === 'native' ? null : (k as Address), delta: d.toString() })
  // ETH first, then tokens in the order they moved
  changes.sort((a, b) => Number(a.token !== null) - Number(b.token !== null))
  return { changes, approvals, operators, nfts }
}

/** the last approval of a (token, spender, standard) wins, as on chain */
function setApproval(list: ApprovalChange[], a: ApprovalChange): void {
  const i = list.findIndex((x) => x.token === a.token && x.spender === a.spender && x.standard === a.standard && x.via === a.via)
  if (i >= 0) list[i] = a
  else list.push(a)
}
