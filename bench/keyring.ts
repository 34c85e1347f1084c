// Keyring budgets: unlock (KDF + decrypt + rebuilding the accounts) at the production KDF cost,
// and deriving 20 BIP44 accounts from a phrase. `npx tsx bench/keyring.ts` prints both.
import { pathToFileURL } from 'node:url'
import { HdWallet } from '../src/keyring/hd.ts'
import { Keyring } from '../src/keyring/keyring.ts'
import { DEFAULT_PBKDF2_ITERATIONS } from '../src/keyring/vault-crypto.ts'
import { MemoryKV } from '../src/storage/kv.ts'

export interface BenchResult {
  name: string
  value: number
  unit: string
  budget: number
}

const PHRASE = 'test test test test test test test test test test test junk'
const PASSWORD = 'bench password 1'
const RUNS = 7

async function median(runs: number, once: () => Promise<void>): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await once()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

export async function benchKeyring(): Promise<BenchResult[]> {
  const kr = new Keyring({ local: new MemoryKV(), session: new MemoryKV() })
  await kr.initialize({ mnemonic: PHRASE, password: PASSWORD })
  const unlock = await median(RUNS, async () => {
    await kr.lock()
    await kr.unlock(PASSWORD)
  })

  const derive = await median(RUNS, async () => {
    const hd = await HdWallet.fromPhrase(PHRASE)
    for (let i = 0; i < 20; i++) hd.address(i)
    hd.wipe()
  })

  return [
    { name: `keyring unlock (PBKDF2-SHA256 ${DEFAULT_PBKDF2_ITERATIONS.toLocaleString('en')} + AES-GCM + accounts), median of ${RUNS}`, value: round(unlock), unit: 'ms', budget: 1000 },
    { name: `derive 20 accounts from a phrase (seed + m/44'/60'/0'/0/0..19), median of ${RUNS}`, value: round(derive), unit: 'ms', budget: 300 },
  ]
}

const round = (ms: number) => Math.round(ms * 10) / 10

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchKeyring()) {
    console.log(`${r.value <= r.budget ? 'pass' : 'OVER'}  ${String(r.value).padStart(7)} ${r.unit}  (budget ${r.budget} ${r.unit})  ${r.name}`)
  }
}
