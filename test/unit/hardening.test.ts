// The smaller pieces of issue 19, each on its own: the display sanitiser and the origin as shown,
// response bodies capped in bytes, the RPC client cache bounded, wallet_addEthereumChain asking every
// proposed RPC (and a site's checks rationed), the claim backend https-only off this computer,
// keystores with polkadot's parameters only, settings written one at a time.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { displayText, safeText } from '../../src/util/display.ts'
import { describeOrigin, isSecureOrLoopbackUrl, registrableDomain, siteOf } from '../../src/util/origin.ts'
import { BodyTooLargeError, readTextCapped } from '../../src/util/http.ts'
import { cachedClients, CLIENT_CACHE_SIZE, publicClientFor } from '../../src/chains/rpc-client.ts'
import { rpcCall } from '../../src/chains/rpc-raw.ts'
import { checkRpcUrls, parseAddChain } from '../../src/provider/chain-params.ts'
import { ClaimConfig, MAINNET_CLAIM } from '../../src/claim/config.ts'
import { fetchAccount } from '../../src/claim/backend.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import { SettingsStore } from '../../src/storage/settings.ts'
import { ETH, type Network } from '../../src/chains/types.ts'
import { makeWallet } from '../support/wallet-harness.ts'
import { openPage } from '../support/pages.ts'
import { FETCH_BUDGET } from '../../src/provider/limits.ts'

/** A local JSON-RPC endpoint: answers eth_chainId with `chainId`, or a body of `hugeBytes`. */
async function rpcServer(opts: { chainId?: number; hugeBytes?: number; delayMs?: number }): Promise<{ url: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0
  const server: Server = createServer((req, res) => {
    hits++
    req.resume()
    req.on('end', () => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
        if (opts.hugeBytes) {
          // streamed without a length: the reader must stop by itself
          const chunk = Buffer.alloc(64 * 1024, 0x20)
          let sent = 0
          const more = () => {
            while (sent < opts.hugeBytes!) {
              sent += chunk.length
              if (!res.write(chunk)) return void res.once('drain', more)
            }
            res.end()
          }
          more()
        } else res.end(JSON.stringify({ jsonrpc: '2.0', id: 1, result: `0x${(opts.chainId ?? 1).toString(16)}` }))
      }, opts.delayMs ?? 0)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    hits: () => hits,
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}

test('display: hidden characters become visible markers and are flagged; long text is cut', () => {
  const d = displayText('Pay\u202Egnp.exe', { max: 64 })
  assert.equal(d.text, 'Pay⟨U+202E⟩gnp.exe')
  assert.deepEqual(d.hidden, ['bidi'])
  assert.equal(safeText('a\u200Bb\uFEFFc'), 'a⟨U+200B⟩b⟨U+FEFF⟩c')
  assert.deepEqual(displayText('tab\there').hidden, ['control'])
  assert.deepEqual(displayText('line\nbreak', { multiline: true }).hidden, [])
  const long = displayText('x'.repeat(100), { max: 10 })
  assert.equal(long.text, `${'x'.repeat(10)}…`)
  assert.equal(long.truncated, true)
  assert.equal(displayText('😀é').text, '😀é', 'emoji and accents are not hidden characters')
  assert.equal(displayText(42 as unknown).text, '')
})

test('origins: the registrable domain, punycode decoded, lookalike letters and plain http flagged', () => {
  assert.equal(registrableDomain('login.example.co.uk'), 'example.co.uk')
  assert.equal(registrableDomain('a.b.example.com'), 'example.com')
  assert.equal(registrableDomain('evil.github.io'), 'evil.github.io')
  assert.equal(siteOf('http://s7.flood.test:8080'), 'flood.test')
  assert.equal(siteOf('http://127.0.0.1:3000'), '127.0.0.1')
  const v = describeOrigin('https://xn--80ak6aa92e.com')!
  assert.equal(v.unicodeHost, 'аррӏе.com')
  assert.equal(v.punycode, true)
  assert.equal(v.lookalike, true)
  assert.deepEqual(v.scripts, ['Cyrillic'])
  const m = describeOrigin('https://xn--mnchen-3ya.de')!
  assert.equal(m.unicodeHost, 'münchen.de')
  assert.equal(m.lookalike, false, 'an accented Latin name is not a lookalike')
  assert.equal(describeOrigin('http://dapp.example')!.insecure, true)
  assert.equal(describeOrigin('http://localhost:3000')!.insecure, false)
  assert.equal(describeOrigin('not an origin'), null)
})

test('response bodies are capped in bytes: an endless answer is cut off, not read into memory', async () => {
  const huge = await rpcServer({ hugeBytes: 4 * 1024 * 1024 })
  try {
    const res = await fetch(huge.url, { method: 'POST', body: '{}' })
    await assert.rejects(readTextCapped(res, 64 * 1024), (e) => e instanceof BodyTooLargeError)
    await assert.rejects(rpcCall([huge.url], 'eth_chainId', [], { maxBytes: 64 * 1024 }), (e: { code: number; message: string }) => e.code === 4901 && /larger than 64 KiB/.test(e.message))
    const client = publicClientFor({ chainId: 7, name: 'huge', nativeCurrency: ETH, rpcUrls: [huge.url], blockTimeSeconds: 2, source: 'user' } as Network, { maxBytes: 64 * 1024 })
    await assert.rejects(client.getChainId())
  } finally {
    await huge.close()
  }
})

test('the RPC client cache keeps at most CLIENT_CACHE_SIZE clients, the least recently used dropped first', () => {
  const net = (i: number) => ({ chainId: 1000 + i, name: `n${i}`, nativeCurrency: ETH, rpcUrls: [`https://rpc${i}.example`], blockTimeSeconds: 2, source: 'user' }) as Network
  const first = publicClientFor(net(0))
  for (let i = 1; i < CLIENT_CACHE_SIZE * 3; i++) {
    publicClientFor(net(i))
    assert.equal(publicClientFor(net(0)), first, 'a client in use stays')
  }
  assert.ok(cachedClients() <= CLIENT_CACHE_SIZE)
  assert.notEqual(publicClientFor(net(1)), publicClientFor(net(CLIENT_CACHE_SIZE * 3 + 1)))
})

test('wallet_addEthereumChain: every proposed RPC is asked; one serving another chain refuses the request; only answering ones are kept and shown', async () => {
  const good = await rpcServer({ chainId: 4242 })
  const good2 = await rpcServer({ chainId: 4242 })
  const liar = await rpcServer({ chainId: 1 })
  try {
    const proposed = parseAddChain({ chainId: '0x1092', chainName: 'Test chain', rpcUrls: [good.url, 'http://127.0.0.1:9/', good2.url, good.url], nativeCurrency: { name: 'T', symbol: 'T', decimals: 18 } })
    assert.deepEqual(proposed.rpcUrls, [good.url, 'http://127.0.0.1:9/', good2.url], 'duplicates once')
    const checks = await checkRpcUrls(proposed, 2000)
    assert.deepEqual(checks.map((c) => c.chainId), [4242, null, 4242])
    assert.ok(good2.hits() > 0, 'the second URL was asked too, not only the first')

    const h = await makeWallet({ networks: [{ chainId: 900, name: 'Offline', nativeCurrency: ETH, rpcUrls: ['http://127.0.0.1:9'], blockTimeSeconds: 12, source: 'builtin' } as Network] })
    const page = await openPage(h, { origin: 'https://chains.example', tabId: 1, frameId: 0 })
    const params = (urls: string[]) => [{ chainId: '0x1092', chainName: 'Test chain', rpcUrls: urls, nativeCurrency: { name: 'T', symbol: 'T', decimals: 18 } }]
    const lying = await h.provider.request({ id: 1, method: 'wallet_addEthereumChain', params: params([good.url, liar.url]) }, page)
    assert.ok('error' in lying && lying.error.code === -32602 && lying.error.message.includes(liar.url), JSON.stringify(lying))
    assert.deepEqual(await h.provider.request({ id: 2, method: 'wallet_addEthereumChain', params: params([good.url, 'http://127.0.0.1:9/', good2.url]) }, page), { deferred: true })
    const { approval } = await h.provider.currentApproval()
    assert.ok(approval && approval.request.kind === 'addChain')
    assert.deepEqual(approval.request.network.rpcUrls, [good.url, good2.url], 'only the URLs that answered with the chain are kept')
    assert.equal(approval.request.rpcChecks?.length, 3, 'the window shows every proposed URL with its answer')
    await h.provider.resolveApproval(approval.id, { approved: false })

    // a site that is not approved yet can make the wallet fetch only a few times in a while
    const replies = []
    for (let i = 0; i < FETCH_BUDGET.perSite + 3; i++) replies.push(await h.provider.request({ id: 10 + i, method: 'wallet_addEthereumChain', params: params([good.url]) }, await openPage(h, { origin: `https://s${i}.chains.example`, tabId: 2, frameId: i })))
    const limited = replies.filter((r) => 'error' in r && r.error.code === -32005)
    assert.ok(limited.length >= 3, `the site's subdomains share one budget (${limited.length} refused at once)`)
  } finally {
    for (const s of [good, good2, liar]) await s.close()
  }
})

test('the claim backend: https, or http to this computer only; a stored plain-http address is not used', async () => {
  const kv = new MemoryKV()
  const config = new ClaimConfig(kv, [MAINNET_CLAIM])
  await assert.rejects(config.setBackend('ethereum', 'phala', 'http://claim.example'), (e: { code: string }) => e.code === 'BAD_URL')
  await assert.rejects(config.setBackend('ethereum', 'phala', 'https://user:pw@claim.example'), (e: { code: string }) => e.code === 'BAD_URL')
  assert.equal((await config.setBackend('ethereum', 'phala', 'https://claim.example/')).backends.phala, 'https://claim.example')
  assert.equal((await config.setBackend('ethereum', 'khala', 'http://127.0.0.1:8548')).backends.khala, 'http://127.0.0.1:8548')
  await kv.set({ 'claim.backends': { ethereum: { phala: 'http://evil.example' } } })
  assert.equal((await config.list())[0].backends.phala, '', 'written by something else: ignored')
  await assert.rejects(fetchAccount({ url: 'http://evil.example', network: 'phala' }, '5Gx'), (e: { code: string }) => e.code === 'BAD_URL')
  assert.equal(isSecureOrLoopbackUrl('http://[::1]:8080'), true)
  assert.equal(isSecureOrLoopbackUrl('http://127.0.0.1.evil.example'), false)
})

test('settings are written one at a time: concurrent changes all land', async () => {
  const kv = new MemoryKV()
  const a = new SettingsStore(kv, { activeChainId: 900 })
  await Promise.all([a.update({ autoLockMinutes: 30 }), a.update({ defaultWallet: true }), a.update((s) => ({ activeChainId: s.activeChainId + 1 })), a.update({ selectedAccount: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' })])
  assert.deepEqual(await a.read(), { activeChainId: 901, defaultWallet: true, autoLockMinutes: 30, selectedAccount: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', showTestnets: null })
  assert.equal((await new SettingsStore(new MemoryKV(), { activeChainId: 2035 }).read()).activeChainId, 2035, "a new wallet's chain is its own first network")
})
