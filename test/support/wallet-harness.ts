// A whole wallet (the background's core) in node: MemoryKV storage, a TestPlatform, the devnet's
// networks, and optionally an imported phrase. Restarting it over the same storage is how tests
// simulate a service worker that was killed.
import { MemoryKV } from '../../src/storage/kv.ts'
import { Wallet } from '../../src/wallet/wallet.ts'
import { ProviderService } from '../../src/provider/service.ts'
import type { Network } from '../../src/chains/types.ts'
import { TestPlatform } from './platform.ts'

export const TEST_PHRASE = 'test test test test test test test test test test test junk'
export const TEST_PASSWORD = 'correct horse battery'

export interface Harness {
  local: MemoryKV
  session: MemoryKV
  platform: TestPlatform
  wallet: Wallet
  provider: ProviderService
  /** a new Wallet + ProviderService over the same storage, as after a service-worker restart */
  restart(): Promise<Harness>
}

export async function makeWallet(opts: { networks: Network[]; phrase?: string | null; local?: MemoryKV; session?: MemoryKV; platform?: TestPlatform }): Promise<Harness> {
  const local = opts.local ?? new MemoryKV()
  const session = opts.session ?? new MemoryKV()
  const platform = opts.platform ?? new TestPlatform()
  const wallet = new Wallet({ local, session, platform, networks: opts.networks, kdfIterations: 1000 })
  const provider = new ProviderService({ wallet })
  await wallet.start()
  await provider.restore()
  if (opts.phrase !== null && !(await wallet.keyring.status()).initialized) {
    await wallet.keyring.initialize({ mnemonic: opts.phrase ?? TEST_PHRASE, password: TEST_PASSWORD })
    await wallet.updateSettings({ selectedAccount: (await wallet.keyring.status()).accounts[0].address })
  }
  const h: Harness = {
    local,
    session,
    platform,
    wallet,
    provider,
    restart: () => makeWallet({ networks: opts.networks, phrase: null, local, session, platform }),
  }
  return h
}
