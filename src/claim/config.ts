// Where the PHA migration claim happens: per deployment (Ethereum + Phala L2, or the local devnet)
// the L1 and the L2 the staked vPHA is bridged to, the PHA and vPHA tokens on both, the claimer of
// each parachain on L1 and the claim backend of each. Mainnet addresses: ../shared/FACTS.md. The
// mainnet backend URL is not published there: it is configuration the user sets (stored here).
import type { Address } from 'viem'
import type { DevnetManifest } from '../chains/devnet-manifest.ts'
import { WalletError } from '../errors.ts'
import type { KV } from '../storage/kv.ts'
import { isSecureOrLoopbackUrl } from '../util/origin.ts'
import type { ClaimNetwork } from '../keyring/substrate/message.ts'

export type { ClaimNetwork }
export const CLAIM_NETWORKS: readonly ClaimNetwork[] = ['phala', 'khala']

export interface ClaimDeployment {
  id: string
  /** what the user picks: "Ethereum and Phala L2", "Local devnet" */
  name: string
  l1ChainId: number
  /** where the Phala claimer bridges staked vPHA to, and where "Move PHA to Phala L2" goes */
  l2ChainId: number
  pha: { l1: Address; l2: Address }
  vpha: { l1: Address; l2: Address }
  claimers: Record<ClaimNetwork, Address>
  /** API base of the claim backend per parachain; '' until configured */
  backends: Record<ClaimNetwork, string>
}

export const MAINNET_CLAIM: ClaimDeployment = {
  id: 'ethereum',
  name: 'Ethereum and Phala L2',
  l1ChainId: 1,
  l2ChainId: 2035,
  pha: { l1: '0x6c5bA91642F10282b576d91922Ae6448C9d52f4E', l2: '0xd63dD43678124DEb6bF38b0d7f8cf0674e85c46E' },
  vpha: { l1: '0x21d6eC8fc14CaAcc55aFA23cBa66798DAB3a0ec0', l2: '0xFdCEBD2E111D64Fc8a682703Eac62918093ec856' },
  claimers: { phala: '0x8b6d7AB0BE8d1f6AE40738C4CFF75134110a777F', khala: '0xa139F849000C5438855032eBFeed9Ee104023a73' },
  backends: { phala: '', khala: '' },
}

/** The devnet's claim, when its manifest has the Phala assets: L2 901 is its "Phala L2". */
export function devnetClaimDeployment(m: DevnetManifest | null | undefined): ClaimDeployment | null {
  const c = m?.l1.contracts
  const l2 = m?.l2s.find((x) => x.chainId === 901 && x.l2Contracts.pha) ?? m?.l2s.find((x) => x.l2Contracts.pha)
  if (!m || !c?.pha || !c.vpha || !c.phalaClaimer || !c.khalaClaimer || !l2?.l2Contracts.pha || !l2.l2Contracts.vpha) return null
  return {
    id: 'devnet',
    name: 'Local devnet',
    l1ChainId: m.l1.chainId,
    l2ChainId: l2.chainId,
    pha: { l1: c.pha, l2: l2.l2Contracts.pha },
    vpha: { l1: c.vpha, l2: l2.l2Contracts.vpha },
    claimers: { phala: c.phalaClaimer, khala: c.khalaClaimer },
    backends: { phala: m.claimBackend?.urls.phala ?? '', khala: m.claimBackend?.urls.khala ?? '' },
  }
}

export const CLAIM_BACKENDS_KEY = 'claim.backends'

type BackendOverrides = Record<string, Partial<Record<ClaimNetwork, string>>>

/** The deployments with the backend URLs the user set laid over the shipped ones. */
export class ClaimConfig {
  constructor(
    private readonly kv: KV,
    private readonly shipped: readonly ClaimDeployment[],
  ) {}

  async list(): Promise<ClaimDeployment[]> {
    const overrides = readOverrides(await this.kv.get(CLAIM_BACKENDS_KEY))
    return this.shipped.map((d) => ({ ...d, backends: { ...d.backends, ...overrides[d.id] } }))
  }

  async require(id: string): Promise<ClaimDeployment> {
    const d = (await this.list()).find((x) => x.id === id)
    if (!d) throw new WalletError('UNKNOWN_DEPLOYMENT', `This wallet has no PHA claim set up for "${String(id)}".`)
    return d
  }

  /** '' puts the shipped URL back. */
  async setBackend(id: string, network: ClaimNetwork, url: string): Promise<ClaimDeployment> {
    await this.require(id)
    checkNetwork(network)
    const clean = typeof url === 'string' ? url.trim().replace(/\/+$/, '') : ''
    if (clean && (!/^https?:\/\/[^\s/]+(\/\S*)?$/.test(clean) || !isSecureOrLoopbackUrl(clean))) {
      throw new WalletError('BAD_URL', 'The claim service address starts with https:// (http:// only for a service on this computer, such as localhost).')
    }
    const all = readOverrides(await this.kv.get(CLAIM_BACKENDS_KEY))
    const mine = { ...all[id] }
    if (clean) mine[network] = clean
    else delete mine[network]
    await this.kv.set({ [CLAIM_BACKENDS_KEY]: { ...all, [id]: mine } })
    return this.require(id)
  }
}

export function checkNetwork(network: unknown): ClaimNetwork {
  if (network !== 'phala' && network !== 'khala') throw new WalletError('BAD_PARAMS', 'Choose Phala or Khala.')
  return network
}

export function networkLabel(network: ClaimNetwork): string {
  return network === 'khala' ? 'Khala' : 'Phala'
}

function readOverrides(raw: unknown): BackendOverrides {
  if (!raw || typeof raw !== 'object') return {}
  const out: BackendOverrides = {}
  for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!v || typeof v !== 'object') continue
    const entry: Partial<Record<ClaimNetwork, string>> = {}
    for (const n of CLAIM_NETWORKS) {
      const url = (v as Record<string, unknown>)[n]
      // a stored address that is not https (or this computer) is not used, whoever wrote it
      if (typeof url === 'string' && url && isSecureOrLoopbackUrl(url)) entry[n] = url
    }
    out[id] = entry
  }
  return out
}
