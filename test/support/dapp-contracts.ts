// Contracts the dApp tests call, deployed on a devnet chain by a test account: the devnet's DevToken
// (an ERC-20; account 0 gets tokens) and a small target that pulls an approved amount of it (so a
// batch "approve, then pull" depends on its first call) or reverts when told to.
import { createPublicClient, createWalletClient, http, parseAbi, type Address, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { devnetContract } from '../../devnet/lib/contracts.ts'
import { compileSolidity } from '../../devnet/lib/solidity.ts'
import { deriveAccount } from '../../devnet/lib/accounts.ts'

const PULLER = `// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;
interface IToken { function transferFrom(address from, address to, uint256 amount) external returns (bool); }
contract Puller {
    event Pulled(address indexed from, uint256 amount);
    uint256 public pulls;
    function pull(address token, uint256 amount) external {
        require(IToken(token).transferFrom(msg.sender, address(this), amount), "transferFrom failed");
        pulls += 1;
        emit Pulled(msg.sender, amount);
    }
    function fail() external pure { revert("told to fail"); }
}
`

export const tokenAbi = parseAbi([
  'function approve(address spender, uint256 amount) returns (bool)',
  'function transfer(address to, uint256 amount) returns (bool)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'function mint(address to, uint256 amount)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])
export const pullerAbi = parseAbi(['function pull(address token, uint256 amount)', 'function fail()', 'function pulls() view returns (uint256)', 'event Pulled(address indexed from, uint256 amount)'])

export interface DappContracts {
  token: Address
  puller: Address
  /** the test account that deployed them (and can mint, as anyone can) */
  deployer: Address
}

/** Deploys a DevToken and a Puller on the chain at `rpcUrl` with test account `index`, minting `mintTo` 1,000,000 tokens. */
export async function deployDappContracts(rpcUrl: string, mintTo: Address, index = 7): Promise<DappContracts> {
  const account = privateKeyToAccount(deriveAccount(index).privateKey)
  const transport = http(rpcUrl, { timeout: 30_000 })
  const pub = createPublicClient({ transport, pollingInterval: 100 })
  const chainId = await pub.getChainId()
  const chain = { id: chainId, name: `devnet ${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [rpcUrl] } } } as const
  const wallet = createWalletClient({ transport, account, chain })
  const deploy = async (abi: readonly unknown[], bytecode: Hex, args: unknown[]) => {
    const hash = await wallet.deployContract({ abi: abi as never, bytecode, args: args as never })
    const r = await pub.waitForTransactionReceipt({ hash })
    if (!r.contractAddress || r.status !== 'success') throw new Error(`deploying on ${chainId} failed`)
    return r.contractAddress
  }
  const dev = devnetContract('DevToken')
  const token = await deploy(dev.abi, dev.bytecode, ['Dapp Test Token', 'DTT', 18])
  const p = compileSolidity({ 'Puller.sol': PULLER }).Puller
  const puller = await deploy(p.abi, p.bytecode, [])
  const mint = await wallet.writeContract({ address: token, abi: tokenAbi, functionName: 'mint', args: [mintTo, 10n ** 24n] })
  await pub.waitForTransactionReceipt({ hash: mint })
  return { token, puller, deployer: account.address }
}
