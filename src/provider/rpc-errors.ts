// EIP-1193 and EIP-1474 error codes, with the sentence a dApp developer (and user) can act on.
import { WalletError } from '../errors.ts'

export const RPC = {
  userRejected: 4001,
  unauthorized: 4100,
  unsupportedMethod: 4200,
  disconnected: 4900,
  chainDisconnected: 4901,
  unrecognizedChain: 4902,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  limitExceeded: -32005,
  // EIP-5792
  unsupportedCapability: 5700,
  unsupportedChainId: 5710,
  duplicateBatchId: 5720,
  unknownBatchId: 5730,
  batchTooLarge: 5740,
  atomicityNotSupported: 5760,
} as const

export const rpcError = {
  userRejected: (what = 'The user rejected the request.') => new WalletError(RPC.userRejected, what),
  unauthorized: (what = 'The requested account or method has not been authorized by the user.') => new WalletError(RPC.unauthorized, what),
  /** a method the wallet knows and refuses by policy: say why */
  refused: (method: string, why: string) => new WalletError(RPC.unsupportedMethod, `The wallet does not support ${method}: ${why}`),
  /** a method the wallet does not know: the sentence libraries (ethers, viem) look for */
  methodNotFound: (method: string) => new WalletError(RPC.methodNotFound, `The method "${method}" does not exist / is not available.`),
  disconnected: (what = 'The wallet is not connected to any chain right now.') => new WalletError(RPC.disconnected, what),
  invalidParams: (what: string) => new WalletError(RPC.invalidParams, `Invalid params: ${what}`),
  invalidRequest: (what: string) => new WalletError(RPC.invalidRequest, `Invalid request: ${what}`),
  internal: (what: string) => new WalletError(RPC.internal, what),
  unknownChain: (chainId: string) => new WalletError(RPC.unrecognizedChain, `Unrecognized chain ID ${chainId}. Add it first with wallet_addEthereumChain.`),
}
