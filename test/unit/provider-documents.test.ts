// The dApp side's channels and bounds, over the whole core in node (no chain needed: connecting and
// signing messages are local): an answer reaches only the document that asked; a document that goes
// withdraws its approvals (the window closes when nothing is left) and nothing is signed for a page
// that is not there; events reach only the documents of their origin; the queue is bounded per site
// (all subdomains of a domain together) and in all, large payloads stay out of storage.session, the
// window shows sites in turn, a site whose requests keep being rejected waits, and a burst focuses the
// window once.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { verifyMessage, type Hex } from 'viem'
import { makeWallet, type Harness } from '../support/wallet-harness.ts'
import { openPage, type TestPage } from '../support/pages.ts'
import type { Network } from '../../src/chains/types.ts'
import { ETH } from '../../src/chains/types.ts'
import { LIMITS, fairOrder } from '../../src/approvals/queue.ts'
import { APPROVAL_KEYS } from '../../src/approvals/queue.ts'
import { utf8ToHex } from '../../src/provider/params.ts'

const ACCOUNT0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
// a network nobody answers on: nothing here reads a chain
const OFFLINE: Network[] = [{ chainId: 900, name: 'Offline L1', nativeCurrency: ETH, rpcUrls: ['http://127.0.0.1:9'], blockTimeSeconds: 12, source: 'builtin' } as Network]

let nextId = 1
async function wallet(): Promise<Harness> {
  return makeWallet({ networks: OFFLINE, reconnectGraceMs: 50 })
}

/** Connects the page's origin (approving in the "window"). */
async function connect(h: Harness, page: TestPage): Promise<void> {
  const id = nextId++
  assert.deepEqual(await h.provider.request({ id, method: 'eth_requestAccounts' }, page), { deferred: true })
  const { approval } = await h.provider.currentApproval()
  await h.provider.resolveApproval(approval!.id, { approved: true })
  const reply = h.platform.toDoc(page.doc).find((m) => m.kind === 'response' && m.id === id)
  assert.ok(reply && reply.kind === 'response' && 'result' in reply.reply)
}

async function sign(h: Harness, page: TestPage, text: string): Promise<number> {
  const id = nextId++
  assert.deepEqual(await h.provider.request({ id, method: 'personal_sign', params: [utf8ToHex(text), ACCOUNT0] }, page), { deferred: true })
  return id
}

const answersTo = (h: Harness, page: TestPage) => h.platform.toDoc(page.doc).filter((m) => m.kind === 'response')

test('the answer goes to the document that asked, and to no other document of the same tab and frame', async () => {
  const h = await wallet()
  const a = await openPage(h, { origin: 'https://dapp.example', tabId: 1, frameId: 0 })
  await connect(h, a)
  const id = await sign(h, a, 'hello')
  // another document in the same frame (what a navigation brings) opens its own channel
  const other = await openPage(h, { origin: 'https://dapp.example', tabId: 1, frameId: 0 })
  const { approval } = await h.provider.currentApproval()
  await h.provider.resolveApproval(approval!.id, { approved: true })
  const got = answersTo(h, a).find((m) => m.kind === 'response' && m.id === id)
  assert.ok(got && got.kind === 'response' && 'result' in got.reply)
  assert.equal(await verifyMessage({ address: ACCOUNT0, message: 'hello', signature: got.reply.result as Hex }), true)
  assert.equal(answersTo(h, other).length, 0, 'the other document got no answer')
})

test('a document that navigates away withdraws its approval: the window closes, nothing is signed, the new page hears nothing', async () => {
  const h = await wallet()
  const a = await openPage(h, { origin: 'https://dapp.example', tabId: 1, frameId: 0 })
  await connect(h, a)
  await sign(h, a, 'sign me')
  const { approval } = await h.provider.currentApproval()
  assert.equal(h.platform.windows.size, 1, 'the window is open')
  await a.close() // the frame navigated: its port closed
  const evil = await openPage(h, { origin: 'https://evil.example', tabId: 1, frameId: 0 })
  assert.equal((await h.provider.currentApproval()).total, 0, 'withdrawn')
  assert.equal(h.platform.windows.size, 0, 'the window closed: nothing was left')
  const view = await h.provider.approvalsView()
  assert.ok(view.withdrawn.some((w) => w.id === approval!.id && /left/.test(w.reason)), 'the window can say why')
  await assert.rejects(h.provider.resolveApproval(approval!.id, { approved: true }), (e: { code: string }) => e.code === 'ALREADY_SETTLED')
  assert.deepEqual(h.platform.toDoc(evil.doc).filter((m) => m.kind !== 'status'), [], 'the new page got no answer and no event')
  // a lock and unlock pushes accountsChanged: to the connected origin's documents only
  await h.wallet.keyring.lock()
  await h.wallet.keyring.unlock('correct horse battery')
  await h.provider.pushAccountsChanged()
  assert.deepEqual(h.platform.toDoc(evil.doc).filter((m) => m.kind === 'event'), [], 'no accounts for the new page')
})

test('withdrawing one document keeps the others waiting; approving for a document that is gone signs nothing', async () => {
  const h = await wallet()
  const a = await openPage(h, { origin: 'https://a.example', tabId: 1, frameId: 0 })
  const b = await openPage(h, { origin: 'https://b.example', tabId: 2, frameId: 0 })
  await connect(h, a)
  await connect(h, b)
  await sign(h, a, 'from a')
  const idB = await sign(h, b, 'from b')
  await a.close()
  const { approval, total } = await h.provider.currentApproval()
  assert.equal(total, 1)
  assert.equal(approval!.requester.origin, b.origin)
  assert.equal(h.platform.windows.size, 1, 'the window stays for b')
  // b's document goes after the window showed it but before the click lands: the click signs nothing
  const channel = b.channel
  channel.closed = true
  h.provider.docs.close(b.doc) // the port is gone, the disconnect event not handled yet
  const reply = await h.provider.resolveApproval(approval!.id, { approved: true })
  assert.ok('error' in reply && reply.error.code === 4900 && /left before you answered/.test(reply.error.message), JSON.stringify(reply))
  assert.equal(answersTo(h, b).filter((m) => m.kind === 'response' && m.id === idB).length, 0)
})

test('after a worker restart an approval waits for its document to say hello again, and is withdrawn if it does not', async () => {
  const h = await wallet()
  const a = await openPage(h, { origin: 'https://a.example', tabId: 1, frameId: 0 })
  const b = await openPage(h, { origin: 'https://b.example', tabId: 2, frameId: 0 })
  await connect(h, a)
  await connect(h, b)
  const idA = await sign(h, a, 'a')
  await sign(h, b, 'b')
  const r = await h.restart()
  // a comes back with its secret and the request it waits for; b's page navigated while the worker was stopped
  const a2 = await openPage(r, a, [idA])
  assert.equal((await r.provider.currentApproval()).total, 2)
  await new Promise((res) => setTimeout(res, 120)) // the grace time (50 ms here)
  const { approval, total } = await r.provider.currentApproval()
  assert.equal(total, 1, "b's approval was withdrawn")
  assert.equal(approval!.requester.doc, a.doc)
  await r.provider.resolveApproval(approval!.id, { approved: true })
  assert.ok(answersTo(r, a2).some((m) => m.kind === 'response' && m.id === idA && 'result' in m.reply))
})

test('a request sent again after the worker stopped before saying it waits (same document, same id): the approval it already has, kept, never a second', async () => {
  const h = await wallet()
  const a = await openPage(h, { origin: 'https://a.example', tabId: 1, frameId: 0 })
  await connect(h, a)
  const id = nextId++
  const req = { id, method: 'personal_sign', params: [utf8ToHex('once'), ACCOUNT0] }
  assert.deepEqual(await h.provider.request(req, a), { deferred: true })
  const r = await h.restart()
  // the relay never heard "deferred": it says hello listing the request as sent again, then sends it
  const a2 = await openPage(r, a, [], [id])
  assert.equal((await r.provider.currentApproval()).total, 1, 'the approval is kept')
  assert.deepEqual(await r.provider.request(req, a2), { deferred: true })
  const { approval, total } = await r.provider.currentApproval()
  assert.equal(total, 1, 'asked again, it is the same approval')
  assert.equal(answersTo(r, a2).filter((m) => m.kind === 'response' && m.id === id).length, 0, 'no error for the request sent again')
  await r.provider.resolveApproval(approval!.id, { approved: true })
  const answers = answersTo(r, a2).filter((m) => m.kind === 'response' && m.id === id)
  assert.equal(answers.length, 1)
  assert.ok(answers[0]!.kind === 'response' && 'result' in answers[0]!.reply && (await verifyMessage({ address: ACCOUNT0, message: 'once', signature: answers[0]!.reply.result as Hex })))
  // without the hello's word, the approval of a request the page does not list is withdrawn (as before)
  const id2 = nextId++
  assert.deepEqual(await r.provider.request({ id: id2, method: 'personal_sign', params: [utf8ToHex('twice'), ACCOUNT0] }, a2), { deferred: true })
  const r2 = await r.restart()
  await openPage(r2, a, [], [])
  await new Promise((res) => setTimeout(res, 120))
  assert.equal((await r2.provider.currentApproval()).total, 0)
})

test("a document cannot claim another frame's approvals with its secret", async () => {
  const h = await wallet()
  const a = await openPage(h, { origin: 'https://a.example', tabId: 1, frameId: 0 })
  await connect(h, a)
  const id = await sign(h, a, 'mine')
  const r = await h.restart()
  const thief = await openPage(r, { origin: 'https://evil.example', tabId: 1, frameId: 0, doc: a.doc }, [id])
  assert.equal(thief.channel.closed, true, 'refused: the secret belongs to another origin')
  assert.equal(r.provider.docs.get(a.doc), null)
  const stolen = await openPage(r, { origin: 'https://a.example', tabId: 1, frameId: 0, doc: a.doc, documentId: 'other-document' }, [id])
  assert.equal(stolen.channel.closed, false, 'the same origin and frame is the same document where the browser gives no document id')
})

test('the queue is bounded per site (subdomains together) and in all; a site with nothing waiting still gets one in', async () => {
  const h = await wallet()
  const pages: TestPage[] = []
  for (let i = 0; i < LIMITS.perSite + 5; i++) pages.push(await openPage(h, { origin: `https://s${i}.flood.example`, tabId: 10, frameId: i }))
  const replies = await Promise.all(pages.map((p) => h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, p)))
  assert.equal(replies.filter((r) => 'deferred' in r).length, LIMITS.perSite, 'one site: every subdomain counts together')
  for (const r of replies.filter((x) => 'error' in x)) assert.ok('error' in r && r.error.code === -32005 && /flood\.example/.test(r.error.message))
  // many sites fill the queue to its total; then only a site with nothing waiting gets in
  let n = 0
  for (let s = 0; (await h.provider.currentApproval()).total < LIMITS.total; s++) {
    const p = await openPage(h, { origin: `https://site${s}.example`, tabId: 20 + s, frameId: 0 })
    for (let k = 0; k < 5; k++) await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, p)
    n++
  }
  assert.ok(n > 0)
  const busy = await openPage(h, { origin: 'https://site0.example', tabId: 99, frameId: 0 })
  const refused = await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, busy)
  assert.ok('error' in refused && refused.error.code === -32005, 'a site with requests waiting is refused once the total is reached')
  const real = await openPage(h, { origin: 'https://real.example', tabId: 100, frameId: 0 })
  assert.deepEqual(await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, real), { deferred: true }, 'a new site still gets its one request in')
  // shown in turn: each site's first request before any site's second
  const order = (await h.provider.approvals.list()).map((p) => p.requester.origin)
  const firstSeconds = order.findIndex((o, i) => order.indexOf(o) !== i && new URL(o).hostname.endsWith('.example'))
  assert.ok(order.indexOf(real.origin) < LIMITS.total, 'the new site is not behind every request of the flood')
  assert.ok(firstSeconds === -1 || order.indexOf(real.origin) < firstSeconds || order.slice(0, firstSeconds).includes(real.origin))
})

test('fair order: a site\'s second request comes after every other site\'s first', () => {
  const list = [{ site: 'a' }, { site: 'a' }, { site: 'a' }, { site: 'b' }, { site: 'c' }, { site: 'b' }]
  assert.deepEqual(fairOrder(list.map((x, i) => ({ ...x, i }))).map((x) => `${x.site}${x.i}`), ['a0', 'b3', 'c4', 'a1', 'b5', 'a2'])
})

test('large payloads stay in memory: storage.session holds a few KiB for a flood of 512 KiB messages; after a restart they are withdrawn', async () => {
  const h = await wallet()
  const pages: TestPage[] = []
  for (let i = 0; i < 5; i++) pages.push(await openPage(h, { origin: `https://big${i}.example`, tabId: 30 + i, frameId: 0 }))
  for (const p of pages) await connect(h, p)
  const big = '0x' + 'ab'.repeat(255 * 1024)
  for (const p of pages) for (let k = 0; k < 4; k++) assert.deepEqual(await h.provider.request({ id: nextId++, method: 'personal_sign', params: [big, ACCOUNT0] }, p), { deferred: true })
  const stored = JSON.stringify(await h.session.get(APPROVAL_KEYS.pending)).length
  assert.ok(stored < 16 * 1024, `storage.session holds ${stored} bytes for 20 messages of 255 KiB`)
  const { approval } = await h.provider.currentApproval()
  assert.equal(approval!.request.kind === 'personalSign' && approval!.request.message, big, 'the window still shows the whole message')
  // a small one is stored whole, and without its text twice
  await h.provider.request({ id: nextId++, method: 'personal_sign', params: [utf8ToHex('small'), ACCOUNT0] }, pages[0])
  const entries = (await h.session.get(APPROVAL_KEYS.pending)) as { request: { kind: string; text?: unknown } | null }[]
  const small = entries.find((e) => e.request?.kind === 'personalSign')
  assert.ok(small && small.request!.text === null, 'the readable text is made when the window asks, not stored')
  const r = await h.restart()
  for (const p of pages) await openPage(r, p, [])
  assert.equal((await r.provider.currentApproval()).total, 0, 'memory-only requests cannot be shown after a restart: withdrawn (their pages hear 4900 when they ask)')
})

test('after repeated rejections a site must wait; "reject all from this site" empties its requests at once', async () => {
  const h = await wallet()
  const p = await openPage(h, { origin: 'https://pushy.example', tabId: 40, frameId: 0 })
  for (let i = 0; i < 3; i++) {
    await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, p)
    const { approval } = await h.provider.currentApproval()
    await h.provider.resolveApproval(approval!.id, { approved: false })
  }
  const refused = await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, p)
  assert.ok('error' in refused && refused.error.code === -32005 && /ask again in \d+ s/.test(refused.error.message), JSON.stringify(refused))
  h.platform.clock += 31_000
  assert.deepEqual(await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, p), { deferred: true }, 'after the wait it may ask again')

  const q = await openPage(h, { origin: 'https://spam.example', tabId: 41, frameId: 0 })
  for (let i = 0; i < 6; i++) await h.provider.request({ id: nextId++, method: 'wallet_requestPermissions', params: [{ eth_accounts: {} }] }, q)
  assert.equal((await h.provider.currentApproval()).fromSite, 1, "the head is pushy's; spam has its own count")
  assert.equal(await h.provider.rejectSite('spam.example'), 6)
  assert.equal(answersTo(h, q).filter((m) => m.kind === 'response' && 'error' in m.reply && m.reply.error.code === 4001).length, 6)
  const again = await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, q)
  assert.ok('error' in again && again.error.code === -32005, 'and it waits before asking again')
})

test('a burst of requests focuses the window once', async () => {
  const h = await wallet()
  const p = await openPage(h, { origin: 'https://burst.example', tabId: 50, frameId: 0 })
  await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, p)
  const q = await openPage(h, { origin: 'https://other.example', tabId: 51, frameId: 0 })
  for (let i = 0; i < 8; i++) await h.provider.request({ id: nextId++, method: 'wallet_requestPermissions', params: [{ eth_accounts: {} }] }, i % 2 ? p : q)
  assert.equal(h.platform.windows.size, 1, 'one window')
  assert.equal(h.platform.focused.length, 0, 'no focus while the window shows the burst')
  await h.provider.rejectSite('burst.example')
  await h.provider.rejectSite('other.example')
  await h.provider.request({ id: nextId++, method: 'eth_requestAccounts' }, await openPage(h, { origin: 'https://later.example', tabId: 52, frameId: 0 }))
  assert.equal(h.platform.windows.size, 1)
})

test('events reach only the documents of their origin', async () => {
  const h = await wallet()
  const a = await openPage(h, { origin: 'https://a.example', tabId: 1, frameId: 0 })
  const bInA = await openPage(h, { origin: 'https://b.example', tabId: 1, frameId: 3 })
  await connect(h, a)
  await h.provider.pushAccountsChanged()
  await h.provider.pushChainChanged(a.origin)
  const evB = h.platform.toDoc(bInA.doc).filter((m) => m.kind === 'event')
  assert.ok(evB.every((m) => m.kind === 'event' && (m.event !== 'accountsChanged' || (m.data as unknown[]).length === 0)), 'b never hears a\'s accounts')
  assert.ok(!evB.some((m) => m.kind === 'event' && m.event === 'chainChanged'), "b does not hear a's chain")
  const status = h.platform.toDoc(a.doc).filter((m) => m.kind === 'status')
  assert.equal(status.at(-1)?.kind === 'status' && status.at(-1)?.stay, true, 'a connected site keeps its channel open')
})
