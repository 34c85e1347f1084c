// The wallet's secrets while it is unlocked. They exist only in this object's memory; locking
// drops it. Derived keys and viem accounts are made on first use and cached until then.
import { getAddress, type Address, type Hex } from 'viem'
import { privateKeyToAccount, privateKeyToAddress, type PrivateKeyAccount } from 'viem/accounts'
import type { AccountInfo } from './accounts.ts'
import { errors } from './errors.ts'
import { HdWallet } from './hd.ts'
import type { VaultHeader, VaultPayload } from './vault.ts'

export class UnlockedVault {
  private signers = new Map<string, PrivateKeyAccount>()

  private constructor(
    /** the vault's AES key (non-extractable) and the header it belongs to */
    public key: CryptoKey,
    public header: VaultHeader,
    private current: VaultPayload,
    private imported: Map<string, Hex>,
    readonly hd: HdWallet | null,
    public lastActivity: number,
  ) {}

  static async open(key: CryptoKey, header: VaultHeader, payload: VaultPayload, lastActivity: number): Promise<UnlockedVault> {
    const hd = payload.hd ? await HdWallet.fromPhrase(payload.hd.mnemonic, payload.hd.passphrase) : null
    return new UnlockedVault(key, header, payload, importedByAddress(payload), hd, lastActivity)
  }

  get payload(): VaultPayload {
    return this.current
  }

  /** After the new payload is safely stored. */
  replacePayload(payload: VaultPayload): void {
    this.current = payload
    this.imported = importedByAddress(payload)
    for (const address of this.signers.keys()) if (!this.imported.has(address)) this.signers.delete(address)
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
    this.imported.clear()
  }
}

function importedByAddress(payload: VaultPayload): Map<string, Hex> {
  return new Map(payload.keys.map((k) => [privateKeyToAddress(k.privateKey).toLowerCase(), k.privateKey] as const))
}
