// Lock, unlock and auto-lock across background suspensions, in Chromium (the service worker stopped
// through the DevTools protocol) and in Firefox (the event page terminated), from this one file:
// a wrong password is said; the unlocked session survives the background being suspended (woken by
// the popup's next call); the auto-lock alarm wakes a suspended background and locks the wallet,
// and the open popup shows the unlock screen by itself.
import assert from 'node:assert/strict'
import { eachBrowser, initializeWallet, readAllStorage, startedAt, PASSWORD } from '../driver/index.ts'

eachBrowser(
  (b) => {
    b.test('lock, unlock (a wrong password is said), the session survives a background suspension, auto-lock by the alarm while suspended', async (d) => {
      const popup = await d.openExtension('popup.html')
      await popup.waitFor('[data-testid="home"][data-ready="true"]')
      await popup.click('tid=lock')
      await popup.waitFor('tid=unlock')
      assert.equal(await popup.evaluate(`document.activeElement?.getAttribute('name')`), 'password', 'the password field has the focus')
      await popup.fill('label=Password', 'not the password')
      await popup.press('label=Password', 'Enter')
      assert.match(await popup.text('role=alert'), /That password is not right/)
      await popup.screenshot('popup-unlock-wrong')
      await popup.fill('label=Password', PASSWORD)
      await popup.press('label=Password', 'Enter')
      await popup.waitFor('tid=current-account-name', { timeout: 20_000 })

      // suspended while unlocked: the next call wakes it, and the wallet is still unlocked
      const before = await startedAt(popup)
      await d.suspendBackground()
      // (suspendBackground resolves once the browser reports the background stopped; an open
      // page's port may wake it again at once, so it is not asserted stopped here)
      const afterStop = await startedAt(popup)
      assert.ok(afterStop > before, 'a new background answered (a new startedAt)')
      await popup.reload()
      await popup.waitFor('tid=current-account-name')
      assert.equal(await popup.count('tid=unlock'), 0, 'still unlocked')
      assert.equal(await startedAt(popup), afterStop, 'the popup talked to the woken background')

      // auto-lock after 1 minute, set in the full-page settings; the background is suspended again
      // and the alarm has to wake it
      const app = await d.openExtension('app.html#/settings/auto-lock')
      await app.fill('label=Lock after (minutes of inactivity)', '1')
      await app.click('role=button name=Save')
      await app.waitFor('text=✓ Saved.')
      await app.screenshot('app-auto-lock')
      await app.close()
      await popup.reload()
      await popup.waitFor('tid=current-account-name')
      const t0 = Date.now()
      await d.suspendBackground()
      await popup.waitFor('tid=unlock', { timeout: 110_000 })
      const waited = Date.now() - t0
      assert.ok(waited > 45_000, `locked after ${waited} ms, not before the minute was up`)
      const session = (await readAllStorage(popup)).session
      assert.equal(session['keyring.session'], undefined, 'the session key is gone')
      await popup.screenshot('popup-unlock')
      await popup.close()
    }, { timeout: 170_000 })
  },
  { setup: (d) => initializeWallet(d) },
)
