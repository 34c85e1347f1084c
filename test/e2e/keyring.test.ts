// Keys and vault in the built extension, in Chromium, through the ui: accounts, the phrase and a key
// revealed behind the password with its back-off, storage holding no secret in plaintext, a damaged
// vault reported with its way out, a single key imported.
//   SCREENS=1 also saves screenshots (light and dark) under .cache/screens/.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { launchWithExtension, root, type WalletBrowser } from './support/browser.ts'
import {
  extensionUrl,
  initializeWallet,
  liveWorker,
  openPopup,
  readAllStorage,
  TEST_MNEMONIC,
  uiCall,
} from './support/wallet.ts'

const PASSWORD = 'plum-harbor-violet-42'
// A well-known example key (not derived from the test phrase), so nothing real is in this test.
const EXTRA_KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'
const EXTRA_ADDRESS = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23'

const open: WalletBrowser[] = []
after(async () => {
  await Promise.all(open.map((wb) => wb.close()))
})
async function launch(): Promise<WalletBrowser> {
  const wb = await launchWithExtension()
  open.push(wb)
  return wb
}

const SCREENS = process.env.SCREENS ? join(root, '.cache', 'screens') : null
async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  if (!SCREENS) return
  mkdirSync(SCREENS, { recursive: true })
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: join(SCREENS, `${name}-${scheme}.png`), fullPage })
  }
  await page.emulateMedia({ colorScheme: null })
}

async function openApp(wb: WalletBrowser, hash: string): Promise<Page> {
  const page = await wb.context.newPage()
  await page.setViewportSize({ width: 1000, height: 820 })
  await page.goto(extensionUrl(wb, `app.html#/${hash}`))
  return page
}

/** Polls `read` until `ok` holds (page.waitForFunction would eval a string, which the extension's CSP refuses). */
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await read()
    if (ok(v)) return v
    if (Date.now() > end) throw new Error(`timed out; last value: ${JSON.stringify(v)}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

const ping = async (page: Page) => (await uiCall<{ startedAt: number }>(page, 'app.ping')).startedAt

/** No phrase (nor 3 of its words in a row), no private key, no password anywhere in storage. */
function assertNoSecrets(storage: unknown, secrets: { phrase: string; keys: string[]; password: string }) {
  const hay = JSON.stringify(storage).toLowerCase()
  const words = secrets.phrase.split(' ')
  for (let i = 0; i + 3 <= words.length; i++) {
    const run = new RegExp(words.slice(i, i + 3).join('[^a-z]+'))
    assert.doesNotMatch(hay, run, `storage holds the phrase words ${i + 1}-${i + 3}`)
  }
  for (const key of secrets.keys) {
    const hex = key.toLowerCase().replace(/^0x/, '')
    assert.equal(hay.includes(hex), false, 'storage holds a private key in hex')
  }
  assert.equal(hay.includes(secrets.password.toLowerCase()), false, 'storage holds the password')
}

// Onboarding (create, import) and lock / unlock / auto-lock across a background suspension are
// scenarios run in Chromium and Firefox: test/e2e/scenarios/onboarding.test.ts and lock.test.ts.

test('accounts (add, import a key, rename, reorder by keyboard, hide), the phrase and a key revealed behind the password; no secret in storage', { timeout: 90_000 }, async () => {
  const wb = await launch()
  await initializeWallet(wb, { password: PASSWORD })
  const app = await openApp(wb, 'settings/accounts')

  // Accounts: add one, import a key, rename, reorder by keyboard, hide.
  const rows = app.getByTestId('account-row')
  await rows.first().waitFor()
  await app.getByRole('button', { name: 'Add account' }).click()
  await rows.nth(1).waitFor()
  await app.getByLabel('Private key', { exact: true }).fill(EXTRA_KEY)
  await app.getByRole('button', { name: 'Import key' }).click()
  await rows.nth(2).waitFor()
  assert.deepEqual(await app.getByTestId('account-name').allInnerTexts(), ['Account 1', 'Account 2', 'Imported 1'])
  assert.equal(await rows.nth(2).getByTestId('account-address').innerText(), EXTRA_ADDRESS)
  await app.getByRole('button', { name: 'Rename Account 2' }).click()
  await app.getByLabel('New name for Account 2').fill('Savings')
  await app.getByLabel('New name for Account 2').press('Enter')
  await app.getByText('Savings', { exact: true }).waitFor()
  // the rename hands the focus back to its button once it is saved: wait for that before moving on
  await until(() => app.evaluate('document.activeElement?.getAttribute("aria-label") ?? ""') as Promise<string>, (label) => label === 'Rename Savings')
  await app.getByRole('button', { name: 'Move Imported 1 up' }).focus()
  await app.keyboard.press('Enter')
  await until(() => app.getByTestId('account-name').allInnerTexts(), (n) => n.join() === 'Account 1,Imported 1,Savings')
  assert.equal(await app.evaluate('document.activeElement.getAttribute("aria-label")'), 'Move Imported 1 up', 'the focus stays on the moved row')
  await app.getByRole('button', { name: 'Hide Account 1' }).click()
  await app.getByRole('button', { name: 'Show Account 1' }).waitFor()
  await shot(app, 'app-accounts', true)

  // The popup lists the visible accounts and switches.
  const popup = await openPopup(wb)
  await popup.getByTestId('account-switcher').click()
  const items = popup.getByTestId('switch-account')
  assert.deepEqual((await items.allInnerTexts()).map((t) => t.split('\n')[0]), ['Imported 1', 'Savings'])
  await shot(popup, 'popup-switcher')
  await popup.keyboard.press('ArrowDown')
  await popup.keyboard.press('Enter')
  await until(() => popup.getByTestId('current-account-name').innerText(), (t) => t === 'Savings')
  await popup.evaluate('document.activeElement.blur()')
  await shot(popup, 'popup-home')
  await popup.getByRole('link', { name: 'Receive' }).click()
  const shown = (await popup.getByTestId('receive-address').innerText()).replace(/\s+/g, '')
  assert.match(shown, /^0x[0-9a-fA-F]{40}$/)
  assert.notEqual(shown, shown.toLowerCase(), 'EIP-55 mixed case')
  await popup.getByRole('img', { name: /QR code of the address/ }).waitFor()
  await shot(popup, 'popup-receive')

  // Reveal the phrase behind a fresh password: wrong ones are refused, then slowed down.
  await app.goto(extensionUrl(wb, 'app.html#/settings/phrase'))
  const pw = app.getByLabel('Password', { exact: true })
  for (let i = 0; i < 3; i++) {
    await pw.fill(`wrong ${i}`)
    await pw.press('Enter')
    await until(() => app.getByTestId('password-error').count(), (n) => n === 1)
    await until(() => app.locator('.password-form button[type=submit]').innerText(), (t) => !t.includes('Checking'))
  }
  assert.match(await app.getByTestId('password-error').innerText(), /Wait \d+ s before the next try/)
  await app.getByTestId('retry-countdown').waitFor()
  await app.getByTestId('retry-countdown').waitFor({ state: 'detached', timeout: 10_000 })
  await pw.fill(PASSWORD)
  await pw.press('Enter')
  await app.getByTestId('phrase-words').waitFor()
  assert.equal((await app.locator('[data-testid=phrase-words] .phrase-w').allInnerTexts()).join(' '), TEST_MNEMONIC)
  await shot(app, 'app-reveal-phrase')
  await app.getByRole('link', { name: 'Password' }).click()
  await app.getByRole('heading', { name: 'Change password' }).waitFor()
  await app.getByRole('link', { name: 'Recovery phrase' }).click()
  await app.getByRole('button', { name: 'Show recovery phrase' }).waitFor()
  assert.equal(await app.getByTestId('phrase-words').count(), 0, 'leaving the view drops the phrase')

  // Export the imported key, behind the password too.
  await app.goto(extensionUrl(wb, `app.html#/settings/export?address=${EXTRA_ADDRESS}`))
  await app.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await app.getByLabel('Password', { exact: true }).press('Enter')
  assert.equal(await app.getByTestId('private-key').innerText(), EXTRA_KEY)
  await shot(app, 'app-export-key')

  // Everything in storage, after all that: no phrase, no key, no password.
  const storage = await readAllStorage(await liveWorker(wb.context, popup))
  assert.ok(storage.local['keyring.vault'], 'the vault is there')
  assertNoSecrets(storage, { phrase: TEST_MNEMONIC, keys: [EXTRA_KEY], password: PASSWORD })
  // The phrase's own account key, derived: m/44'/60'/0'/0/0 of the test phrase.
  assertNoSecrets(storage, { phrase: 'x y z', keys: ['0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'], password: PASSWORD })
})

test('a damaged vault is reported with the way out, and the background keeps answering', { timeout: 60_000 }, async () => {
  const wb = await launch()
  await initializeWallet(wb, { password: PASSWORD })
  const popup = await openPopup(wb)
  await uiCall(popup, 'keyring.lock')
  const worker = await liveWorker(wb.context, popup)

  for (const damage of ['tampered', 'truncated'] as const) {
    // Flip characters in the middle of the ciphertext, or cut it in half.
    await worker.evaluate(`chrome.storage.local.get('keyring.vault').then(({ 'keyring.vault': v }) => {
      const ct = v.ct
      const mid = ct.length >> 1
      v.ct = ${damage === 'tampered' ? `ct.slice(0, mid) + (ct[mid] === 'A' ? 'B' : 'A') + (ct[mid + 1] === 'A' ? 'B' : 'A') + ct.slice(mid + 2)` : 'ct.slice(0, mid)'}
      globalThis.__original ??= ct
      return chrome.storage.local.set({ 'keyring.vault': v })
    })`)
    await popup.reload()
    await popup.getByTestId('unlock').waitFor()
    await popup.getByLabel('Password', { exact: true }).fill(PASSWORD)
    await popup.getByLabel('Password', { exact: true }).press('Enter')
    const alert = popup.getByRole('alert')
    await alert.waitFor()
    const text = await alert.innerText()
    assert.match(text, /damaged/, damage)
    assert.match(text, /import your secret recovery phrase/, `${damage}: the way out`)
    await popup.getByRole('button', { name: 'Reset and restore from your phrase' }).waitFor()
    if (damage === 'tampered') await shot(popup, 'popup-vault-corrupt')

    // The background still answers, and still knows there is a (locked) wallet.
    assert.ok((await ping(popup)) > 0)
    const state = await uiCall<{ initialized: boolean; unlocked: boolean }>(popup, 'wallet.state')
    assert.deepEqual([state.initialized, state.unlocked], [true, false])
  }

  // The way out opens the reset page, which explains that the phrase is needed.
  const [reset] = await Promise.all([wb.context.waitForEvent('page'), popup.getByRole('button', { name: 'Reset and restore from your phrase' }).click()])
  await reset.waitForURL(/#\/settings\/reset$/)
  await reset.getByRole('heading', { name: 'Reset wallet' }).waitFor()
  await reset.getByText('You need your secret recovery phrase to get your accounts back.').waitFor()
  await reset.getByLabel('Type RESET to confirm').fill('RESET')
  await shot(reset, 'app-reset')
  await reset.getByRole('button', { name: 'Reset wallet' }).click()
  await reset.getByRole('heading', { name: 'Welcome to Rollup Wallet' }).waitFor()
  await popup.getByTestId('setup').waitFor()
})

test('import a single private key in the ui (a mistyped key is refused first)', { timeout: 60_000 }, async () => {
  const wb = await launch()
  const app = await openApp(wb, 'import')
  await app.getByRole('radio', { name: 'Private key' }).check()
  const key = app.getByLabel('Private key (64 hexadecimal characters)')
  await key.fill(EXTRA_KEY.slice(0, -1))
  await app.getByRole('button', { name: 'Continue' }).click()
  assert.match(await app.getByTestId('key-error').innerText(), /64 hexadecimal characters.*this one has 63/)
  await key.fill(EXTRA_KEY)
  await app.getByRole('button', { name: 'Continue' }).click()
  await app.getByLabel('New password', { exact: true }).fill(PASSWORD)
  await app.getByLabel('Confirm password', { exact: true }).fill(PASSWORD)
  await app.getByRole('button', { name: 'Import wallet' }).click()
  await app.getByRole('heading', { name: 'Your wallet is ready' }).waitFor({ timeout: 20_000 })
  assert.equal((await app.getByTestId('done-account').locator('.address').innerText()).trim(), EXTRA_ADDRESS)
  const popup = await openPopup(wb)
  assert.equal(await popup.getByTestId('current-account-name').innerText(), 'Imported 1')
  assertNoSecrets(await readAllStorage(await liveWorker(wb.context, popup)), { phrase: 'x y z', keys: [EXTRA_KEY], password: PASSWORD })
})
