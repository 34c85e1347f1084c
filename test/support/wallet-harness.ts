// A whole wallet (the background's core, src/core.ts, built exactly as the background builds it)
// in node: MemoryKV storage, a TestPlatform, the devnet's networks, and optionally an imported
// phrase. `call` goes through the same server the UI reaches, contracts checked. Restarting over
// the same storage is how tests simulate a service worker that was killed.
import { MemoryKV } from '../../src/storage/kv.ts'
import { createCore, type Core, type CoreDeps } from '../../src/core.ts'
import type { UiCalls } from '../../src/calls.ts'
import type { InputOf } from '../../src/wire/messaging.ts'
import type { Network } from '../../src/chains/types.ts'
import type { Wallet } from '../../src/wallet/wallet.ts'
import type { ProviderService } from '../../src/provider/service.ts'
import { WalletError } from '../../src/errors.ts'
import { TestPlatform } from './platform.ts'

export const TEST_PHRASE = 'test test test test test test test test test test test junk'
export const TEST_PASSWORD = 'correct horse battery'

export interface Harness {
  local: MemoryKV
  session: MemoryKV
  platform: TestPlatform
  core: Core
  wallet: Wallet
  provider: ProviderService
  /** a UI call through the background's server (params checked against the call's contract) */
  call<K extends keyof UiCalls & string>(name: K, params: InputOf<UiCalls[K]>): Promise<UiCalls[K]['result']>
  /** the whole core again over the same storage, as after a service-worker restart */
  restart(): Promise<Harness>
}

export type HarnessOptions = Omit<Partial<CoreDeps>, 'local' | 'session' | 'platform'> & {
  networks: Network[]
  phrase?: string | null
  local?: MemoryKV
  session?: MemoryKV
  platform?: TestPlatform
}

export async function makeWallet(opts: HarnessOptions): Promise<Harness> {
  const { phrase, local: l, session: s, platform: p, ...deps } = opts
  const local = l ?? new MemoryKV()
  const session = s ?? new MemoryKV()
  const platform = p ?? new TestPlatform()
  const core = createCore({ kdfIterations: 1000, ...deps, local, session, platform })
  await core.ready
  const wallet = core.wallet
  if (phrase !== null && !(await wallet.keyring.status()).initialized) {
    await wallet.keyring.initialize({ mnemonic: phrase ?? TEST_PHRASE, password: TEST_PASSWORD })
    await wallet.updateSettings({ selectedAccount: (await wallet.keyring.status()).accounts[0].address })
  }
  return {
    local,
    session,
    platform,
    core,
    wallet,
    provider: core.provider,
    async call(name, params) {
      const reply = await core.handleUi({ channel: 'ui', call: name, params } as never)
      if (!reply.ok) throw new WalletError(reply.error.code, reply.error.message, reply.error.data)
      return reply.result as never
    },
    restart: () => makeWallet({ ...opts, phrase: null, local, session, platform }),
  }
}
