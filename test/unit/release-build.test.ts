// A release (`npm run build`) carries no devnet: its store zips hold no 127.0.0.1 network (the devnet
// builds, `--devnet` and `--dev`, are for tests and `npm start`), and a new install of it starts on the
// first shipped network.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { BUILTIN_NETWORKS } from '../../src/chains/builtin.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import { createCore } from '../../src/core.ts'
import { TestPlatform } from '../support/platform.ts'

const root = new URL('../../', import.meta.url).pathname

/** The files of a zip (stored or deflated entries), read through its central directory. */
export function readZip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  let eocd = buf.length - 22
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  assert.ok(eocd >= 0, 'a zip has an end of central directory')
  const entries = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  for (let i = 0; i < entries; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50)
    const method = buf.readUInt16LE(at + 10)
    const compressed = buf.readUInt32LE(at + 20)
    const size = buf.readUInt32LE(at + 24)
    const nameLen = buf.readUInt16LE(at + 28)
    const extraLen = buf.readUInt16LE(at + 30)
    const commentLen = buf.readUInt16LE(at + 32)
    const local = buf.readUInt32LE(at + 42)
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8')
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const packed = buf.subarray(dataAt, dataAt + compressed)
    out.set(name, method === 0 ? Buffer.from(packed) : inflateRawSync(packed))
    assert.equal(out.get(name)!.length, size, `${name} unpacks to its size`)
    at += 46 + nameLen + extraLen + commentLen
  }
  return out
}

/** Local networks a build could carry: loopback addresses, and the devnet's ports on any host name. */
export function localNetworks(text: string): string[] {
  return [...new Set(text.match(/127\.0\.0\.1(:\d+)?|localhost:85\d\d|\[::1\]:\d+/g) ?? [])]
}

test('the release zips hold no 127.0.0.1 network (and the check finds the devnet where it is)', { timeout: 120_000 }, () => {
  const out = '.cache/release-check'
  rmSync(join(root, out), { recursive: true, force: true })
  const r = spawnSync(process.execPath, ['build.mjs'], { cwd: root, env: { ...process.env, RW_DIST: out }, encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr || r.stdout)
  try {
    const zips = readdirSync(join(root, out)).filter((f) => f.endsWith('.zip'))
    assert.equal(zips.length, 2, `a zip per browser: ${zips.join(', ')}`)
    for (const z of zips) {
      const files = readZip(readFileSync(join(root, out, z)))
      assert.ok(files.has('background.js') && files.has('manifest.json'), `${z} holds the extension`)
      for (const [name, data] of files) {
        if (name.endsWith('.png')) continue
        assert.deepEqual(localNetworks(data.toString('utf8')), [], `${z}/${name} carries a local network`)
      }
    }
  } finally {
    rmSync(join(root, out), { recursive: true, force: true })
  }
  // the same check on what a devnet build embeds finds it: the test can fail
  const manifest = join(root, 'devnet', 'manifest.json')
  if (existsSync(manifest)) assert.ok(localNetworks(readFileSync(manifest, 'utf8')).includes('127.0.0.1:8545'))
  assert.deepEqual(localNetworks('fetch("http://127.0.0.1:8548/claim")'), ['127.0.0.1:8548'])
})

test("a new install of a release starts on the first shipped network, not on a local one", async () => {
  const core = createCore({ local: new MemoryKV(), session: new MemoryKV(), platform: new TestPlatform(), networks: BUILTIN_NETWORKS, devnet: null })
  await core.ready
  const state = await core.wallet.state()
  assert.equal(state.activeChainId, BUILTIN_NETWORKS[0].chainId)
  assert.equal((await core.wallet.activeNetwork()).chainId, BUILTIN_NETWORKS[0].chainId)
  assert.ok((await core.wallet.networks.list()).every((n) => n.rpcUrls.every((u) => localNetworks(u).length === 0)))
})
