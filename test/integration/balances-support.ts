// A counting HTTP proxy in front of anvil for the balance tests and bench: /<name> forwards to
// targets[name] (after `delayMs`, to add latency), and counts the requests each name received.
// It sees only the traffic of the clients pointed at it, not the devnet's own services.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RpcProxy {
  url(name: string): string
  counts: Map<string, number>
  close(): Promise<void>
}

export async function rpcProxy(targets: Record<string, string>, delayMs = 0): Promise<RpcProxy> {
  const counts = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1)
    counts.set(name, (counts.get(name) ?? 0) + 1)
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
      try {
        const answer = await fetch(targets[name], { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
        res.writeHead(answer.status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
        res.end(Buffer.from(await answer.arrayBuffer()))
      } catch (err) {
        res.writeHead(502)
        res.end(String(err))
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: (name) => `${base}/${name}`,
    counts,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

/** A port nothing listens on (connections are refused at once). */
export function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port
      s.close(() => resolve(port))
    })
  })
}
