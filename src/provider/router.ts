// The EIP-1193 method router: (request, origin, wallet state) -> result | deferred approval | error.
// It never sees the browser: the background hands it the origin from the browser's `sender`
// and the services it needs.
import { toErrorShape } from '../errors.ts'
import type { ProviderReply, ProviderRequest } from '../messages.ts'
import { rpcError } from './rpc-errors.ts'

export interface ProviderContext {
  /** from the browser's sender, never from the page */
  origin: string
  activeChainId(): Promise<number>
}

type MethodHandler = (req: ProviderRequest, ctx: ProviderContext) => Promise<unknown>

const methods: Record<string, MethodHandler> = {
  eth_chainId: async (_req, ctx) => toHexChainId(await ctx.activeChainId()),
  net_version: async (_req, ctx) => String(await ctx.activeChainId()),
}

export async function routeProviderRequest(req: ProviderRequest, ctx: ProviderContext): Promise<ProviderReply> {
  try {
    if (!Object.prototype.hasOwnProperty.call(methods, req.method)) throw rpcError.unsupported(req.method)
    return { result: await methods[req.method](req, ctx) }
  } catch (err) {
    return { error: toErrorShape(err, -32603) }
  }
}

export function toHexChainId(id: number): `0x${string}` {
  return `0x${id.toString(16)}`
}
