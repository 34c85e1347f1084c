// Serves the test dApp pages (test/e2e/pages) and any extra routes on 127.0.0.1, on a free port.
import { createServer, type Server } from 'node:http'
import { readFileSync, existsSync } from 'node:fs'
import { join, normalize } from 'node:path'
import type { AddressInfo } from 'node:net'

const pagesDir = new URL('../pages/', import.meta.url).pathname
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' }

export interface PageServer {
  url: string
  origin: string
  close(): Promise<void>
}

export async function servePages(extra: Record<string, { type: string; body: string | Buffer }> = {}): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    const x = extra[path]
    if (x) {
      res.writeHead(200, { 'content-type': x.type })
      res.end(x.body)
      return
    }
    const file = normalize(join(pagesDir, path === '/' ? 'index.html' : path))
    if (!file.startsWith(pagesDir) || !existsSync(file)) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' })
    res.end(readFileSync(file))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    url: origin + '/',
    origin,
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections() // the browser keeps connections alive; don't wait for it
      }),
  }
}
