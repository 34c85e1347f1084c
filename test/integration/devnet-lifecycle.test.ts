// The devnet's lifecycle: ready within 20 s, nothing left behind after stop() / Ctrl-C / SIGTERM,
// a clear error naming a busy port, and a manifest on the default ports identical to the
// committed devnet/manifest.json (the wallet build embeds it).
import { describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startDevnet, DEFAULT_MANIFEST_PATH, DEFAULT_PORTS, PortInUseError } from '../../devnet/index.ts'
import { freePort } from '../../devnet/lib/processes.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function gone(pids: number[], timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (pids.some(alive)) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen({ port, host: '127.0.0.1' }, () => resolve(s))
  })
}

/** The anvil processes whose parent is `pid` (Linux): every /proc/<n>/stat with that parent pid and the
 *  command name anvil. Reads the stat files rather than /proc/<pid>/task/<tid>/children, which lists only
 *  one thread's children and which some kernels and sandboxes do not provide; other children (esbuild's
 *  service started by tsx, say) are not counted. */
function anvilChildrenOf(pid: number): number[] {
  const out: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === pid && comm === 'anvil') out.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return out
}

/** Spawns node with tsx and resolves once `marker` appears on stdout; returns the process and its output so far. */
function spawnUntil(args: string[], marker: RegExp, timeoutMs = 60_000): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no "${marker}" within ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const check = () => {
      if (marker.test(out)) {
        clearTimeout(t)
        resolve({ child, output: () => out })
      }
    }
    child.stdout!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(t)
      reject(new Error(`exited with ${code} before "${marker}":\n${out}`))
    })
  })
}

describe('devnet lifecycle', () => {
  test('ready within 20 s; stop() leaves no anvil process behind', async () => {
    const devnet = await startDevnet({ ports: 'auto' })
    console.log(`devnet start to ready: ${devnet.readyMs} ms`)
    const pids = devnet.pids()
    assert.equal(pids.length, 3)
    try {
      assert.ok(devnet.readyMs <= 20_000, `ready in ${devnet.readyMs} ms`)
      assert.ok(pids.every(alive))
    } finally {
      await devnet.stop()
    }
    assert.ok(await gone(pids, 1000), 'every anvil exited when stop() resolved')
    await devnet.stop() // idempotent
  })

  test('a busy port gives a clear error naming it, before anything starts', async () => {
    const [l1, a, b, claimBackend] = [await freePort(), await freePort(), await freePort(), await freePort()]
    const blocker = await listen(a)
    try {
      const t0 = Date.now()
      await assert.rejects(
        startDevnet({ ports: { l1, l2: { 901: a, 902: b }, claimBackend } }),
        (e: unknown) => e instanceof PortInUseError && e.port === a && e.message.includes(String(a)) && /L2 901/.test(e.message),
      )
      assert.ok(Date.now() - t0 < 2000, 'fails at once')
      // Nothing was started: the other ports are still free.
      for (const port of [l1, b]) (await listen(port)).close()
    } finally {
      blocker.close()
    }
  })

  test('on the default ports the manifest equals the committed devnet/manifest.json', async () => {
    assert.ok(existsSync(DEFAULT_MANIFEST_PATH), 'devnet/manifest.json is committed')
    const committed = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8'))
    // If a devnet (npm run devnet) already runs on 8545-8547 this fails at once, naming the port.
    const devnet = await startDevnet({ ports: 'default' })
    try {
      assert.deepEqual(devnet.ports.l1, DEFAULT_PORTS.l1)
      assert.equal(devnet.manifestPath, DEFAULT_MANIFEST_PATH)
      assert.deepEqual(devnet.manifest, committed, 'a fresh devnet reproduces the committed manifest (run npm run devnet and commit devnet/manifest.json if the deployment changed on purpose)')
      assert.deepEqual(JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8')), committed)
    } finally {
      await devnet.stop()
    }
  })

  test('npm run devnet: prints the ready time; Ctrl-C (SIGINT) leaves no process behind', async () => {
    const { child, output } = await spawnUntil(['devnet/cli.ts', '--ports', 'auto', '--quiet'], /Ready in [\d.]+ s/)
    const seconds = Number(/Ready in ([\d.]+) s/.exec(output())![1])
    assert.ok(seconds <= 20, `ready in ${seconds} s:\n${output()}`)
    assert.match(output(), /Test mnemonic: test test test test test test test test test test test junk/)
    assert.match(output(), /http:\/\/127\.0\.0\.1:\d+/)
    const anvils = anvilChildrenOf(child.pid!)
    assert.equal(anvils.length, 3, `three anvil children of ${child.pid}, found ${JSON.stringify(anvils)}`)
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    child.kill('SIGINT')
    assert.equal(await exited, 0, `exit code after SIGINT; the output:\n${output()}`)
    assert.ok(await gone(anvils), 'no anvil left after Ctrl-C')
  })

  test('a process using startDevnet() that gets SIGTERM takes its nodes with it', async () => {
    const script = "const { startDevnet } = await import('./devnet/index.ts'); const d = await startDevnet({ ports: 'auto' }); console.log('PIDS ' + JSON.stringify(d.pids()));"
    const { child, output } = await spawnUntil(['--input-type=module', '-e', script], /PIDS \[[\d,]+\]/)
    const pids = JSON.parse(/PIDS (\[[\d,]+\])/.exec(output())![1]!) as number[]
    assert.ok(pids.every(alive))
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
    assert.ok(await gone(pids), 'no anvil left after SIGTERM')
  })
})
