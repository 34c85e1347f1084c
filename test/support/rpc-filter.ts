// An RPC proxy in front of a node that answers some requests itself, as a node without a feature
// would: `refuse(method, params)` returns a JSON-RPC error to send back instead of forwarding (batch
// bodies are answered request by request, or refused whole with `noBatches`, as some public RPCs
// do: with a JSON-RPC error, or with an HTTP 400 in plain text). Counts every request it receives.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FilterProxy {
  url: string
  /** requests received, per method */
  counts: Map<string, number>
  /** HTTP requests received (a batch is one) */
  http: number
  close(): Promise<void>
}

type Req = { jsonrpc: '2.0'; id: unknown; method: string; params?: unknown[] }

export async function filterProxy(target: string, refuse: (method: string, params: unknown[]) => { code: number; message: string } | null, opts: { noBatches?: 'json-error' | 'http-400' } = {}): Promise<FilterProxy> {
  const counts = new Map<string, number>()
  const state = { http: 0 }
  const answer = async (r: Req): Promise<unknown> => {
    counts.set(r.method, (counts.get(r.method) ?? 0) + 1)
    const err = refuse(r.method, r.params ?? [])
    if (err) return { jsonrpc: '2.0', id: r.id, error: err }
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r) })
    return res.json()
  }
  const server: Server = createServer((req, res) => {
    state.http++
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Req | Req[]
        if (Array.isArray(body) && opts.noBatches === 'http-400') {
          res.writeHead(400, { 'content-type': 'text/plain' })
          res.end('batch requests are not supported')
          return
        }
        const out = !Array.isArray(body) ? await answer(body) : opts.noBatches ? { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'batch requests are not supported' } } : await Promise.all(body.map(answer))
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify(out))
      } catch (err) {
        res.writeHead(502)
        res.end(String(err))
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    get http() {
      return state.http
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

/** A node without eth_simulateV1 (-32601, as geth answers an unknown method). */
export const noSimulateV1 = (method: string) => (method === 'eth_simulateV1' ? { code: -32601, message: 'the method eth_simulateV1 does not exist/is not available' } : null)

/** A node with neither eth_simulateV1 nor eth_call state overrides. */
export const noSimulation = (method: string, params: unknown[]) =>
  noSimulateV1(method) ?? (method === 'eth_call' && params.length > 2 ? { code: -32602, message: 'too many arguments, want at most 2' } : null)
