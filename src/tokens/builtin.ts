// Tokens the wallet ships with, with their address on each chain. Sources: ../shared/FACTS.md
// (PHA, vPHA), Circle's USDC address list, the Optimism token list (ethereum-optimism.github.io
// data/*/data.json: which L2 addresses are standard-bridge pairs and which are "nobridge"), and
// the OP Stack predeploy table (WETH at 0x4200…0006 on every OP Stack chain).
// ETH (the native currency) is not listed: the registry adds it for every network whose native
// currency is ETH.
import type { TokenDef } from './types.ts'

const ETHEREUM = 1
const PHALA_L2 = 2035
const OP = 10
const BASE = 8453
const INK = 57073
const SEPOLIA = 11155111
const OP_SEPOLIA = 11155420
const BASE_SEPOLIA = 84532

export const WETH_PREDEPLOY = '0x4200000000000000000000000000000000000006'

export const BUILTIN_TOKENS: TokenDef[] = [
  {
    id: 'pha',
    symbol: 'PHA',
    name: 'Phala',
    decimals: 18,
    addresses: {
      [ETHEREUM]: '0x6c5bA91642F10282b576d91922Ae6448C9d52f4E',
      [PHALA_L2]: '0xd63dD43678124DEb6bF38b0d7f8cf0674e85c46E',
    },
    source: 'builtin',
  },
  {
    id: 'vpha',
    symbol: 'vPHA',
    name: 'Staked Phala (vault share)',
    decimals: 18,
    addresses: {
      [ETHEREUM]: '0x21d6eC8fc14CaAcc55aFA23cBa66798DAB3a0ec0',
      [PHALA_L2]: '0xFdCEBD2E111D64Fc8a682703Eac62918093ec856',
    },
    source: 'builtin',
  },
  {
    // Circle's native USDC on each chain: on OP Mainnet and Base it is issued there (CCTP), not
    // bridged, so it pairs with nothing (the bridged USDC.e / USDbC are other tokens).
    id: 'usdc',
    symbol: 'USDC',
    name: 'USD Coin',
    decimals: 6,
    addresses: {
      [ETHEREUM]: '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48',
      [OP]: '0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85',
      [BASE]: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
      [SEPOLIA]: '0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238',
      [OP_SEPOLIA]: '0x5fd84259d66Cd46123540766Be93DFE6D43130D7',
      [BASE_SEPOLIA]: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
    },
    unpairedOn: [OP, BASE, OP_SEPOLIA, BASE_SEPOLIA],
    source: 'builtin',
  },
  {
    id: 'usdt',
    symbol: 'USDT',
    name: 'Tether USD',
    decimals: 6,
    addresses: {
      [ETHEREUM]: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
      [OP]: '0x94b008aA00579c1307B0EF2c499aD98a8ce58e58',
    },
    source: 'builtin',
  },
  {
    // On OP Mainnet DAI has its own L1/L2 bridge pair (not the standard bridge); on Base it is a
    // standard-bridge token.
    id: 'dai',
    symbol: 'DAI',
    name: 'Dai Stablecoin',
    decimals: 18,
    addresses: {
      [ETHEREUM]: '0x6B175474E89094C44Da98b954EedeAC495271d0F',
      [OP]: '0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1',
      [BASE]: '0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb',
    },
    unpairedOn: [OP],
    source: 'builtin',
  },
  {
    // WETH on an OP Stack L2 wraps that L2's ETH: it is not a bridged copy of WETH on Ethereum.
    id: 'weth',
    symbol: 'WETH',
    name: 'Wrapped Ether',
    decimals: 18,
    addresses: {
      [ETHEREUM]: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
      [OP]: WETH_PREDEPLOY,
      [BASE]: WETH_PREDEPLOY,
      [INK]: WETH_PREDEPLOY,
      [PHALA_L2]: WETH_PREDEPLOY,
    },
    unpairedOn: [OP, BASE, INK, PHALA_L2],
    source: 'builtin',
  },
]
