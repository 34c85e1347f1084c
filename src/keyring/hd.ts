// BIP32/BIP44 Ethereum accounts: m/44'/60'/0'/0/i from a BIP39 seed.
import { HDKey } from '@scure/bip32'
import { bytesToHex, type Address, type Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import { phraseToSeed } from './mnemonic.ts'

export const ETH_ACCOUNTS_PATH = "m/44'/60'/0'/0"
export const ethPath = (index: number): string => `${ETH_ACCOUNTS_PATH}/${index}`

// BIP32 child indexes below 2^31 are the non-hardened ones the address level uses.
const MAX_INDEX = 0x7fffffff

export function masterNodeFromSeed(seed: Uint8Array): HDKey {
  return HDKey.fromMasterSeed(seed)
}

/** The accounts of one phrase (+ optional BIP39 passphrase). Holds the m/44'/60'/0'/0 node only. */
export class HdWallet {
  private constructor(private node: HDKey | null) {}

  static async fromPhrase(phrase: string, passphrase = ''): Promise<HdWallet> {
    const seed = await phraseToSeed(phrase, passphrase)
    const master = masterNodeFromSeed(seed)
    const node = master.derive(ETH_ACCOUNTS_PATH)
    master.wipePrivateData()
    seed.fill(0)
    return new HdWallet(node)
  }

  privateKey(index: number): Hex {
    if (!this.node) throw new Error('HD wallet was wiped')
    if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) throw new RangeError(`Bad account index ${index}`)
    const child = this.node.deriveChild(index)
    const key = child.privateKey
    if (!key) throw new Error('Derived node has no private key')
    const hex = bytesToHex(key)
    child.wipePrivateData()
    return hex
  }

  address(index: number): Address {
    return privateKeyToAddress(this.privateKey(index))
  }

  wipe(): void {
    this.node?.wipePrivateData()
    this.node = null
  }
}
