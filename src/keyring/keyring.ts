// The keyring service the background owns: onboarding, lock state, accounts, signing.
// Secrets exist in plaintext only in this object's memory while unlocked. storage.local holds the
// vault (ciphertext) and public account data; storage.session holds the vault key so an unlock
// survives a service-worker restart. Every public method runs through one mutex and first checks
// the auto-lock deadline.
import { bytesToHex, type Hex } from 'viem'
import { privateKeyToAddress } from 'viem/accounts'
import type { KV } from '../storage/kv.ts'
import type { StorageProblem } from '../storage/problems.ts'
import { SettingsStore } from '../storage/settings.ts'
import {
  appendAccount,
  nextHdIndex,
  readAccounts,
  reconcileAccounts,
  renamed,
  reordered,
  requireAccount,
  sortAccounts,
  withHidden,
  without,
  type AccountInfo,
} from './accounts.ts'
import { autoLockDeadline } from './auto-lock.ts'
import { delayAfter, readFailures, retryAfter, type FailureState } from './backoff.ts'
import { fromBase64, toBase64 } from './encoding.ts'
import { errors, keyringError } from './errors.ts'
import { HdWallet } from './hd.ts'
import {
  checkConfirmationWords,
  generatePhrase,
  normalizePhrase,
  pickConfirmationWords,
  type ConfirmationAnswer,
  type PhraseLength,
} from './mnemonic.ts'
import { Mutex } from '../util/mutex.ts'
import { checkNewPassword } from './password-strength.ts'
import { normalizePrivateKey } from './private-key.ts'
import { makeSigner, type KeyringSigner } from './signer.ts'
import { LOCAL_KEYS, SESSION_KEYS, type SessionRecord } from './storage-keys.ts'
import { UnlockedVault } from './unlocked.ts'
import { getPublicKey } from '@scure/sr25519'
import { signRaw } from './substrate/message.ts'
import {
  appendSubstrateAccount,
  keyEntry,
  keypairOf,
  readSubstrateAccounts,
  reconcileSubstrateAccounts,
  requireSubstrateAccount,
  substrateKeys,
  withoutSubstrateAccount,
  SUBSTRATE_ACCOUNTS_KEY,
  type SubstrateAccountInfo,
} from './substrate-accounts.ts'
import { decodeSubstrateImport, type SubstrateImport } from './substrate-import.ts'
import { headerOf, openVault, openVaultWithKey, resealVault, sealVault, type VaultHeader, type VaultPayload } from './vault.ts'
import { DEFAULT_PBKDF2_ITERATIONS, importAesKey } from './vault-crypto.ts'
import { sameAddress } from '../util/address.ts'

export interface KeyringOptions {
  /** storage.local */
  local: KV
  /** storage.session */
  session: KV
  now?: () => number
  /** PBKDF2 iterations for new vaults. Lower only in tests; production uses the default. */
  kdfIterations?: number
  /** the wallet's one settings writer (the keyring only reads the auto-lock time); its own over `local` when absent */
  settings?: SettingsStore
}

export interface KeyringStatus {
  /** a vault exists (onboarding done) */
  initialized: boolean
  unlocked: boolean
  /** public data only, in the user's order (hidden ones included, flagged) */
  accounts: AccountInfo[]
  autoLockMinutes: number
}

export type InitializeInput =
  | { mnemonic: string; passphrase?: string; password: string }
  | { privateKey: string; password: string }

export type KeyringEvent = 'unlocked' | 'locked' | 'accounts'

export class Keyring {
  private readonly local: KV
  private readonly session: KV
  private readonly now: () => number
  private readonly iterations: number
  private readonly settings: SettingsStore
  private readonly mutex = new Mutex()
  private readonly listeners = new Set<(event: KeyringEvent) => void>()
  private state: UnlockedVault | null = null
  private restored = false
  /** what unlocking found wrong in the public lists (reported, never signed with or shown as an account) */
  private found: StorageProblem[] = []

  constructor(opts: KeyringOptions) {
    this.local = opts.local
    this.session = opts.session
    this.now = opts.now ?? Date.now
    this.iterations = opts.kdfIterations ?? DEFAULT_PBKDF2_ITERATIONS
    this.settings = opts.settings ?? new SettingsStore(opts.local)
    if (!Number.isSafeInteger(this.iterations) || this.iterations < 1) throw new RangeError('kdfIterations must be a positive integer')
  }

  // ------------------------------------------------------------------ onboarding (no state)

  /** A new phrase for the one-time display. Nothing is stored until initialize(). */
  createPhrase(words: PhraseLength = 12): string {
    return generatePhrase(words)
  }

  /** 1-based positions of the words the user must type back. */
  pickConfirmationWords(phrase: string, count = 3): number[] {
    return pickConfirmationWords(phrase, count)
  }

  /** The positions answered wrongly; empty when confirmed. */
  verifyConfirmationWords(phrase: string, answers: ConfirmationAnswer[]): number[] {
    return checkConfirmationWords(phrase, answers)
  }

  /** The canonical phrase, or BAD_MNEMONIC_WORD / _LENGTH / _CHECKSUM: for live feedback on import. */
  validatePhrase(phrase: string): string {
    return normalizePhrase(phrase)
  }

  // ------------------------------------------------------------------ lifecycle

  status(): Promise<KeyringStatus> {
    return this.op(() => this.currentStatus())
  }

  /** Creates the vault from a phrase or a private key and leaves the wallet unlocked. */
  initialize(input: InitializeInput): Promise<KeyringStatus> {
    return this.op(async () => {
      if ((await this.local.get(LOCAL_KEYS.vault)) !== undefined) {
        throw keyringError('ALREADY_INITIALIZED', 'A wallet already exists. Reset it first to create or import another.')
      }
      const password = checkNewPassword(input?.password)
      const payload: VaultPayload = { v: 1, keys: [] }
      let accounts: AccountInfo[]
      if ('mnemonic' in input) {
        const mnemonic = normalizePhrase(input.mnemonic)
        const passphrase = typeof input.passphrase === 'string' ? input.passphrase : ''
        payload.hd = { mnemonic, passphrase }
        const hd = await HdWallet.fromPhrase(mnemonic, passphrase)
        accounts = appendAccount([], { address: hd.address(0), kind: 'hd', index: 0 })
        hd.wipe()
      } else {
        const privateKey = normalizePrivateKey(input.privateKey)
        payload.keys.push({ privateKey })
        accounts = appendAccount([], { address: privateKeyToAddress(privateKey), kind: 'imported', index: null })
      }
      const { record, derived } = await sealVault(payload, password, this.iterations)
      await write(this.local, { [LOCAL_KEYS.vault]: record, [LOCAL_KEYS.accounts]: accounts, [LOCAL_KEYS.failures]: { count: 0, lastAt: 0 } })
      await tryWrite(this.session, {}, [SESSION_KEYS.failures])
      await this.enter(derived.key, derived.raw, headerOf(record), payload, true)
      return this.currentStatus()
    })
  }

  unlock(password: string): Promise<KeyringStatus> {
    return this.op(async () => {
      const opened = await this.openWithPassword(password)
      if (this.state && this.state.header.kdf.salt === opened.header.kdf.salt) {
        // Already open (another window got here first): the right password just counts as activity.
        await this.markActivity()
        return this.currentStatus()
      }
      let { derived, header } = opened
      if (header.kdf.iterations < this.iterations) {
        // Raise an old vault to today's cost while we have the password. If the write fails the
        // old vault stays, and so does the key that opens it.
        const upgraded = await sealVault(opened.payload, String(password), this.iterations)
        if (await tryWrite(this.local, { [LOCAL_KEYS.vault]: upgraded.record })) {
          derived.raw.fill(0)
          derived = upgraded.derived
          header = headerOf(upgraded.record)
        }
      }
      await this.enter(derived.key, derived.raw, header, opened.payload, true)
      return this.currentStatus()
    })
  }

  lock(): Promise<void> {
    return this.op(() => this.doLock())
  }

  /**
   * Rebuilds the unlocked state from storage.session after a service-worker restart. Every other
   * method does this first anyway; calling it at startup just does it early. Resolves `unlocked`.
   */
  restoreSession(): Promise<boolean> {
    return this.op(async () => this.state !== null)
  }

  /** Deletes the vault, the accounts and the session. The way out of a forgotten password. */
  reset(): Promise<void> {
    return this.op(async () => {
      this.wipe()
      await write(this.local, {}, [LOCAL_KEYS.vault, LOCAL_KEYS.accounts, LOCAL_KEYS.failures, SUBSTRATE_ACCOUNTS_KEY])
      await write(this.session, {}, [SESSION_KEYS.session, SESSION_KEYS.lastActivity, SESSION_KEYS.failures])
      this.found = []
      this.emit('locked')
      this.emit('accounts')
    })
  }

  // ------------------------------------------------------------------ accounts

  /** The next BIP44 account, m/44'/60'/0'/0/i. */
  addAccount(name?: string): Promise<AccountInfo> {
    return this.op(async () => {
      const state = this.requireUnlocked()
      const list = await this.readAccounts()
      const index = nextHdIndex(list)
      const next = appendAccount(list, { address: state.hdAddress(index), kind: 'hd', index, name })
      await write(this.local, { [LOCAL_KEYS.accounts]: next })
      this.emit('accounts')
      return next[next.length - 1]
    })
  }

  renameAccount(address: string, name: string): Promise<AccountInfo> {
    return this.updateAccounts(address, (list) => renamed(list, address, name))
  }

  setHidden(address: string, hidden: boolean): Promise<AccountInfo> {
    return this.updateAccounts(address, (list) => withHidden(list, address, hidden))
  }

  /** `addresses`: every account, once, in the new order. */
  reorder(addresses: string[]): Promise<AccountInfo[]> {
    return this.op(async () => {
      this.requireUnlocked()
      const next = reordered(await this.readAccounts(), addresses)
      await write(this.local, { [LOCAL_KEYS.accounts]: next })
      this.emit('accounts')
      return sortAccounts(next)
    })
  }

  importPrivateKey(privateKey: string, name?: string): Promise<AccountInfo> {
    return this.op(async () => {
      const state = this.requireUnlocked()
      const key = normalizePrivateKey(privateKey)
      const address = privateKeyToAddress(key)
      const list = appendAccount(await this.readAccounts(), { address, kind: 'imported', index: null, name })
      const payload: VaultPayload = { ...state.payload, keys: [...state.payload.keys, { privateKey: key }] }
      const record = await resealVault(state.header, state.key, payload)
      await write(this.local, { [LOCAL_KEYS.vault]: record, [LOCAL_KEYS.accounts]: list })
      state.replacePayload(payload)
      this.emit('accounts')
      return list[list.length - 1]
    })
  }

  removeImportedKey(address: string): Promise<void> {
    return this.op(async () => {
      const state = this.requireUnlocked()
      const list = await this.readAccounts()
      const target = requireAccount(list, address)
      if (target.kind !== 'imported') {
        throw keyringError('NOT_IMPORTED', 'Accounts from the recovery phrase cannot be removed; hide it instead.', { address: target.address })
      }
      const next = without(list, target.address)
      if (!next.some((a) => !a.hidden)) {
        throw keyringError('LAST_VISIBLE_ACCOUNT', 'This is the last visible account. Show another account first, or reset the wallet.')
      }
      const key = state.importedKey(target.address)
      const payload: VaultPayload = { ...state.payload, keys: state.payload.keys.filter((k) => k.privateKey !== key) }
      const record = await resealVault(state.header, state.key, payload)
      await write(this.local, { [LOCAL_KEYS.vault]: record, [LOCAL_KEYS.accounts]: next })
      state.replacePayload(payload)
      this.emit('accounts')
    })
  }

  // ------------------------------------------------------------------ Substrate accounts (the PHA claim)

  /** The imported Polkadot-style accounts: public data only, in the user's order. */
  substrateAccounts(): Promise<SubstrateAccountInfo[]> {
    return this.op(() => this.readSubstrate())
  }

  /**
   * Imports an sr25519 account from a secret phrase (+ derivation path) or a polkadot.js keystore and
   * its own password. Only its secret key goes into the vault; the phrase and the file are not kept.
   * The keystore's scrypt runs under the keyring's lock like everything else: a file with polkadot's
   * parameters only (N = 2^15, r = 8, p = 1), so one import costs a bounded moment.
   */
  importSubstrateAccount(input: SubstrateImport): Promise<SubstrateAccountInfo> {
    return this.op(async () => {
      this.requireUnlocked()
      const decoded = await decodeSubstrateImport(input)
      const state = this.requireUnlocked()
      const list = appendSubstrateAccount(await this.readSubstrate(), { publicKey: decoded.pair.publicKey, source: decoded.source, name: decoded.name })
      const payload: VaultPayload = { ...state.payload, substrate: [...substrateKeys(state.payload.substrate), keyEntry(decoded.pair)] }
      const record = await resealVault(state.header, state.key, payload)
      await write(this.local, { [LOCAL_KEYS.vault]: record, [SUBSTRATE_ACCOUNTS_KEY]: list })
      state.replacePayload(payload)
      return list[list.length - 1]
    })
  }

  /** `id`: the SS58 address (any prefix) or the 0x public key. */
  removeSubstrateAccount(id: string): Promise<SubstrateAccountInfo[]> {
    return this.op(async () => {
      const state = this.requireUnlocked()
      const list = await this.readSubstrate()
      const target = requireSubstrateAccount(list, id)
      const next = withoutSubstrateAccount(list, target.publicKey)
      const payload: VaultPayload = { ...state.payload, substrate: substrateKeys(state.payload.substrate).filter((k) => k.publicKey !== target.publicKey) }
      const record = await resealVault(state.header, state.key, payload)
      await write(this.local, { [LOCAL_KEYS.vault]: record, [SUBSTRATE_ACCOUNTS_KEY]: next })
      state.replacePayload(payload)
      return next
    })
  }

  /**
   * Signs `message` as Polkadot wallets sign raw bytes (`<Bytes>message</Bytes>`, sr25519) with one
   * imported account. For the background only: the message is built there (the claim), never passed
   * through from a page.
   */
  signSubstrateMessage(id: string, message: string): Promise<Hex> {
    return this.op(async () => {
      const state = this.requireUnlocked()
      const target = requireSubstrateAccount(await this.readSubstrate(), id)
      const entry = substrateKeys(state.payload.substrate).find((k) => k.publicKey === target.publicKey)
      if (!entry) throw errors.unknownAccount(target.ss58)
      const pair = keypairOf(entry)
      // The list is plain storage: never sign with a key that is not the account shown.
      if (bytesToHex(getPublicKey(pair.secretKey)) !== target.publicKey) throw errors.accountsMismatch()
      try {
        return signRaw(pair, message) as Hex
      } finally {
        pair.secretKey.fill(0)
      }
    })
  }

  // ------------------------------------------------------------------ secrets behind a fresh password

  revealPhrase(password: string): Promise<string> {
    return this.op(async () => {
      const { payload } = await this.openWithPassword(password)
      if (!payload.hd) throw errors.noPhrase()
      return payload.hd.mnemonic
    })
  }

  exportPrivateKey(password: string, address: string): Promise<Hex> {
    return this.op(async () => {
      const target = requireAccount(await this.readAccounts(), address)
      const { payload } = await this.openWithPassword(password)
      if (target.kind === 'imported') {
        const found = payload.keys.find((k) => sameAddress(privateKeyToAddress(k.privateKey), target.address))
        if (!found) throw errors.unknownAccount(target.address)
        return found.privateKey
      }
      if (!payload.hd) throw errors.noPhrase()
      const hd = await HdWallet.fromPhrase(payload.hd.mnemonic, payload.hd.passphrase)
      try {
        const key = hd.privateKey(target.index ?? 0)
        if (privateKeyToAddress(key) !== target.address) throw errors.accountsMismatch()
        return key
      } finally {
        hd.wipe()
      }
    })
  }

  /**
   * Re-encrypts the vault under the new password with a fresh salt, replacing it in one storage
   * write: if that write fails, the old vault (and old password) stay in force.
   */
  changePassword(oldPassword: string, newPassword: string): Promise<void> {
    return this.op(async () => {
      const password = checkNewPassword(newPassword)
      const opened = await this.openWithPassword(oldPassword)
      const iterations = Math.max(this.iterations, opened.header.kdf.iterations)
      const { record, derived } = await sealVault(opened.payload, password, iterations)
      await write(this.local, { [LOCAL_KEYS.vault]: record })
      if (this.state) {
        this.state.key = derived.key
        this.state.header = headerOf(record)
        await tryWrite(this.session, { [SESSION_KEYS.session]: sessionRecord(derived.raw, record.kdf.salt) })
      }
      derived.raw.fill(0)
    })
  }

  // ------------------------------------------------------------------ signing

  /** A viem LocalAccount for the address; each signature re-checks that the wallet is unlocked. */
  getSigner(address: string): Promise<KeyringSigner> {
    return this.op(async () => {
      this.requireUnlocked()
      const target = requireAccount(await this.readAccounts(), address)
      const account = this.requireUnlocked().accountFor(target)
      const resolve = () => this.op(async () => this.requireUnlocked().accountFor(target))
      return makeSigner(target.address, account.publicKey, resolve)
    })
  }

  // ------------------------------------------------------------------ auto-lock

  /** User activity: pushes the auto-lock deadline back. Resolves the new deadline (null: locked). */
  touch(): Promise<number | null> {
    return this.op(async () => {
      if (this.state) await this.markActivity()
      return this.deadline()
    })
  }

  /** When the wallet will lock if nothing happens (ms since epoch), or null when locked. */
  lockDeadline(): Promise<number | null> {
    return this.op(() => this.deadline())
  }

  /** Locks if the deadline has passed (the background calls it when its alarm rings). Resolves `locked`. */
  checkAutoLock(now: number = this.now()): Promise<boolean> {
    return this.op(async () => {
      const deadline = await this.deadline()
      if (deadline !== null && now >= deadline) await this.doLock()
      return this.state === null
    })
  }

  getAutoLockMinutes(): Promise<number> {
    return this.op(() => this.autoLockMinutes())
  }

  /** What unlocking found wrong in the stored account lists and the back-off counter (reported to the user). */
  problems(): StorageProblem[] {
    return [...this.found]
  }

  /** Lock/unlock and account-list changes, for the background to push to the UI and to dApps. */
  subscribe(listener: (event: KeyringEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  // ------------------------------------------------------------------ internals

  private op<T>(fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      if (!this.restored) {
        this.restored = true
        await this.restore()
      }
      if (this.state) {
        const deadline = await this.deadline()
        if (deadline !== null && this.now() >= deadline) await this.doLock()
      }
      return fn()
    })
  }

  private async currentStatus(): Promise<KeyringStatus> {
    const stored = await this.local.getMany([LOCAL_KEYS.vault, LOCAL_KEYS.accounts])
    return {
      initialized: stored[LOCAL_KEYS.vault] !== undefined,
      unlocked: this.state !== null,
      accounts: sortAccounts(readAccounts(stored[LOCAL_KEYS.accounts])),
      autoLockMinutes: await this.autoLockMinutes(),
    }
  }

  /**
   * The wrong-password count: kept in storage.local (survives a browser restart) and in
   * storage.session (which content scripts cannot reach), the higher of the two counting. A local
   * count lower than the session's was lowered by someone else: reported.
   */
  private async failures(): Promise<FailureState> {
    const local = readFailures(await this.local.get(LOCAL_KEYS.failures))
    const session = readFailures(await this.session.get(SESSION_KEYS.failures).catch(() => undefined))
    if (session.count > local.count) {
      this.report({ area: 'local', key: LOCAL_KEYS.failures, family: 'failures', owner: 'src/keyring/keyring.ts', problem: `The wrong-password counter in storage.local says ${local.count} but this browser session counted ${session.count}: it was lowered by something other than the wallet. The higher count is used.` })
      return session
    }
    return local
  }

  private async writeFailures(next: FailureState): Promise<void> {
    await write(this.local, { [LOCAL_KEYS.failures]: next })
    await tryWrite(this.session, { [SESSION_KEYS.failures]: next })
  }

  private report(p: StorageProblem): void {
    if (!this.found.some((x) => x.key === p.key && x.problem === p.problem)) this.found.push(p)
  }

  /** Checks the password against the stored vault, with back-off. A wrong one writes only the counter. */
  private async openWithPassword(password: string) {
    const failures = await this.failures()
    const wait = retryAfter(failures, this.now())
    if (wait > 0) throw errors.tooManyTries(wait)
    const stored = await this.local.get(LOCAL_KEYS.vault)
    if (stored === undefined) throw errors.noVault()
    const opened = await openVault(stored, typeof password === 'string' ? password : '')
    if (!opened.ok) {
      const next = { count: failures.count + 1, lastAt: this.now() }
      await this.writeFailures(next)
      throw errors.wrongPassword(delayAfter(next.count))
    }
    if (failures.count > 0) await this.writeFailures({ count: 0, lastAt: 0 })
    return opened
  }

  /** Makes `payload` the unlocked state; with `persist`, parks the key in storage.session. */
  private async enter(key: CryptoKey, raw: Uint8Array, header: VaultHeader, payload: VaultPayload, persist: boolean, checked?: string) {
    const unlocked = await UnlockedVault.open(key, header, payload, this.now())
    this.wipe()
    this.state = unlocked
    const lists = await this.reconcile(unlocked, checked)
    if (persist) {
      try {
        await write(this.session, {
          [SESSION_KEYS.session]: { ...sessionRecord(raw, header.kdf.salt), accounts: lists },
          [SESSION_KEYS.lastActivity]: unlocked.lastActivity,
        })
      } catch (err) {
        this.wipe()
        throw err
      } finally {
        raw.fill(0)
      }
    } else if (lists !== checked) {
      // a restart whose lists had changed: what this check left, for the next one
      const rec = (await this.session.get(SESSION_KEYS.session)) as SessionRecord | undefined
      if (rec) await tryWrite(this.session, { [SESSION_KEYS.session]: { ...rec, accounts: lists } })
    }
    this.emit('unlocked')
  }

  /** After a service-worker restart: reopen the vault with the session key, unless it expired. */
  private async restore(): Promise<void> {
    const s = await this.session.getMany([SESSION_KEYS.session, SESSION_KEYS.lastActivity])
    const rec = s[SESSION_KEYS.session] as Partial<SessionRecord> | undefined
    if (!rec) return
    const clear = () => tryWrite(this.session, {}, [SESSION_KEYS.session, SESSION_KEYS.lastActivity])
    const raw = fromBase64(rec.key)
    const lastActivity = s[SESSION_KEYS.lastActivity]
    if (!raw || raw.length !== 32 || typeof lastActivity !== 'number') return void (await clear())
    if (this.now() >= autoLockDeadline(lastActivity, await this.autoLockMinutes())) return void (await clear())
    const stored = (await this.local.get(LOCAL_KEYS.vault)) as { kdf?: { salt?: unknown } } | undefined
    if (!stored || stored.kdf?.salt !== rec.salt) return void (await clear())
    try {
      const key = await importAesKey(raw)
      const { payload, header } = await openVaultWithKey(stored, key)
      await this.enter(key, raw, header, payload, false, typeof rec.accounts === 'string' ? rec.accounts : undefined)
      this.state!.lastActivity = lastActivity
    } catch {
      // A vault that no longer opens with the session key: locked; unlock() will say why.
      this.wipe()
      await clear()
    } finally {
      raw.fill(0)
    }
  }

  private async doLock(): Promise<void> {
    const wasUnlocked = this.state !== null
    this.wipe()
    await write(this.session, {}, [SESSION_KEYS.session, SESSION_KEYS.lastActivity])
    if (wasUnlocked) this.emit('locked')
  }

  private wipe(): void {
    this.state?.wipe()
    this.state = null
  }

  private async markActivity(): Promise<void> {
    const now = this.now()
    await write(this.session, { [SESSION_KEYS.lastActivity]: now })
    this.state!.lastActivity = now
  }

  private async deadline(): Promise<number | null> {
    return this.state ? autoLockDeadline(this.state.lastActivity, await this.autoLockMinutes()) : null
  }

  private async autoLockMinutes(): Promise<number> {
    return (await this.settings.read()).autoLockMinutes
  }

  private requireUnlocked(): UnlockedVault {
    if (!this.state) throw errors.locked()
    return this.state
  }

  private async readAccounts(): Promise<AccountInfo[]> {
    return readAccounts(await this.local.get(LOCAL_KEYS.accounts))
  }

  private updateAccounts(address: string, change: (list: AccountInfo[]) => AccountInfo[]): Promise<AccountInfo> {
    return this.op(async () => {
      this.requireUnlocked()
      const next = change(await this.readAccounts())
      await write(this.local, { [LOCAL_KEYS.accounts]: next })
      this.emit('accounts')
      return requireAccount(next, address)
    })
  }

  /**
   * Makes the public account list agree with the vault, which is the truth: every phrase account's
   * address is derived again and compared (a rewritten one is reported and replaced by the address the
   * phrase gives, so it is never shown as the account); entries without a key go, keys without an
   * entry get one (reconcileAccounts). Best effort: a failed write leaves the list, never the vault.
   * `checked`: the lists as the last full check in this browser session left them
   * (SessionRecord.accounts); unchanged, they are not derived again. Resolves the lists as stored now.
   */
  private async reconcile(state: UnlockedVault, checked?: string): Promise<string> {
    if (checked !== undefined && checked === (await this.listsAsStored())) return checked
    await this.reconcileInFull(state)
    return this.listsAsStored()
  }

  private async listsAsStored(): Promise<string> {
    const stored = await this.local.getMany([LOCAL_KEYS.accounts, SUBSTRATE_ACCOUNTS_KEY])
    return JSON.stringify([stored[LOCAL_KEYS.accounts] ?? null, stored[SUBSTRATE_ACCOUNTS_KEY] ?? null])
  }

  private async reconcileInFull(state: UnlockedVault): Promise<void> {
    const raw = await this.local.get<unknown>(LOCAL_KEYS.accounts)
    const stored = await this.readAccounts()
    const problem = (text: string) => this.report({ area: 'local', key: LOCAL_KEYS.accounts, family: 'accounts', owner: 'src/keyring/keyring.ts', problem: text })
    if (Array.isArray(raw) && raw.length !== stored.length) problem(`${raw.length - stored.length} entr${raw.length - stored.length === 1 ? 'y' : 'ies'} of the account list could not be read and ${raw.length - stored.length === 1 ? 'was' : 'were'} left out.`)
    let list = stored
    if (state.hd) {
      const fixed = stored.map((a) => {
        if (a.kind !== 'hd' || a.index === null) return a
        const derived = state.hdAddress(a.index)
        if (sameAddress(derived, a.address)) return a
        problem(`"${a.name.slice(0, 40)}" was listed as ${a.address}, but the recovery phrase gives ${derived} at index ${a.index}: the list was changed by something other than the wallet. The phrase's address is shown.`)
        return { ...a, address: derived }
      })
      // two entries cannot be one account: a rewritten entry may now repeat another
      if (fixed.some((a, i) => a !== stored[i])) list = fixed.filter((a, i) => fixed.findIndex((b) => sameAddress(a.address, b.address)) === i)
    }
    const next = reconcileAccounts(list, { firstHdAddress: state.hd ? () => state.hdAddress(0) : null, imported: state.importedAddresses() })
    for (const a of list) if (!next.some((b) => sameAddress(a.address, b.address))) problem(`The account ${a.address} has no key in the vault and was taken off the list.`)
    if (next !== stored && (await tryWrite(this.local, { [LOCAL_KEYS.accounts]: next }))) this.emit('accounts')
    const subs = await this.readSubstrate()
    const nextSubs = reconcileSubstrateAccounts(subs, substrateKeys(state.payload.substrate))
    for (const a of subs) {
      if (!nextSubs.some((b) => b.publicKey === a.publicKey)) {
        this.report({ area: 'local', key: SUBSTRATE_ACCOUNTS_KEY, family: 'substrateAccounts', owner: 'src/keyring/keyring.ts', problem: `The Polkadot account ${a.ss58} has no key in the vault and was taken off the list.` })
      }
    }
    if (nextSubs !== subs) await tryWrite(this.local, { [SUBSTRATE_ACCOUNTS_KEY]: nextSubs })
  }

  private async readSubstrate(): Promise<SubstrateAccountInfo[]> {
    return readSubstrateAccounts(await this.local.get(SUBSTRATE_ACCOUNTS_KEY))
  }

  private emit(event: KeyringEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch {
        // a listener's failure is its own
      }
    }
  }
}

function sessionRecord(raw: Uint8Array, salt: string): SessionRecord {
  return { key: toBase64(raw), salt }
}

async function write(kv: KV, entries: Record<string, unknown>, remove: string[] = []): Promise<void> {
  try {
    if (Object.keys(entries).length) await kv.set(entries)
    if (remove.length) await kv.remove(remove)
  } catch (err) {
    throw errors.storageFailed(err)
  }
}

async function tryWrite(kv: KV, entries: Record<string, unknown>, remove: string[] = []): Promise<boolean> {
  try {
    await write(kv, entries, remove)
    return true
  } catch {
    return false
  }
}
