// Every key family of the storage map (src/storage-map.ts), tampered with one at a time in a store that
// holds a sound value of every family: the wallet starts, reports the family it found changed (in
// WalletState.problems, or by stopping with a reason when it cannot tell which version its data is),
// and loses nothing else: every other key is what a start of the untouched store leaves, and the
// wallet still unlocks (unless the vault itself is what was damaged). A family added to the map
// without a sample here fails the first test.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createCore } from '../../src/core.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import { STORAGE_MAP, checkStorage } from '../../src/storage-map.ts'
import { ETH, type Network } from '../../src/chains/types.ts'
import { LOCAL_KEYS, SESSION_KEYS } from '../../src/keyring/storage-keys.ts'
import { TestPlatform } from '../support/platform.ts'
import { DEV_PHRASE } from '../../src/keyring/substrate/index.ts'

const PASSWORD = 'correct horse battery'
const PHRASE = 'test test test test test test test test test test test junk'
const A0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const A1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const HASH = `0x${'ab'.repeat(32)}`
const OFFLINE: Network[] = [{ chainId: 900, name: 'Offline L1', nativeCurrency: ETH, rpcUrls: ['http://127.0.0.1:9'], blockTimeSeconds: 12, source: 'builtin' } as Network]
type Family = keyof typeof STORAGE_MAP

/** A sound value of every family that is not written by the wallet itself in the set-up below. */
const SAMPLES: Partial<Record<Family, unknown>> = {
  settings: { activeChainId: 900, defaultWallet: true, autoLockMinutes: 30, selectedAccount: A0 },
  permissions: { 'https://dapp.example': { accounts: [A0], date: 1 } },
  siteChains: { 'https://dapp.example': { chainId: 900, approved: [900], date: 1 } },
  batches: [{ id: '0x01', origin: 'https://dapp.example', chainId: 900, from: A0, version: '2.0.0', createdAt: 1, calls: [{ to: A1, value: '0x0', data: '0x', title: 'Send (1 of 1)', status: 'confirmed' }], status: 200 }],
  networksUser: [{ chainId: 4242, name: 'My chain', nativeCurrency: ETH, rpcUrls: ['https://rpc.my.example'], blockTimeSeconds: 2, source: 'user' }],
  rpcOverrides: { '900': ['https://rpc.mine.example'] },
  userTokens: [{ chainId: 900, address: A1, symbol: 'TOK', name: 'Token', decimals: 18, image: null, addedAt: 1, source: 'wallet' }],
  activity: [{ hash: HASH, chainId: 900, from: A0, to: A1, value: '1', title: 'Send', origin: 'wallet', createdAt: 1, status: 'confirmed' }],
  balancesMeta: { v: 1, chains: [{ chainId: 900, name: 'Offline L1', shortName: 'L1', l1ChainId: null, testnet: true, explorerUrl: null }], tokens: [{ id: 'eth', symbol: 'ETH', name: 'Ether', decimals: 18, chains: [900] }] },
  balancesFilter: { chainIds: [900] },
  balancesAccount: { v: 1, address: A0.toLowerCase(), chains: { '900': { at: 1, block: '1', amounts: { eth: '5' }, error: null } } },
  bridgeItems: [{ kind: 'deposit', id: `900:${HASH}`, status: 'arrived', l1ChainId: 900, l2ChainId: 901, account: A0, to: A0, amount: '1', l1Hash: HASH, createdAt: 1 }],
  bridgeParams: { '901': { l2ChainId: 901, l1ChainId: 900, system: { kind: 'games' }, l2BlockTimeSeconds: 2 } },
  bridgeDiscovery: { [A0.toLowerCase()]: { at: 1 } },
  bridgeClocks: { '900': { l1: 1, local: 1000 } },
  claimBackends: { ethereum: { phala: 'https://claim.example' } },
  claimRecords: [{ deployment: 'ethereum', network: 'phala', h160: A1, ss58: '5Gx', receiver: A0, free: '1', staked: '0', chainId: 1, hash: HASH, sentAt: 1, status: 'confirmed' }],
  activityIncoming: { v: 1, scanned: { '900': '12' }, items: [{ chainId: 900, hash: HASH, logIndex: 0, block: 12, at: 1, token: A1, tokenId: 'tok', symbol: 'TOK', decimals: 18, from: A1, to: A0, value: '5' }] },
  prices: { v: 1, prices: { '900:eth': { answer: '300000000000', decimals: 8, updatedAt: 1, pair: 'ETH / USD', chainId: 900, feed: A1, readAt: 1 } }, errors: {} },
  addressBook: [{ address: A1, name: 'Alice', addedAt: 1 }],
  allowancesScan: { [`900:${A0.toLowerCase()}`]: { fromBlock: '1', scannedTo: '12', pairs: [] } },
  flows: [{ id: 'f1', kind: 'bridge', status: 'done', steps: [], current: 0, createdAt: 1, updatedAt: 1 }],
  connections: [{ origin: 'https://dapp.example', tabId: 1, frameId: 0 }],
  filters: [{ id: '0x01', origin: 'https://dapp.example', chainId: 900, kind: 'block', last: '0x1', polledAt: 1 }],
  approvalsPending: [],
  approvalsWindow: 7,
  homeSnapshot: { v: 1, key: JSON.stringify([A0.toLowerCase(), 'Account 1', 900, false]), tree: ['div', { class: 'popup' }, 'Home'], savedAt: 1 },
  sessionFailures: { count: 0, lastAt: 0 },
}

/** A value of the wrong kind for the family (what another program or a damaged profile leaves). */
function tampered(family: Family, sound: unknown): unknown {
  switch (family) {
    case 'failures':
      return { count: 'zero', lastAt: 0 }
    case 'vault':
      return { ...(sound as object), ct: 'AAAA' } // a truncated ciphertext: its checksum no longer holds
    case 'schemaVersion':
      return 'one'
    default:
      return Array.isArray(sound) ? [{ tampered: true }] : typeof sound === 'object' && sound !== null ? 'tampered' : { tampered: true }
  }
}

async function start(local: MemoryKV, session: MemoryKV, platform: TestPlatform) {
  const core = createCore({ local, session, platform, networks: OFFLINE, devnet: null, kdfIterations: 1000, watchIntervalMs: 3_600_000 })
  await core.ready.catch(() => undefined)
  return core
}

function copy(kv: MemoryKV): Promise<MemoryKV> {
  return kv.all().then(async (all) => {
    const m = new MemoryKV()
    await m.set(all)
    return m
  })
}

const keyOf = (name: Family) => {
  const f = STORAGE_MAP[name]
  return 'prefix' in f && f.prefix ? `${f.key}${A0.toLowerCase()}` : f.key
}

/** The store every test starts from: a real wallet (vault, accounts, session, counters) and a sample of every other family. */
async function baseStore(): Promise<{ local: MemoryKV; session: MemoryKV; platform: TestPlatform }> {
  const local = new MemoryKV()
  const session = new MemoryKV()
  const platform = new TestPlatform()
  const core = await start(local, session, platform)
  await core.wallet.keyring.initialize({ mnemonic: PHRASE, password: PASSWORD })
  await core.wallet.keyring.importSubstrateAccount({ phrase: DEV_PHRASE, path: '//Alice', name: 'Alice' }) // substrateAccounts, with its key in the vault
  for (const [name, value] of Object.entries(SAMPLES) as [Family, unknown][]) {
    const kv = STORAGE_MAP[name].area === 'local' ? local : session
    await kv.set({ [keyOf(name)]: value })
  }
  return { local, session, platform }
}

test('the base store holds a sound value of every declared family, and a start of it reports nothing', async () => {
  const { local, session, platform } = await baseStore()
  for (const name of Object.keys(STORAGE_MAP) as Family[]) {
    const kv = STORAGE_MAP[name].area === 'local' ? local : session
    assert.notEqual(await kv.get(keyOf(name)), undefined, `${name}: no sample (add one to SAMPLES)`)
  }
  assert.deepEqual(await checkStorage(local, session), [])
  const core = await start(local, session, platform)
  assert.equal(core.wallet.halted(), null)
  assert.deepEqual((await core.wallet.state()).problems, [])
})

for (const name of Object.keys(STORAGE_MAP) as Family[]) {
  test(`tampered ${STORAGE_MAP[name].area} "${keyOf(name)}" (${name}): reported, and nothing else is lost`, async () => {
    const base = await baseStore()
    // one snapshot for both runs (the set-up's own wallet may still write to the base store)
    const snap = { local: await copy(base.local), session: await copy(base.session) }
    // what a start of the untouched store leaves: the reference for every other key
    const [cleanLocal, cleanSession] = [await copy(snap.local), await copy(snap.session)]
    await start(cleanLocal, cleanSession, base.platform)
    const clean = { local: await cleanLocal.all(), session: await cleanSession.all() }

    const local = await copy(snap.local)
    const session = await copy(snap.session)
    const f = STORAGE_MAP[name]
    const key = keyOf(name)
    const kv = f.area === 'local' ? local : session
    const bad = tampered(name, await kv.get(key))
    await kv.set({ [key]: bad })
    const core = await start(local, session, base.platform)

    // reported: as a problem naming the family, or by stopping with the reason
    const state = await core.wallet.state()
    const halted = core.wallet.halted()
    if (halted) assert.match(halted.message, /schema version/, JSON.stringify(halted))
    else {
      const mine = state.problems.filter((p) => p.family === name)
      assert.equal(mine.length, 1, `${name} reported once: ${JSON.stringify(state.problems)}`)
      assert.equal(mine[0].key, key)
      assert.equal(mine[0].owner, f.owner)
      assert.deepEqual(state.problems.filter((p) => p.family !== name), [], 'nothing else is reported')
    }
    // nothing else lost: every other key as a start of the untouched store leaves it (a damaged vault or
    // session key makes the session unusable: the wallet is then locked, which is its only loss)
    const now = { local: await local.all(), session: await session.all() }
    // a wallet that stopped wrote nothing at all: compared with the store as it was
    const reference = halted ? { local: await snap.local.all(), session: await snap.session.all() } : clean
    const sessionLost = name === 'vault' || name === 'session' || name === 'lastActivity'
    for (const area of ['local', 'session'] as const) {
      for (const k of new Set([...Object.keys(reference[area]), ...Object.keys(now[area])])) {
        if (area === f.area && k === key) continue
        if (sessionLost && (k === SESSION_KEYS.session || k === SESSION_KEYS.lastActivity)) continue
        // the session's note of the account lists as last checked follows the lists (a list made sound again changes it)
        const withoutLists = (x: unknown) => (area === 'session' && k === SESSION_KEYS.session && x && typeof x === 'object' ? { ...x, accounts: undefined } : x)
        assert.deepEqual(withoutLists(now[area][k]), withoutLists(reference[area][k]), `${area} "${k}" changed when ${name} was tampered with`)
      }
    }
    // the tampered value itself is left as it was, or its owner made it sound again (a cache read anew)
    const after = now[f.area][key]
    if (JSON.stringify(after) !== JSON.stringify(bad)) assert.equal(after === undefined ? null : await f.check(after, { local, session }), null, `${name} was rewritten, and soundly`)
    // and the wallet still opens with its password, unless its vault is what was damaged
    // a stopped wallet serves the stop screen its state, and no topic whose watchers read chains and write
    if (halted) {
      assert.equal(core.topicRefused('wallet'), null)
      for (const t of ['balances', 'prices', 'bridge', 'activity', 'flow']) assert.equal(core.topicRefused(t)?.code, 'STORAGE_MIGRATION_FAILED')
    } else assert.equal(core.topicRefused('balances'), null)
    if (halted) await assert.rejects(core.handleUi({ channel: 'ui', call: 'keyring.unlock', params: { password: PASSWORD } } as never).then((r) => (r.ok ? r : Promise.reject(r.error))), (e: { code: string }) => e.code === 'STORAGE_MIGRATION_FAILED')
    else if (name === 'vault') await assert.rejects(core.wallet.keyring.unlock(PASSWORD), (e: { code: string }) => e.code === 'VAULT_CORRUPT')
    else {
      await core.wallet.keyring.lock()
      const s = await core.wallet.keyring.unlock(PASSWORD)
      assert.equal(s.unlocked, true)
      assert.ok(s.accounts.some((a) => a.address === A0))
    }
  })
}

test('an account address rewritten in storage.local is reported at unlock and never shown; a lowered failure count is reported and does not shorten the wait', async () => {
  const base = await baseStore()
  const core0 = await start(base.local, base.session, base.platform)
  await core0.wallet.keyring.addAccount()
  await core0.wallet.keyring.lock()
  // three wrong passwords, then a content script zeroes the counter in storage.local
  for (let i = 0; i < 4; i++) await core0.wallet.keyring.unlock('wrong').catch(() => undefined)
  await base.local.set({ [LOCAL_KEYS.failures]: { count: 0, lastAt: 0 } })
  const list = (await base.local.get(LOCAL_KEYS.accounts)) as { address: string }[]
  await base.local.set({ [LOCAL_KEYS.accounts]: list.map((a) => (a.address === A1 ? { ...a, address: '0x000000000000000000000000000000000000dEaD' } : a)) })
  const core = await start(base.local, base.session, base.platform)
  const atStart = (await core.wallet.state()).problems
  assert.ok(atStart.some((p) => p.family === 'failures' && /lowered/.test(p.problem)), JSON.stringify(atStart))
  await assert.rejects(core.wallet.keyring.unlock(PASSWORD), (e: { code: string }) => e.code === 'TOO_MANY_TRIES', 'the back-off still holds')
  base.platform.clock += 10 * 60_000
  const s = await core.wallet.keyring.unlock(PASSWORD)
  assert.deepEqual(s.accounts.map((a) => a.address), [A0, A1], 'the phrase gives the second account back')
  const problems = (await core.wallet.state()).problems
  assert.ok(problems.some((p) => p.family === 'accounts' && p.problem.includes('0x000000000000000000000000000000000000dEaD')), JSON.stringify(problems))
})
