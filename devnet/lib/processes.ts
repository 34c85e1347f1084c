// Child processes of the devnet (one anvil per chain) and the guarantees around them: every child
// is killed when its devnet stops, when the parent process exits, and on SIGINT/SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createServer } from 'node:net'
import { readFileSync, readdirSync, readlinkSync } from 'node:fs'

const live = new Set<ChildProcess>()
let exitHookInstalled = false

function installExitHook() {
  if (exitHookInstalled) return
  exitHookInstalled = true
  // 'exit' handlers must be synchronous: SIGKILL cannot be ignored and needs no waiting.
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
}

/** SIGKILLs every node any devnet of this process started (for a shutdown that cannot wait). */
export function killAllNodes(): void {
  for (const child of live) child.kill('SIGKILL')
}

/** Kills every devnet child, then lets the signal do what it would have done without us. */
export function installSignalHandlers(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    for (const child of live) child.kill('SIGKILL')
    process.removeListener('SIGINT', handler)
    process.removeListener('SIGTERM', handler)
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return () => {
    process.removeListener('SIGINT', handler)
    process.removeListener('SIGTERM', handler)
  }
}

export function anvilBinary(): string {
  const require = createRequire(import.meta.url)
  return join(dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json')), 'bin', 'anvil')
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly label: string,
  ) {
    super(
      `Port ${port} (${label}) on 127.0.0.1 is already in use. Stop whatever listens on it ` +
        `(another devnet? check with: ss -ltnp 'sport = :${port}') or start with ports: 'auto'.`,
    )
    this.name = 'PortInUseError'
  }
}

/** Resolves if nothing listens on 127.0.0.1:port, rejects with PortInUseError otherwise. */
export function assertPortFree(port: number, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' || e.code === 'EACCES' ? new PortInUseError(port, label) : e),
    )
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve()))
  })
}

/** A port the OS considers free right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface AnvilConfig {
  label: string
  port: number
  chainId: number
  mnemonic: string
  accounts: number
  balanceEther: number
  optimism?: boolean
  hardfork?: string
  /** interval mining from the start (seconds); omitted = automine */
  blockTime?: number
  /** with blockTime: automine as well as interval blocks */
  mixedMining?: boolean
  order?: 'fifo' | 'fees'
}

export interface AnvilProcess {
  label: string
  port: number
  url: string
  pid: number
  /** the last few KB anvil printed, for error messages */
  output(): string
  /** resolves with the exit code when the process ends, for whatever reason */
  exited: Promise<number | null>
  stop(): Promise<void>
}

export async function startAnvil(cfg: AnvilConfig, readyTimeoutMs = 15_000): Promise<AnvilProcess> {
  installExitHook()
  const args = [
    '--host', '127.0.0.1',
    '--port', String(cfg.port),
    '--chain-id', String(cfg.chainId),
    '--mnemonic', cfg.mnemonic,
    '--accounts', String(cfg.accounts),
    '--balance', String(cfg.balanceEther),
    '--silent',
  ]
  if (cfg.optimism) args.push('--optimism')
  if (cfg.hardfork) args.push('--hardfork', cfg.hardfork)
  if (cfg.blockTime) args.push('--block-time', String(cfg.blockTime))
  if (cfg.blockTime && cfg.mixedMining) args.push('--mixed-mining')
  if (cfg.order) args.push('--order', cfg.order)

  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
  live.add(child)
  let out = ''
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-4000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child)
      resolve(code)
    })
    child.once('error', (e) => {
      keep(Buffer.from(String(e)))
      live.delete(child)
      resolve(-1)
    })
  })

  const url = `http://127.0.0.1:${cfg.port}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || !live.has(child)) return
    child.kill('SIGTERM')
    const t = setTimeout(() => child.kill('SIGKILL'), 2000)
    await exited
    clearTimeout(t)
  }

  const deadline = Date.now() + readyTimeoutMs
  let exitCode: number | null | undefined
  exited.then((c) => (exitCode = c))
  for (;;) {
    if (exitCode !== undefined) {
      if (/address already in use/i.test(out)) throw new PortInUseError(cfg.port, cfg.label)
      throw new Error(`anvil for ${cfg.label} (port ${cfg.port}) exited with code ${exitCode}: ${out.trim()}`)
    }
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      })
      const body = (await res.json()) as { result?: string }
      // Answering is not enough: with racing devnets the answer could come from someone else's
      // node that won the port, while ours is about to exit. Check that our child owns the socket.
      if (body.result && Number(body.result) === cfg.chainId && listensOn(child.pid!, cfg.port)) break
      if (body.result && Number(body.result) !== cfg.chainId) {
        // Someone else's node answers on our port.
        await stop()
        throw new PortInUseError(cfg.port, cfg.label)
      }
    } catch (e) {
      if (e instanceof PortInUseError) throw e
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`anvil for ${cfg.label} (port ${cfg.port}) not ready after ${readyTimeoutMs} ms: ${out.trim()}`)
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return { label: cfg.label, port: cfg.port, url, pid: child.pid!, output: () => out, exited, stop }
}

/** Whether process `pid` holds the listening TCP socket on `port` (Linux /proc; true where unknowable). */
function listensOn(pid: number, port: number): boolean {
  let fds: string[]
  try {
    fds = readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        return ''
      }
    })
  } catch {
    return true
  }
  const hexPort = ':' + port.toString(16).toUpperCase().padStart(4, '0')
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string
    try {
      text = readFileSync(table, 'utf8')
    } catch {
      continue
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/)
      // cols: sl local_address rem_address st ... inode(9); st 0A = LISTEN
      if (cols.length > 9 && cols[1]!.endsWith(hexPort) && cols[3] === '0A' && fds.includes(`socket:[${cols[9]}]`)) return true
    }
  }
  return false
}
