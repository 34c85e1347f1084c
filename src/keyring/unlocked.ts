// The wallet's secrets while it is unlocked. They exist only in this object's memory; locking
// drops it. Derived keys, imported keys' addresses and viem accounts are made on first use and cached
// until then: a service worker restarted with the wallet unlocked opens the vault without any
// secp256k1 work (the first such multiplication in a fresh worker costs tens of milliseconds).
import { getAddress, type Address, type Hex } from 'viem'
import { privateKeyToAccount, privateKeyToAddress, type PrivateKeyAccount } from 'viem/accounts'
import type { AccountInfo } from './accounts.ts'
import { errors } from './errors.ts'
import { HdWallet } from './hd.ts'
import type { VaultHeader, VaultPayload } from './vault.ts'

export class UnlockedVault {
  private signers = new Map<string, PrivateKeyAccount>()
  /** the imported keys by address (lowercase), once something asked for one */
  private importedMap: Map<string, Hex> | null = null
  private wiped = false

  private constructor(
    /** the vault's AES key (non-extractable) and the header it belongs to */
    public key: CryptoKey,
    public header: VaultHeader,
    private current: VaultPayload,
    readonly hd: HdWallet | null,
    public lastActivity: number,
  ) {}

  static async open(key: CryptoKey, header: VaultHeader, payload: VaultPayload, lastActivity: number): Promise<UnlockedVault> {
    const hd = payload.hd ? await HdWallet.fromPhrase(payload.hd.mnemonic, payload.hd.passphrase) : null
    return new UnlockedVault(key, header, payload, hd, lastActivity)
  }

  private get imported(): Map<string, Hex> {
    if (this.wiped) return new Map()
    return (this.importedMap ??= importedKeys.byAddress(this.current))
  }

  get payload(): VaultPayload {
    return this.current
  }

  /** After the new payload is safely stored. */
  replacePayload(payload: VaultPayload): void {
    this.current = payload
    this.importedMap = null
    // an account whose key left the vault cannot sign; the others' signers are made again on first use
    this.signers.clear()
  }

  hdAddress(index: number): Address {
    if (!this.hd) throw errors.noPhrase()
    return this.hd.address(index)
  }

  importedAddresses(): Address[] {
    return [...this.imported.keys()].map((address) => getAddress(address))
  }

  importedKey(address: string): Hex | undefined {
    return this.imported.get(address.toLowerCase())
  }

  /** The viem account behind a listed account, refusing one whose key does not give its address. */
  accountFor(target: AccountInfo): PrivateKeyAccount {
    const lower = target.address.toLowerCase()
    const cached = this.signers.get(lower)
    if (cached) return cached
    const key = target.kind === 'imported' ? this.imported.get(lower) : this.hd && target.index !== null ? this.hd.privateKey(target.index) : undefined
    if (!key) throw errors.unknownAccount(target.address)
    const account = privateKeyToAccount(key)
    // The account list is plain storage: never sign with a key whose address is not the one shown.
    if (account.address !== target.address) throw errors.accountsMismatch()
    this.signers.set(lower, account)
    return account
  }

  wipe(): void {
    this.hd?.wipe()
    this.signers.clear()
    this.importedMap?.clear()
    this.importedMap = null
    this.wiped = true
  }
}

/** One secp256k1 multiplication per imported key (an object, so that a test can count the calls). */
export const importedKeys = {
  byAddress(payload: VaultPayload): Map<string, Hex> {
    return new Map(payload.keys.map((k) => [privateKeyToAddress(k.privateKey).toLowerCase(), k.privateKey] as const))
  },
}
