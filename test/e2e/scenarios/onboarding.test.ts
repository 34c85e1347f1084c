// Onboarding in the UI, in Chromium and in Firefox from this one file: a new install opens it by
// itself; create (12 words, a wrong confirmation word named by its position, the password's
// strength, nothing secret in storage) and import (an unknown word named with its fix, a failed
// checksum said). Each in a fresh profile.
// (Account management, the phrase reveal and key export stay in keyring.test.ts, Chromium.)
import assert from 'node:assert/strict'
import { eachBrowser, readAllStorage, TEST_ADDRESS_0, TEST_MNEMONIC, type UiPage } from '../driver/index.ts'

export const ONBOARDING_PASSWORD = 'plum-harbor-violet-42'

/** No phrase (nor 3 of its words in a row), no private key, no password anywhere in storage. */
export function assertNoSecrets(storage: unknown, secrets: { phrase: string; keys: string[]; password: string }) {
  const hay = JSON.stringify(storage).toLowerCase()
  const words = secrets.phrase.split(' ')
  for (let i = 0; i + 3 <= words.length; i++) {
    const run = new RegExp(words.slice(i, i + 3).join('[^a-z]+'))
    assert.doesNotMatch(hay, run, `storage holds the phrase words ${i + 1}-${i + 3}`)
  }
  for (const key of secrets.keys) assert.equal(hay.includes(key.toLowerCase().replace(/^0x/, '')), false, 'storage holds a private key in hex')
  assert.equal(hay.includes(secrets.password.toLowerCase()), false, 'storage holds the password')
}

/** Sets the password on the onboarding's password step and finishes; returns the first account's address. */
async function setPassword(app: UiPage, button: string): Promise<string> {
  await app.fill('label=New password', ONBOARDING_PASSWORD)
  await app.fill('label=Confirm password', ONBOARDING_PASSWORD)
  await app.click(`role=button name=${button}`)
  await app.waitFor('role=heading name=Your wallet is ready', { timeout: 20_000 })
  return (await app.text('tid=done-account >> .address')).trim()
}

eachBrowser(
  (b) => {
    b.test('onboarding: a new install opens it; create a wallet from the popup (12 words, confirmation, password strength); nothing secret in storage', async () => {
      const d = await b.fresh()
      // a new install opens the onboarding by itself
      const welcome = await d.waitForPage(/app\.html#\/welcome$/)
      await welcome.waitFor('role=heading name=Welcome to Rollup Wallet')
      await welcome.close()
      const popup = await d.openExtension('popup.html')
      await popup.waitFor('tid=setup')
      await popup.screenshot('popup-setup')
      const before = await d.pages()
      await popup.click('role=button name=Create or import a wallet')
      const app = await d.waitForPage(/app\.html#\/welcome$/, { exclude: before })
      await app.setViewport(1000, 820)
      await app.waitFor('role=heading name=Welcome to Rollup Wallet')
      await app.screenshot('app-welcome')

      await app.click('role=link name=/Create a new wallet/')
      await app.check('role=radio name=/12 words/')
      await app.click('role=button name=Show my recovery phrase')
      await app.waitFor('tid=phrase-words')
      const words = (await app.texts('tid=phrase-words >> .phrase-w')).map((w) => w.trim())
      assert.equal(words.length, 12)
      const phrase = words.join(' ')
      await app.screenshot('app-create-phrase', { fullPage: true })
      assert.equal(await app.isEnabled('role=button name=Continue'), false, 'continue waits for "I have written it down"')
      await app.check('label=/I have written down my recovery phrase/')
      await app.click('role=button name=Continue')

      // a wrong word is named by its position; the right ones pass
      await app.waitFor('form.confirm-words label')
      const positions = (await app.texts('form.confirm-words label')).map((l) => Number(l.replace(/\D+/g, '')))
      assert.equal(positions.length, 3)
      for (const n of positions) await app.fill(`label=Word #${n}`, words[n - 1])
      const wrongAt = positions[1]
      await app.fill(`label=Word #${wrongAt}`, words[wrongAt - 1] === 'zoo' ? 'abandon' : 'zoo')
      await app.click('role=button name=Confirm')
      assert.match(await app.text('tid=confirm-error'), new RegExp(`Word #${wrongAt} does not match`))
      await app.fill(`label=Word #${wrongAt}`, words[wrongAt - 1])
      await app.click('role=button name=Confirm')

      // the password, with a live strength hint
      await app.waitFor('role=heading name=Set a password')
      await app.fill('label=New password', 'password1')
      assert.match(await app.text('.strength-label'), /Strength: weak/)
      await app.fill('label=New password', ONBOARDING_PASSWORD)
      await app.fill('label=Confirm password', ONBOARDING_PASSWORD)
      assert.match(await app.text('.strength-label'), /Strength: (good|strong)/)
      await app.screenshot('app-create-password')
      const address = await setPassword(app, 'Create wallet')
      assert.match(address, /^0x[0-9a-fA-F]{40}$/)
      await app.screenshot('app-done')
      assertNoSecrets(await readAllStorage(popup), { phrase, keys: [], password: ONBOARDING_PASSWORD })

      // the popup now shows the account
      await popup.reload()
      await popup.waitFor('[data-testid="home"][data-ready="true"]')
      assert.equal(await popup.text('tid=current-account-name'), 'Account 1')
      assert.equal(await popup.text('tid=current-account-address'), `${address.slice(0, 6)}…${address.slice(-4)}`)
      await popup.screenshot('popup-home')
    }, { timeout: 90_000 })

    b.test('onboarding: import the test phrase (an unknown word is named with its fix, a bad checksum is said)', async () => {
      const d = await b.fresh()
      const app = await d.openExtension('app.html#/welcome')
      await app.click('role=link name=/Import an existing wallet/')
      const box = 'label=/Secret recovery phrase \\(12/'
      await app.fill(box, 'test test tesst test test test test test test test test junk')
      assert.match(await app.text('tid=phrase-error'), /Word 3, "tesst", is not a recovery phrase word\. Did you mean "test"\?/)
      await app.screenshot('app-import-bad-word')
      await app.click('role=button name=/Use “test” for word 3/')
      await app.waitFor('tid=phrase-ok')
      await app.fill(box, 'test test test test test test test test test test test test')
      assert.match(await app.text('tid=phrase-error'), /fail the phrase checksum/)
      await app.fill(box, TEST_MNEMONIC)
      await app.waitFor('tid=phrase-ok')
      await app.screenshot('app-import')
      await app.click('role=button name=Continue')
      assert.equal(await setPassword(app, 'Import wallet'), TEST_ADDRESS_0)
      const popup = await d.openExtension('popup.html')
      assert.equal(await popup.text('tid=current-account-name'), 'Account 1')
      assertNoSecrets(await readAllStorage(popup), { phrase: TEST_MNEMONIC, keys: ['0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'], password: ONBOARDING_PASSWORD })
    }, { timeout: 90_000 })
  },
  { shared: false },
)
