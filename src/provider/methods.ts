// Every method a page can call, and how the wallet answers it: the one table the router follows
// (src/provider/service.ts) and the documentation prints (docs/provider.md, checked against this
// file by test/unit/provider-methods.test.ts).
//
//   wallet   answered by the wallet itself, some after the user approves in the approval window
//   filter   a filter of the site's own, on the site's chain (src/provider/filters.ts)
//   node     passed to the site's chain's RPC as it is; the node's answer and errors come back unchanged
//   refused  a method the wallet knows and refuses by policy: 4200, with the reason
//   unknown  anything else: -32601 "The method "x" does not exist / is not available."

export type MethodClass = 'wallet' | 'filter' | 'node' | 'refused' | 'unknown'

export interface MethodDoc {
  /** what the page gets, in a sentence */
  answer: string
  /** when the user sees the approval window */
  approval?: string
}

/** Methods the wallet answers itself. */
export const WALLET_METHODS: Record<string, MethodDoc> = {
  eth_chainId: { answer: "The site's chain (each site has its own; until it switches, the wallet's)." },
  net_version: { answer: "The site's chain id in decimal." },
  eth_accounts: { answer: 'The accounts the user connected to the site, the selected one first; also while the wallet is locked. [] when not connected.' },
  eth_coinbase: { answer: 'The first of eth_accounts, or null.' },
  eth_requestAccounts: { answer: 'The connected accounts; when the site is not connected, what the user approves.', approval: 'when the site is not connected (unlock first if locked)' },
  wallet_requestPermissions: { answer: 'EIP-2255 eth_accounts permission, as the user approves it.', approval: 'always' },
  wallet_getPermissions: { answer: "The site's EIP-2255 permissions." },
  wallet_revokePermissions: { answer: 'Disconnects the site (its accounts become [] and its filters and chain are dropped); null.' },
  wallet_switchEthereumChain: { answer: "Changes the site's chain only (chainChanged goes to the site's tabs only); 4902 for a chain the wallet does not know.", approval: 'when the user has not approved that chain for the site before' },
  wallet_addEthereumChain: { answer: "Adds the network (its RPC must answer with the claimed chain id) and makes it the site's chain; a known chain is a switch.", approval: 'always for a new network' },
  wallet_watchAsset: { answer: 'Adds an ERC-20 token checked against the chain (symbol, decimals); true.', approval: 'always' },
  personal_sign: { answer: 'EIP-191 signature of the message by a connected account.', approval: 'always (unlock first if locked)' },
  personal_ecRecover: { answer: 'The address that signed an EIP-191 message (no key needed).' },
  eth_signTypedData_v4: { answer: "EIP-712 signature; the domain's chainId must be the site's chain.", approval: 'always (unlock first if locked)' },
  eth_signTypedData_v3: { answer: 'EIP-712 signature without arrays (v3), same review and chain check as v4.', approval: 'always (unlock first if locked)' },
  eth_sendTransaction: { answer: "The hash of the transaction, sent on the site's chain with the fee shown (L2 + L1 data + operator); a nonce the site sets is signed as set.", approval: 'always (unlock first if locked)' },
  wallet_getCapabilities: { answer: 'EIP-5792 capabilities per chain: atomic execution "unsupported" (calls are sent one by one, in order).' },
  wallet_sendCalls: { answer: 'EIP-5792 batch id; the calls go out one after another with consecutive nonces, each after the one before is mined; a failed call stops the rest.', approval: 'always, one window for the whole batch (unlock first if locked)' },
  wallet_getCallsStatus: { answer: 'EIP-5792 status (100 pending, 200 confirmed, 400 not sent, 500 reverted, 600 partly done) with the receipts so far.' },
  wallet_showCallsStatus: { answer: "Opens the wallet's activity showing the batch's transactions alone, each with its status; null." },
  metamask_getProviderState: { answer: '{ isUnlocked, chainId, networkVersion, accounts }, what window.ethereum._metamask.isUnlocked() reads.' },
}

/** Filter methods, served per site. */
export const FILTER_METHODS: Record<string, MethodDoc> = {
  eth_newFilter: { answer: "A log filter's id, on the site's chain (forwarded to the node, or emulated over eth_getLogs when the node keeps no filters)." },
  eth_newBlockFilter: { answer: "A block filter's id, on the site's chain (emulated by polling blocks where the node keeps no filters)." },
  eth_newPendingTransactionFilter: { answer: "A pending-transaction filter's id (an emulated one always answers [])." },
  eth_getFilterChanges: { answer: "What is new since the last poll; another site's filter id is 'filter not found'." },
  eth_getFilterLogs: { answer: "Every log matching a log filter's criteria." },
  eth_uninstallFilter: { answer: 'true when the site had that filter.' },
}

/** Methods the wallet knows and refuses by policy (4200), with the reason the page is told. */
export const REFUSED_METHODS: Record<string, string> = {
  eth_sign:
    'eth_sign signs a raw 32-byte hash that the user cannot read: a site could get a transaction or a permit signed blind. Use personal_sign or eth_signTypedData_v4.',
  eth_signTypedData:
    'eth_signTypedData (v1) is the legacy typed-data format that no contract verifies today and that the wallet cannot show faithfully. Use eth_signTypedData_v4.',
  eth_signTypedData_v1: 'eth_signTypedData_v1 is the legacy typed-data format that no contract verifies today. Use eth_signTypedData_v4.',
  eth_signTransaction: 'the wallet signs only the transactions it sends itself, after the user approves them: use eth_sendTransaction.',
  eth_sendUnsignedTransaction: 'eth_sendUnsignedTransaction sends from an account without its signature, which only development nodes allow; use eth_sendTransaction.',
  eth_getEncryptionPublicKey: 'encryption with the account key (eth_getEncryptionPublicKey / eth_decrypt) is deprecated and not offered by this wallet.',
  eth_decrypt: 'encryption with the account key (eth_getEncryptionPublicKey / eth_decrypt) is deprecated and not offered by this wallet.',
  eth_subscribe: 'subscriptions need a socket the page cannot hold through an extension; use filters (eth_newFilter, eth_newBlockFilter and eth_getFilterChanges), which this wallet serves.',
  eth_unsubscribe: 'subscriptions need a socket the page cannot hold through an extension; use eth_uninstallFilter with filters.',
}

/** A method that is neither handled above nor read-only in name (eth_sign…, eth_send…) is refused rather than passed on. */
const WRITES_BY_NAME = /^eth_(sign|send)/

export function classify(method: string): MethodClass {
  if (Object.prototype.hasOwnProperty.call(WALLET_METHODS, method)) return 'wallet'
  if (Object.prototype.hasOwnProperty.call(FILTER_METHODS, method)) return 'filter'
  if (Object.prototype.hasOwnProperty.call(REFUSED_METHODS, method)) return 'refused'
  if (method === 'eth_sendRawTransaction') return 'node'
  if (WRITES_BY_NAME.test(method)) return 'refused'
  if (/^(eth|net|web3)_[A-Za-z0-9]+$/.test(method)) return 'node'
  return 'unknown'
}

/** The sentence a refused method gets. */
export function refusalReason(method: string): string {
  return Object.prototype.hasOwnProperty.call(REFUSED_METHODS, method)
    ? REFUSED_METHODS[method]
    : `${method} would sign or send something the wallet cannot show the user; use eth_sendTransaction or personal_sign.`
}

/** Read methods dApps commonly call; every other eth_/net_/web3_ method passes the same way. */
export const NODE_EXAMPLES = [
  'eth_blockNumber', 'eth_call', 'eth_estimateGas', 'eth_getBalance', 'eth_getCode', 'eth_getLogs', 'eth_getStorageAt',
  'eth_getTransactionCount', 'eth_getTransactionByHash', 'eth_getTransactionReceipt', 'eth_getBlockByNumber', 'eth_getBlockByHash',
  'eth_getBlockReceipts', 'eth_gasPrice', 'eth_maxPriorityFeePerGas', 'eth_feeHistory', 'eth_blobBaseFee', 'eth_createAccessList',
  'eth_getProof', 'eth_simulateV1', 'eth_syncing', 'eth_sendRawTransaction', 'net_listening', 'web3_clientVersion', 'web3_sha3',
]

/** The method table as Markdown (docs/provider.md holds exactly this). */
export function methodTableMarkdown(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|')
  const rows: string[] = ['| method | answer | approval window |', '|---|---|---|']
  for (const [m, d] of Object.entries(WALLET_METHODS)) rows.push(`| \`${m}\` | ${esc(d.answer)} | ${d.approval ? esc(d.approval) : 'no'} |`)
  for (const [m, d] of Object.entries(FILTER_METHODS)) rows.push(`| \`${m}\` | ${esc(d.answer)} | no |`)
  rows.push(`| ${NODE_EXAMPLES.map((m) => `\`${m}\``).join(', ')} and every other \`eth_*\`, \`net_*\`, \`web3_*\` read method | Passed to the site's chain's RPC; the node's result and errors come back unchanged (4901 when no RPC of the chain answers). | no |`)
  for (const [m, why] of Object.entries(REFUSED_METHODS)) rows.push(`| \`${m}\` | 4200: ${esc(why)} | no |`)
  rows.push('| any other `eth_sign*` / `eth_send*` | 4200: the wallet signs and sends only what it can show the user. | no |')
  rows.push('| anything else | -32601: The method "x" does not exist / is not available. | no |')
  return rows.join('\n')
}
