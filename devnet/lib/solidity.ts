// Compiles the devnet's own Solidity (what contracts-bedrock does not publish) with solc-js.
// Output is cached under devnet/.state/solc keyed by a hash of the sources and settings,
// so a warm start pays nothing and a changed source is always recompiled.
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import type { Abi, Hex } from 'viem'

export interface CompiledContract {
  abi: Abi
  bytecode: Hex
  deployedBytecode: Hex
}

const here = dirname(fileURLToPath(import.meta.url))
const cacheDir = join(here, '..', '.state', 'solc')

/** sources: file name -> Solidity text. Returns every contract by name. */
export function compileSolidity(sources: Record<string, string>): Record<string, CompiledContract> {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, { content: v }])),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  }
  const text = JSON.stringify(input)
  const key = createHash('sha256').update(text).digest('hex').slice(0, 24)
  const cacheFile = join(cacheDir, `${key}.json`)
  if (existsSync(cacheFile)) return JSON.parse(readFileSync(cacheFile, 'utf8'))

  const solc = createRequire(import.meta.url)('solc')
  const output = JSON.parse(solc.compile(text))
  const errors = (output.errors ?? []).filter((e: { severity: string }) => e.severity === 'error')
  if (errors.length) {
    throw new Error('Solidity compile failed:\n' + errors.map((e: { formattedMessage: string }) => e.formattedMessage).join('\n'))
  }
  const result: Record<string, CompiledContract> = {}
  for (const file of Object.keys(output.contracts)) {
    for (const [name, c] of Object.entries<any>(output.contracts[file])) {
      result[name] = {
        abi: c.abi,
        bytecode: `0x${c.evm.bytecode.object}`,
        deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      }
    }
  }
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(cacheFile, JSON.stringify(result))
  return result
}

/** Reads a compiled artifact of @eth-optimism/contracts-bedrock from node_modules (never copied into the repo). */
export function bedrockArtifact(name: string): CompiledContract {
  const require = createRequire(import.meta.url)
  const pkgDir = dirname(require.resolve('@eth-optimism/contracts-bedrock/package.json'))
  const file = join(pkgDir, 'forge-artifacts', `${name}.sol`, `${name}.json`)
  const json = JSON.parse(readFileSync(file, 'utf8'))
  return { abi: json.abi, bytecode: json.bytecode.object, deployedBytecode: json.deployedBytecode.object }
}

const byDir = new Map<string, Record<string, CompiledContract>>()
/** Every contract of the .sol files in `dir` (sorted by name), compiled once per process and directory. */
export function compileSolidityDir(dir: string): Record<string, CompiledContract> {
  let out = byDir.get(dir)
  if (!out) {
    const files = readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()
    out = compileSolidity(Object.fromEntries(files.map((f) => [f, readFileSync(join(dir, f), 'utf8')])))
    byDir.set(dir, out)
  }
  return out
}
