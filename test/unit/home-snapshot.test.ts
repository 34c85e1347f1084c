// The popup's picture of Home (src/wallet/home-snapshot.ts): what of the wallet's state it is drawn
// for, what a stored one must look like, and the background removing it whenever the wallet's state
// is no longer the one it shows (a real core over memory storage: lock, another account, a renamed
// one, another chain, the testnet switch), while a change it does not show leaves it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createCore } from '../../src/core.ts'
import { ETH, type Network } from '../../src/chains/types.ts'
import { MemoryKV } from '../../src/storage/kv.ts'
import { buildsAttribute, buildsTag, HOME_SNAPSHOT_KEY, HOME_SNAPSHOT_MAX_CHARS, homeKey, readHomeSnapshot, type HomeSnapshot } from '../../src/wallet/home-snapshot.ts'
import type { WalletState } from '../../src/wallet/wallet.ts'
import { TestPlatform } from '../support/platform.ts'

const A0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const A1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
const PHRASE = 'test test test test test test test test test test test junk'
const PASSWORD = 'correct horse battery'
const NETWORKS: Network[] = [900, 901].map((chainId) => ({ chainId, name: `Offline ${chainId}`, nativeCurrency: ETH, rpcUrls: ['http://127.0.0.1:9'], blockTimeSeconds: 12, source: 'builtin' }) as Network)

const unlocked: WalletState = {
  initialized: true,
  unlocked: true,
  accounts: [{ address: A0, name: 'Account 1' } as unknown as WalletState['accounts'][number]],
  selected: A0,
  activeChainId: 900,
  autoLockMinutes: 15,
  defaultWallet: true,
  showTestnets: true,
  halted: null,
  problems: [],
}

test('homeKey: none for a wallet Home is not shown for; it follows the account (any case), its name, the chain and the testnet switch', () => {
  assert.equal(homeKey({ ...unlocked, unlocked: false }), null)
  assert.equal(homeKey({ ...unlocked, initialized: false }), null)
  assert.equal(homeKey({ ...unlocked, halted: { code: 'STORAGE_NEWER', message: 'x' } }), null)
  assert.equal(homeKey({ ...unlocked, selected: null }), null)
  const key = homeKey(unlocked)
  assert.ok(key)
  assert.equal(homeKey({ ...unlocked, selected: A0.toLowerCase() as typeof A0 }), key)
  assert.equal(homeKey({ ...unlocked, autoLockMinutes: 60, defaultWallet: false } as WalletState), key, 'what Home does not show does not change it')
  for (const other of [{ selected: A1 as typeof A0 }, { accounts: [{ address: A0, name: 'Savings' } as unknown as WalletState['accounts'][number]] }, { activeChainId: 901 }, { showTestnets: false }]) {
    assert.notEqual(homeKey({ ...unlocked, ...other }), key, JSON.stringify(other))
  }
})

test('readHomeSnapshot: a sound picture is read; another version, no elements, a bad time or one too large is not', () => {
  const sound: HomeSnapshot = { v: 1, key: 'k', tree: ['div', { class: 'popup' }, 'Home'], savedAt: 1 }
  assert.deepEqual(readHomeSnapshot(sound), sound)
  for (const bad of [null, 'x', { ...sound, v: 2 }, { ...sound, tree: 'Home' }, { ...sound, tree: [] }, { ...sound, savedAt: Number.NaN }, { ...sound, key: 1 }, { ...sound, tree: ['div', {}, 'x'.repeat(HOME_SNAPSHOT_MAX_CHARS)] }]) {
    assert.equal(readHomeSnapshot(bad), null, JSON.stringify(bad)?.slice(0, 80))
  }
})

test('what the popup builds from a stored picture: Home\'s own elements and attributes, never a script, a handler or a script URL', () => {
  for (const tag of ['div', 'section', 'strong', 'svg', 'path', 'select', 'option', 'button', 'a', 'foreignObject']) assert.equal(buildsTag(tag), true, tag)
  for (const tag of ['script', 'SCRIPT', 'style', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'form', 'input', 'textarea', 'template', 'x y', '1div', '', 7, null]) assert.equal(buildsTag(tag), false, String(tag))
  const kept: [string, string][] = [['class', 'home'], ['href', '#/send'], ['href', 'chrome-extension://id/app.html#/settings'], ['title', 'data: the feed'], ['elementtiming', 'token-balance'], ['data-ago', '1700000000000'], ['viewBox', '0 0 24 24'], ['xlink:href', '#icon']]
  for (const [name, value] of kept) assert.equal(buildsAttribute(name, value), true, `${name}=${value}`)
  const refused: [string, unknown][] = [['onclick', 'x()'], ['ONERROR', 'x()'], ['href', 'javascript:alert(1)'], ['href', '  JavaScript:alert(1)'], ['src', 'data:text/html,x'], ['xlink:href', 'data:image/svg+xml,x'], ['formaction', 'vbscript:x'], ['bad name', 'x'], ['class', 7]]
  for (const [name, value] of refused) assert.equal(buildsAttribute(name, value), false, `${name}=${String(value)}`)
})

test('the background removes the picture when the wallet no longer shows it, and keeps it through changes Home does not show', async () => {
  const session = new MemoryKV()
  const core = createCore({ local: new MemoryKV(), session, platform: new TestPlatform(), networks: NETWORKS, devnet: null, kdfIterations: 1000, watchIntervalMs: 3_600_000, testnetsByDefault: true })
  await core.ready
  await core.wallet.keyring.initialize({ mnemonic: PHRASE, password: PASSWORD })
  const settle = () => new Promise((r) => setTimeout(r, 20))
  /** the popup drew Home for the current state and kept its picture */
  const draw = async () => {
    await settle()
    const key = homeKey(await core.wallet.state())
    assert.ok(key, 'an unlocked wallet shows Home')
    await session.set({ [HOME_SNAPSHOT_KEY]: { v: 1, key, tree: ['div', {}, 'Home'], savedAt: Date.now() } satisfies HomeSnapshot })
  }
  const kept = async () => {
    await settle()
    return (await session.get(HOME_SNAPSHOT_KEY)) !== undefined
  }

  await draw()
  await core.wallet.updateSettings({ autoLockMinutes: 60 })
  assert.equal(await kept(), true, 'another auto-lock time: Home looks the same')

  await core.wallet.keyring.lock()
  assert.equal(await kept(), false, 'locked: no picture of the unlocked wallet is left')

  await core.wallet.keyring.unlock(PASSWORD)
  await draw()
  const second = await core.wallet.keyring.addAccount()
  await core.wallet.selectAccount(second.address)
  assert.equal(await kept(), false, 'another account')

  await draw()
  await core.wallet.keyring.renameAccount(second.address, 'Savings')
  assert.equal(await kept(), false, 'the account renamed')

  await draw()
  await core.wallet.switchChain(901)
  assert.equal(await kept(), false, 'another active chain')

  await draw()
  await core.wallet.updateSettings({ showTestnets: false })
  assert.equal(await kept(), false, 'testnets hidden')

  await draw()
  await session.set({ [HOME_SNAPSHOT_KEY]: { v: 1, key: 'a key no state has', tree: ['div', {}, 'Home'], savedAt: 1 } })
  await core.wallet.updateSettings({ autoLockMinutes: 30 })
  assert.equal(await kept(), false, 'a picture drawn for another state goes at the next change')
})
