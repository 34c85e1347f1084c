// Shared by the e2e files that bridge: a devnet with short delays on the default ports (the extension
// embeds them; the manifest goes to a temp file so the committed one is untouched), PHA for a test
// account, and (Playwright, for the Chromium-only files) the popup's Bridge form's direction and
// Review. The bridge scenarios' own helpers, for both browsers: scenarios/bridge-support.ts.
import assert from 'node:assert/strict'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAbi, type Address } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { Page } from 'playwright-core'
import { startDevnet, type Devnet } from '../../devnet/index.ts'
import { l1Clients } from '../../devnet/testing.ts'
import type { Overview } from '../../src/bridge/service.ts'
import { uiCall } from './support/wallet.ts'

export { l1Time, warpTo } from '../integration/bridge-support.ts'

/** Delays short enough for a test, in the mainnet order (maturity < clock + finality: the finality term decides). */
export const E2E_DELAYS = { gameClockSeconds: 30, clockExtensionSeconds: 10, proofMaturitySeconds: 20, disputeGameFinalitySeconds: 30, finalizationPeriodSeconds: 30 }

export function e2eDevnet(extra: Parameters<typeof startDevnet>[0] = {}): Promise<Devnet> {
  return startDevnet({ ports: 'default', l2BlockTime: 1, delays: E2E_DELAYS, manifestPath: join(tmpdir(), `rw-bridge-e2e-${process.pid}.json`), ...extra })
}

/** Test setup: PHA on L1 for `to`, from the devnet's asset deployer. */
export async function fundPha(devnet: Devnet, to: Address, amount: bigint) {
  const deployer = l1Clients(devnet.manifest, privateKeyToAccount(devnet.roles.assetDeployer.privateKey))
  const hash = await deployer.wallet.writeContract({ address: devnet.manifest.l1.contracts.pha!, abi: parseAbi(['function transfer(address,uint256) returns (bool)']), functionName: 'transfer', args: [to, amount] } as never)
  await deployer.public.waitForTransactionReceipt({ hash })
}

/** The form's Review button: the flow starts in the background and its review shows. */
export async function openReview(popup: Page) {
  const open = popup.getByTestId('bridge-review-open')
  await assertEnabled(open)
  await open.click()
  await popup.getByTestId('bridge-review').waitFor({ timeout: 60_000 })
}

/** The direction tab, clicked as a person clicks it. */
export async function chooseDirection(popup: Page, d: 'deposit' | 'withdraw') {
  await popup.locator('label.tab', { hasText: d === 'deposit' ? 'Deposit to L2' : 'Withdraw to L1' }).click()
  assert.ok(await popup.getByTestId(`bridge-dir-${d}`).isChecked())
}

async function assertEnabled(l: ReturnType<Page['getByTestId']>) {
  for (let i = 0; i < 100 && (await l.isDisabled()); i++) await new Promise((r) => setTimeout(r, 100))
  assert.equal(await l.isDisabled(), false, 'the button is enabled once the fee is known')
}

export const overview = (page: Page) => uiCall<Overview>(page, 'bridge.overview')
