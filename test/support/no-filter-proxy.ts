// An RPC in front of a devnet node that keeps no filters, as many public RPCs do: every filter
// method gets -32601, everything else is passed on. It counts the methods it was asked, so a test
// can tell that the wallet emulated filters instead of asking the node for them.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

const FILTER_METHODS = new Set(['eth_newFilter', 'eth_newBlockFilter', 'eth_newPendingTransactionFilter', 'eth_getFilterChanges', 'eth_getFilterLogs', 'eth_uninstallFilter'])

export interface NoFilterProxy {
  url: string
  /** how many times each method was asked */
  asked: Map<string, number>
  close(): Promise<void>
}

export async function noFilterProxy(upstream: string, port = 0): Promise<NoFilterProxy> {
  const asked = new Map<string, number>()
  const answer = async (req: { id?: unknown; method?: unknown }) => {
    const method = String(req?.method)
    asked.set(method, (asked.get(method) ?? 0) + 1)
    if (FILTER_METHODS.has(method)) return { jsonrpc: '2.0', id: req.id ?? null, error: { code: -32601, message: `the method ${method} does not exist/is not available` } }
    const res = await fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) })
    return res.json()
  }
  const server: Server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      // the extension's background fetches across origins: answer the preflight
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-allow-headers': '*' })
      res.end()
      return
    }
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', async () => {
      try {
        const parsed = JSON.parse(body)
        const out = Array.isArray(parsed) ? await Promise.all(parsed.map(answer)) : await answer(parsed)
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
        res.end(JSON.stringify(out))
      } catch (err) {
        res.writeHead(500).end(String(err))
      }
    })
  })
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  const { port: p } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${p}`,
    asked,
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}
