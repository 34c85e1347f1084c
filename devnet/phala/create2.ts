// Deterministic deployment through the CREATE2 factory every anvil ships (Arachnid's deterministic
// deployment proxy): an address depends only on the init code and a salt, never on the deployer's nonce,
// so the devnet manifest is the same on every fresh start whatever else the deployer did first.
import { concat, createTestClient, getAddress, getContractAddress, http, keccak256, stringToHex, type Address, type Hex, type PublicClient, type WalletClient } from 'viem'

export const CREATE2_FACTORY: Address = getAddress('0x4e59b44847b379578588920ca78fbf26c0b4956c')
/** Runtime code of the factory, installed with anvil_setCode on a node started without it. */
const FACTORY_RUNTIME: Hex =
  '0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe03601600081602082378035828234f58015156039578182fd5b8082525050506014600cf3'

export function saltOf(label: string): Hex {
  return keccak256(stringToHex(`rollup-wallet/devnet/phala/${label}`))
}

export function create2Address(initCode: Hex, label: string): Address {
  return getContractAddress({ opcode: 'CREATE2', from: CREATE2_FACTORY, salt: saltOf(label), bytecode: initCode })
}

export async function ensureCreate2Factory(client: PublicClient, rpcUrl: string): Promise<void> {
  const code = await client.getCode({ address: CREATE2_FACTORY })
  if (code && code !== '0x') return
  await createTestClient({ mode: 'anvil', transport: http(rpcUrl) }).setCode({ address: CREATE2_FACTORY, bytecode: FACTORY_RUNTIME })
}

/** Deploys `initCode` at its CREATE2 address unless code is already there. Returns the address. */
export async function deployCreate2(
  client: PublicClient,
  wallet: WalletClient,
  initCode: Hex,
  label: string,
): Promise<Address> {
  const address = create2Address(initCode, label)
  const existing = await client.getCode({ address })
  if (existing && existing !== '0x') return address
  const hash = await wallet.sendTransaction({
    account: wallet.account!,
    chain: wallet.chain ?? null,
    to: CREATE2_FACTORY,
    data: concat([saltOf(label), initCode]),
  })
  const receipt = await client.waitForTransactionReceipt({ hash })
  const code = await client.getCode({ address })
  if (receipt.status !== 'success' || !code || code === '0x') {
    throw new Error(`CREATE2 deployment of ${label} failed (tx ${hash}, status ${receipt.status})`)
  }
  return address
}
