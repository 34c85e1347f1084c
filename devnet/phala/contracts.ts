// The devnet's own Phala contracts (PHA, the vPHA vault, the two claimers), compiled from ./contracts
// with the repo's cached solc-js helper.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compileSolidityDir, type CompiledContract } from '../lib/solidity.ts'

const dir = join(dirname(fileURLToPath(import.meta.url)), 'contracts')

export type PhalaContractName = 'PhalaToken' | 'PhaVault' | 'PhalaClaimer' | 'KhalaClaimer'

export function phalaContracts(): Record<PhalaContractName, CompiledContract> {
  const c = compileSolidityDir(dir)
  return { PhalaToken: c.PhalaToken, PhaVault: c.PhaVault, PhalaClaimer: c.PhalaClaimer, KhalaClaimer: c.KhalaClaimer }
}
