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

/**
 * The accounts of one phrase (+ optional BIP39 passphrase). Holds the BIP39 seed until the first key
 * is asked for, then the m/44'/60'/0'/0 node only. Deriving that node is secp256k1 work that costs
 * 30–190 ms in a service worker that has just started (measured on the CI machine): a background
 * restarted with the wallet unlocked pays it at the first signature or new account, not before it can
 * say that the wallet is unlocked (the keyring's account check is skipped then: src/keyring/keyring.ts).
 */
export class HdWallet {
  private node: HDKey | null = null
  private constructor(private seed: Uint8Array | null) {}

  static async fromPhrase(phrase: string, passphrase = ''): Promise<HdWallet> {
    return new HdWallet(await phraseToSeed(phrase, passphrase))
  }

  privateKey(index: number): Hex {
    if (!this.node && !this.seed) throw new Error('HD wallet was wiped')
    if (!Number.isInteger(index) || index < 0 || index > MAX_INDEX) throw new RangeError(`Bad account index ${index}`)
    const child = this.accountsNode().deriveChild(index)
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
    this.seed?.fill(0)
    this.seed = null
  }

  /** m/44'/60'/0'/0, derived once; the seed is wiped then. */
  private accountsNode(): HDKey {
    if (this.node) return this.node
    const seed = this.seed!
    const master = masterNodeFromSeed(seed)
    try {
      this.node = master.derive(ETH_ACCOUNTS_PATH)
    } finally {
      master.wipePrivateData()
      seed.fill(0)
      this.seed = null
    }
    return this.node
  }
}
