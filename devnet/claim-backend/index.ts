// The devnet's PHA claim backend: the real API shape on plain node:http, signing approvals for the
// devnet claimers with a local key. Routes (with CORS for extension pages):
//   single network:  GET /account/{ss58}, POST /claim
//   any mode:        GET /{phala|khala}/account/{ss58}, POST /{phala|khala}/claim
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Address, Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { ClaimNetworkName, ClaimSnapshot } from '../phala/snapshot.ts'
import { accountInfo, claim, HttpError, type NetworkContext } from './handlers.ts'

export { claimDigest, signClaimApproval, type ClaimApproval } from './digest.ts'

export interface ClaimBackendOptions {
  port: number
  host?: string
  signerKey: Hex
  snapshot: ClaimSnapshot
  network: ClaimNetworkName | 'both'
  /** one claimer, or one per network when serving both */
  claimerAddress: Address | Partial<Record<ClaimNetworkName, Address>>
  chainId: number
}

export interface ClaimBackend {
  /** base URL; the single network's API lives right under it */
  url: string
  /** API base per served network (`${url}/phala`, `${url}/khala`) */
  urls: Partial<Record<ClaimNetworkName, string>>
  signer: Address
  stop(): Promise<void>
}

const MAX_BODY = 64 * 1024
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...CORS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'request body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      } catch {
        reject(new HttpError(400, 'the body is not valid JSON'))
      }
    })
    req.on('error', reject)
  })
}

export async function startClaimBackend(opts: ClaimBackendOptions): Promise<ClaimBackend> {
  const networks: ClaimNetworkName[] = opts.network === 'both' ? ['phala', 'khala'] : [opts.network]
  const contexts = new Map<ClaimNetworkName, NetworkContext>()
  for (const network of networks) {
    const claimer = typeof opts.claimerAddress === 'string' ? opts.claimerAddress : opts.claimerAddress[network]
    if (!claimer) throw new Error(`startClaimBackend: no claimer address for ${network}`)
    contexts.set(network, { network, snapshot: opts.snapshot, signerKey: opts.signerKey, claimer, chainId: opts.chainId })
  }
  const defaultContext = networks.length === 1 ? contexts.get(networks[0]) : undefined

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS)
      res.end()
      return
    }
    const path = new URL(req.url ?? '/', 'http://backend').pathname
    let parts = path.split('/').filter(Boolean).map(decodeURIComponent)
    let ctx = defaultContext
    if (parts[0] === 'phala' || parts[0] === 'khala') {
      ctx = contexts.get(parts[0])
      parts = parts.slice(1)
    }
    if (!ctx) throw new HttpError(404, `no claim API here: use ${networks.map((n) => `/${n}`).join(' or ')}`)
    if (req.method === 'GET' && parts.length === 2 && parts[0] === 'account') return send(res, 200, accountInfo(ctx, parts[1]))
    if (req.method === 'POST' && parts.length === 1 && parts[0] === 'claim') return send(res, 200, await claim(ctx, await readJson(req)))
    throw new HttpError(404, `${req.method} ${path} is not an endpoint of the claim backend`)
  }

  const sockets = new Set<Socket>()
  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500
      const message = err instanceof Error ? err.message : String(err)
      if (!res.headersSent) send(res, status, { error: message })
      else res.destroy()
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const host = opts.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  const url = `http://${host}:${port}`
  return {
    url,
    urls: Object.fromEntries(networks.map((n) => [n, `${url}/${n}`])),
    signer: privateKeyToAccount(opts.signerKey).address,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}
