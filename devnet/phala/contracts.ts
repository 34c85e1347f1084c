// The devnet's own Phala contracts (PHA, the vPHA vault, the two claimers), compiled from ./contracts
// with the repo's cached solc-js helper.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileSolidity, type CompiledContract } from '../lib/solidity.ts'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'contracts')

export type PhalaContractName = 'PhalaToken' | 'PhaVault' | 'PhalaClaimer' | 'KhalaClaimer'

let compiled: Record<string, CompiledContract> | undefined

export function phalaContracts(): Record<PhalaContractName, CompiledContract> {
  if (!compiled) {
    const sources = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.sol'))
        .sort()
        .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
    )
    compiled = compileSolidity(sources)
  }
  const c = compiled
  return { PhalaToken: c.PhalaToken, PhaVault: c.PhaVault, PhalaClaimer: c.PhalaClaimer, KhalaClaimer: c.KhalaClaimer }
}
