// `npm run devnet` — starts the devnet and keeps it running until Ctrl-C / SIGTERM.
// `npm run devnet -- warp <seconds>` — moves a running devnet's clocks forward (see README).
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { parseAbi, type Address, type Hex, type PublicClient } from 'viem'
import type { DevnetManifest } from '../src/chains/devnet-manifest.ts'
import { DEFAULT_MANIFEST_PATH, startDevnet, warpClocks, type Devnet, type DevnetOptions } from './index.ts'
import { rpcClient } from './lib/tx.ts'
import { killAllNodes } from './lib/processes.ts'

const USAGE = `usage:
  npm run devnet [-- options]          start L1 (8545), OP 901 (8546), OP 902 (8547); Ctrl-C stops
  npm run devnet -- warp <seconds>     move a running devnet's clocks forward [--manifest <path>]

options:
  --ports auto                 free ports instead of 8545-8547 (manifest goes to devnet/.state/)
  --l2-block-time <s>          L2 block time (default 2)
  --l1-block-time <s>          idle L1 block interval, L1 also automines (default 12; 0 = automine only)
  --proposal-interval <n>      a proposal every n L2 blocks (default 5)
  --contracts current|legacy   the rollups' L1 contracts: what the chains run today (current, default: OptimismPortal2
                               5.x + AnchorStateRegistry 3.x, game types 0 1 8 42 621, +6 on 902) or OptimismPortal2 3.10
  --validity-mode oracle|games legacy only, chain 902: legacy portal + OP Succinct oracle (default there) or type-6 games
  --game-clock <s> --clock-extension <s> --proof-maturity <s> --finality <s> --finalization-period <s>
  --challenge-window <s> --prove-window <s>          type 42 (current)
  --aggregate-fast <s> --aggregate-slow <s>          type 621 (current)
  --quiet                      do not print proposals and resolutions

while running, type:
  warp <seconds> | propose <chainId> | status | help | quit
  respect <chainId> <gameType>           the guardian changes the respected game type
current contracts only:
  retire <chainId>                       the guardian retires every game created until now
  blacklist <chainId> <game>             the guardian blacklists a game
  false-game <chainId> [gameType] [l2Block]   a game with a false root claim (an outsider's, or the proposer's for type 1)
  challenge <chainId> <game>             type 42: challenge (challenger bond)
  prove-game <chainId> <game>            type 42: prove with the devnet's mock proof
  aggregate-proof <chainId> <game> tee|zk       type 621: add a TEE or ZK proof
  aggregate-proofs <chainId> tee|tee+zk  type 621: the proofs the proposer gives its own games (slow / fast path)
  prove-as <chainId> <l2TxHash> <accountIndex|privateKey>   prove a withdrawal from another account
  games <chainId> [count]                the newest games of the chain's factory`

function parseFlags(args: string[]): { opts: DevnetOptions; quiet: boolean } {
  const opts: DevnetOptions = {}
  const delays: NonNullable<DevnetOptions['delays']> = {}
  let quiet = false
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!
    const value = () => {
      const v = args[++i]
      if (v === undefined) throw new Error(`${flag} needs a value`)
      return v
    }
    const num = () => {
      const v = Number(value())
      if (!Number.isFinite(v) || v < 0) throw new Error(`${flag} needs a non-negative number`)
      return v
    }
    switch (flag) {
      case '--ports': {
        const v = value()
        if (v !== 'auto' && v !== 'default') throw new Error('--ports takes auto or default')
        opts.ports = v
        break
      }
      case '--l2-block-time': opts.l2BlockTime = num(); break
      case '--l1-block-time': opts.l1BlockTime = num(); break
      case '--proposal-interval': opts.proposalIntervalBlocks = num(); break
      case '--validity-mode': {
        const v = value()
        if (v !== 'oracle' && v !== 'games') throw new Error('--validity-mode takes oracle or games')
        opts.validityMode = v
        break
      }
      case '--contracts': {
        const v = value()
        if (v !== 'legacy' && v !== 'current') throw new Error('--contracts takes legacy or current')
        opts.contracts = v
        break
      }
      case '--challenge-window': delays.challengeWindowSeconds = num(); break
      case '--prove-window': delays.proveWindowSeconds = num(); break
      case '--aggregate-fast': delays.aggregateFastSeconds = num(); break
      case '--aggregate-slow': delays.aggregateSlowSeconds = num(); break
      case '--game-clock': delays.gameClockSeconds = num(); break
      case '--clock-extension': delays.clockExtensionSeconds = num(); break
      case '--proof-maturity': delays.proofMaturitySeconds = num(); break
      case '--finality': delays.disputeGameFinalitySeconds = num(); break
      case '--finalization-period': delays.finalizationPeriodSeconds = num(); break
      case '--quiet': quiet = true; break
      case '-h':
      case '--help': console.log(USAGE); process.exit(0)
      default: throw new Error(`unknown option ${flag}\n${USAGE}`)
    }
  }
  opts.delays = delays
  return { opts, quiet }
}

const gameAbi = parseAbi([
  'function gameCount() view returns (uint256)',
  'function gameAtIndex(uint256) view returns (uint32, uint64, address)',
  'function status() view returns (uint8)',
  'function maxClockDuration() view returns (uint64)',
])

/** Fault games whose clock has run out but that are not resolved yet (what the proposer resolves next). */
async function unresolvedExpiredGames(l1: PublicClient, dgf: Address): Promise<number> {
  const now = (await l1.getBlock()).timestamp
  const count = await l1.readContract({ address: dgf, abi: gameAbi, functionName: 'gameCount' })
  let n = 0
  for (let i = count > 50n ? count - 50n : 0n; i < count; i++) {
    const [type, createdAt, game] = await l1.readContract({ address: dgf, abi: gameAbi, functionName: 'gameAtIndex', args: [i] })
    if (type !== 0 && type !== 1 && type !== 8) continue
    const [status, clock] = await Promise.all([
      l1.readContract({ address: game, abi: gameAbi, functionName: 'status' }),
      l1.readContract({ address: game, abi: gameAbi, functionName: 'maxClockDuration' }),
    ])
    if (status === 0 && createdAt + clock <= now) n++
  }
  return n
}

/** `warp` against a devnet running in another process: move the clocks, then wait for its proposer. */
async function warpRunning(seconds: number, manifestPath: string) {
  let manifest: DevnetManifest
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  } catch {
    throw new Error(`no devnet manifest at ${manifestPath}: is the devnet running? (npm run devnet)`)
  }
  const l1 = rpcClient(manifest.l1.rpcUrl)
  try {
    await l1.getChainId()
  } catch {
    throw new Error(`the devnet L1 at ${manifest.l1.rpcUrl} does not answer: is the devnet running? (npm run devnet)`)
  }
  await warpClocks([l1, ...manifest.l2s.map((l2) => rpcClient(l2.rpcUrl))], seconds)
  console.log(`moved L1 and L2 clocks forward by ${seconds} s`)
  const deadline = Date.now() + 30_000
  for (const l2 of manifest.l2s) {
    const dgf = l2.l1Contracts.disputeGameFactory
    if (!dgf) continue
    while ((await unresolvedExpiredGames(l1, dgf)) > 0) {
      if (Date.now() > deadline) throw new Error(`the proposer has not resolved ${l2.chainId}'s expired games within 30 s`)
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  console.log('the proposer has caught up (expired games resolved)')
}

function printReady(d: Devnet) {
  const m = d.manifest
  const line = (s = '') => console.log(s)
  line(`Test mnemonic: ${m.mnemonic}`)
  line('Accounts (same on every chain; 0..19 are for users and tests):')
  for (const a of m.accounts) line(`  (${String(a.index).padStart(2)}) ${a.address}  ${a.privateKey}`)
  line('Service accounts (devnet only, do not use):')
  for (const s of m.serviceAccounts ?? []) line(`  ${s.role.padEnd(14)} index ${s.index}  ${s.address}`)
  line()
  line(`L1        chain ${m.l1.chainId}  ${m.l1.rpcUrl}`)
  for (const l2 of m.l2s) {
    line(`${l2.name.padEnd(34)} chain ${l2.chainId}  ${l2.rpcUrl}  portal ${l2.l1Contracts.optimismPortal}  (${l2.proofSystem})`)
  }
  line()
  line(`L1 contracts: ${d.contracts === 'current' ? 'current (OptimismPortal2 5.6.1 double + AnchorStateRegistry 3.x)' : 'legacy (OptimismPortal2 3.10)'}`)
  line(`Manifest: ${d.manifestPath}`)
  line(`Ready in ${process.uptime().toFixed(1)} s (process start to ready; startDevnet ${(d.readyMs / 1000).toFixed(1)} s). Type "help" for commands; Ctrl-C stops.`)
}

async function run() {
  const args = process.argv.slice(2)
  if (args[0] === 'warp') {
    const seconds = Number(args[1])
    if (!Number.isInteger(seconds) || seconds < 0) throw new Error(`warp needs a whole number of seconds\n${USAGE}`)
    const i = args.indexOf('--manifest')
    await warpRunning(seconds, i > 0 && args[i + 1] ? args[i + 1]! : DEFAULT_MANIFEST_PATH)
    return
  }

  const { opts, quiet } = parseFlags(args)
  opts.handleSignals = false
  if (!quiet) opts.log = (l) => console.log(`${new Date().toISOString().slice(11, 19)} ${l}`)

  let devnet: Devnet | undefined
  let stopping = false
  const shutdown = async (why: string) => {
    if (stopping || !devnet) {
      // Still starting, or a second Ctrl-C: leave now, taking the nodes along.
      killAllNodes()
      process.exit(130)
    }
    stopping = true
    console.log(`\n${why}: stopping the devnet…`)
    await devnet.stop()
    console.log('Stopped; no devnet process left behind.')
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGHUP', () => void shutdown('SIGHUP'))

  console.log('Starting the devnet…')
  devnet = await startDevnet(opts)
  printReady(devnet)
  const d = devnet

  {
    const rl = createInterface({ input: process.stdin })
    const STATUS = ['IN_PROGRESS', 'CHALLENGER_WINS', 'DEFENDER_WINS']
    const chainArg = (v: string | undefined) => {
      const id = Number(v)
      if (!d.l2[id]) throw new Error(`no L2 with chain id ${v}`)
      return id
    }
    const addressArg = (v: string | undefined) => {
      if (!v || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new Error(`not an address: ${v}`)
      return v as Address
    }
    rl.on('line', (input) => {
      const [cmd, arg, ...rest] = input.trim().split(/\s+/)
      const act = async () => {
        switch (cmd) {
          case undefined:
          case '':
            return
          case 'warp': {
            const s = Number(arg)
            if (!Number.isInteger(s) || s < 0) return console.log('warp <seconds>')
            await d.warp(s)
            return console.log(`warped ${s} s; proposer caught up`)
          }
          case 'propose': {
            const p = await d.proposeNow(Number(arg))
            return console.log(`proposed ${p.kind} #${p.index} for L2 block ${p.l2BlockNumber} on ${p.chainId}`)
          }
          case 'respect': {
            const id = chainArg(arg)
            await d.setRespectedGameType(id, Number(rest[0]))
            return console.log(`chain ${id} now respects game type ${rest[0]}`)
          }
          case 'retire': {
            const t = await d.retireGames(chainArg(arg))
            return console.log(`retired every game created at or before ${t} (${new Date(Number(t) * 1000).toISOString()})`)
          }
          case 'blacklist': {
            await d.blacklistGame(chainArg(arg), addressArg(rest[0]))
            return console.log(`blacklisted ${rest[0]}`)
          }
          case 'false-game': {
            const id = chainArg(arg)
            const game = await d.postFalseGame(id, rest[1] !== undefined ? BigInt(rest[1]) : undefined, rest[0] !== undefined ? { gameType: Number(rest[0]) } : {})
            return console.log(`posted a game with a false root: ${game}`)
          }
          case 'challenge': {
            await d.challengeGame(chainArg(arg), addressArg(rest[0]))
            return console.log(`challenged ${rest[0]}`)
          }
          case 'prove-game': {
            await d.proveGame(chainArg(arg), addressArg(rest[0]))
            return console.log(`proved ${rest[0]}`)
          }
          case 'aggregate-proof': {
            const kind = rest[1]
            if (kind !== 'tee' && kind !== 'zk') return console.log('aggregate-proof <chainId> <game> tee|zk')
            await d.submitAggregateProof(chainArg(arg), addressArg(rest[0]), kind)
            return console.log(`added a ${kind} proof to ${rest[0]}`)
          }
          case 'aggregate-proofs': {
            const kind = rest[0]
            if (kind !== 'tee' && kind !== 'tee+zk') return console.log('aggregate-proofs <chainId> tee|tee+zk')
            d.setAggregateProofs(chainArg(arg), kind)
            return console.log(`the proposer gives its new type-621 games: ${kind}`)
          }
          case 'prove-as': {
            const id = chainArg(arg)
            const receipt = await d.l2[id]!.client.getTransactionReceipt({ hash: rest[0] as Hex })
            const who = /^\d+$/.test(rest[1] ?? '') ? Number(rest[1]) : (rest[1] as Hex)
            const p = await d.proveWithdrawalAs(id, receipt, who)
            return console.log(`proved withdrawal ${p.withdrawalHash} from ${p.submitter} against game #${p.game.index} (${p.game.address}); finalize with finalizeWithdrawalTransactionExternalProof(tx, ${p.submitter})`)
          }
          case 'games': {
            for (const g of await d.listGames(chainArg(arg), rest[0] ? Number(rest[0]) : 10)) {
              console.log(`#${g.index} type ${g.gameType} L2 block ${g.l2BlockNumber} ${STATUS[g.status]} created ${g.createdAt}${g.resolvedAt ? ` resolved ${g.resolvedAt}` : ''} by ${g.creator} ${g.address}`)
            }
            return
          }
          case 'status': {
            const l1 = await d.l1.client.getBlock()
            console.log(`L1 block ${l1.number} time ${new Date(Number(l1.timestamp) * 1000).toISOString()}`)
            for (const [id, c] of Object.entries(d.l2)) {
              const b = await c.client.getBlock()
              console.log(`L2 ${id} block ${b.number} time ${new Date(Number(b.timestamp) * 1000).toISOString()}`)
            }
            return
          }
          case 'quit':
          case 'exit':
            return shutdown('quit')
          case 'help':
            return console.log(USAGE)
          default:
            return console.log(`unknown command "${cmd}"; type help`)
        }
      }
      act().catch((e: unknown) => console.log(`error: ${e instanceof Error ? e.message : String(e)}`))
    })
  }
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e))
  process.exit(1)
})
