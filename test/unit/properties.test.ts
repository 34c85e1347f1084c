// Property tests (fast-check) of everything that parses what a page, a file or storage hands the
// wallet: thousands of generated inputs per property, each one answered with a coded error or a sound
// value, never a crash, and each within a time bound (a run that takes longer fails).
//   - the relay's page request check and the port message check
//   - the router: every method with any params, through the whole provider (coded EIP-1193 answers)
//   - the param parsers one by one (quantities, addresses, hex, transactions, personal_sign)
//   - typed data (EIP-712) as the request check and the signer see it
//   - vault records (and their damage), keystore files, base64, addresses, the chain-add parameters
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { getAddress, isAddress } from 'viem'
import { checkPageRequest, checkPortMessage, INPAGE_TAG, MAX_METHOD_CHARS, MAX_REQUEST_CHARS } from '../../src/wire/page.ts'
import { address, chainIdParam, hexData, paramsArray, personalSignParams, quantity, txParams, typedDataParams } from '../../src/provider/params.ts'
import { parseAddChain, MAX_RPC_URLS } from '../../src/provider/chain-params.ts'
import { callsParams, capabilitiesParams } from '../../src/provider/batches.ts'
import { FILTER_METHODS, NODE_EXAMPLES, REFUSED_METHODS, WALLET_METHODS } from '../../src/provider/methods.ts'
import { openVault, openVaultWithKey, sealVault, vaultRecordProblem } from '../../src/keyring/vault.ts'
import { fromBase64, toBase64 } from '../../src/keyring/encoding.ts'
import { decodeKeystore, parseKeystore, encodeKeystore } from '../../src/keyring/substrate/keystore.ts'
import { isSubstrateKeyError } from '../../src/keyring/substrate/errors.ts'
import { keypairFromSuri } from '../../src/keyring/substrate/keypair.ts'
import { sameAddress } from '../../src/util/address.ts'
import { displayText, hasHiddenCharacters, printable } from '../../src/util/display.ts'
import { describeOrigin, punycodeLabel } from '../../src/util/origin.ts'
import { importAesKey } from '../../src/keyring/vault-crypto.ts'
import { makeWallet } from '../support/wallet-harness.ts'
import { openPage } from '../support/pages.ts'
import { ETH, type Network } from '../../src/chains/types.ts'

const RUNS = Number(process.env.PROPERTY_RUNS ?? 2000)
/** a single run taking longer than this fails the property (no hang) */
const RUN_MS = 2_000

/** A value a page could post: JSON-ish, objects with the keys that matter, long strings, odd numbers. */
const pageValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, undefined, true, false, 0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2, '', '0x', '0x0', '0x00', '0x1', 'latest', '__proto__', 'constructor'),
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer(),
    fc.double(),
    fc.bigInt().map((b) => `0x${(b < 0n ? -b : b).toString(16)}`),
    fc.uint8Array({ maxLength: 40 }).map((b) => `0x${Buffer.from(b).toString('hex')}`),
    fc.constantFrom('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0xF39FD6E51AAD88F6F4CE6AB8827279CFFFB92266', '0x0000000000000000000000000000000000000000'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('from', 'to', 'value', 'data', 'gas', 'nonce', 'chainId', 'types', 'primaryType', 'domain', 'message', 'name', 'type', 'version', 'calls', 'rpcUrls', 'chainName', 'nativeCurrency', 'symbol', 'decimals', '__proto__', 'x'), tie('value'), { maxKeys: 6 }),
  ),
})).value

function coded(e: unknown, codes: (string | number)[] = []): boolean {
  const c = (e as { code?: unknown })?.code
  return (typeof c === 'number' && Number.isInteger(c)) || (typeof c === 'string' && (codes.length === 0 || codes.includes(c)))
}

/** Runs `fn`; passes when it returns, or throws an error with a numeric (EIP-1193/1474) code. */
function numericOrValue(fn: () => unknown): boolean {
  try {
    fn()
    return true
  } catch (e) {
    const code = (e as { code?: unknown }).code
    if (typeof code !== 'number') throw new Error(`uncoded error: ${(e as Error)?.stack ?? String(e)}`)
    return true
  }
}

test('the relay\'s page request check: null, a reason, or a request within the limits; never a throw', () => {
  const request = fc.record({ source: fc.constantFrom(INPAGE_TAG, 'other', undefined), kind: fc.constantFrom('request', 'response', 1), id: pageValue, method: fc.oneof(fc.string({ maxLength: 120 }), pageValue), params: pageValue }, { requiredKeys: [] })
  fc.assert(
    fc.property(fc.oneof(request, pageValue), (x) => {
      const r = checkPageRequest(x)
      if (r === null) return true
      if (!r.ok) return typeof r.reason === 'string' && r.reason.length > 0
      const q = r.request
      assert.ok(typeof q.method === 'string' && q.method.length > 0 && q.method.length <= MAX_METHOD_CHARS)
      assert.ok(q.params === undefined || Array.isArray(q.params) || (typeof q.params === 'object' && q.params !== null))
      assert.ok(q.params === undefined || JSON.stringify(q.params).length <= MAX_REQUEST_CHARS)
      return true
    }),
    { numRuns: RUNS },
  )
  // and the port's check (what the background accepts from a relay) agrees with it
  fc.assert(
    fc.property(fc.oneof(fc.record({ kind: fc.constantFrom('hello', 'request', 'x'), doc: fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex')), pageValue), pending: pageValue, request: fc.oneof(request, pageValue) }, { requiredKeys: [] }), pageValue), (x) => {
      const m = checkPortMessage(x)
      if (m === null) return true
      if (m.kind === 'hello') return /^[0-9a-f]{32}$/.test(m.doc) && Array.isArray(m.pending)
      return typeof m.request.method === 'string' && m.request.method.length <= MAX_METHOD_CHARS
    }),
    { numRuns: RUNS },
  )
})

test('the param parsers: a value or -32602, for any input', () => {
  const parsers: ((x: unknown) => unknown)[] = [
    (x) => quantity(x, 'q'),
    (x) => address(x, 'a'),
    (x) => hexData(x, 'h'),
    (x) => chainIdParam(x),
    (x) => paramsArray(x, 'm', 1),
    (x) => txParams(x, 900),
    (x) => personalSignParams(x),
    (x) => callsParams(x),
    (x) => capabilitiesParams(x),
  ]
  fc.assert(
    fc.property(fc.nat(parsers.length - 1), pageValue, (i, x) => numericOrValue(() => parsers[i](x))),
    { numRuns: RUNS },
  )
  // what they return holds what they promise
  fc.assert(
    fc.property(pageValue, (x) => {
      try {
        const a = address(x, 'a')
        assert.equal(a, getAddress(a))
      } catch (e) {
        assert.equal((e as { code: number }).code, -32602)
      }
      try {
        const id = chainIdParam(x)
        assert.ok(Number.isSafeInteger(id) && id > 0)
      } catch (e) {
        assert.equal((e as { code: number }).code, -32602)
      }
      return true
    }),
    { numRuns: RUNS },
  )
})

test('typed data (EIP-712): refused with -32602 or accepted as the signer will hash it; never a crash', () => {
  const field = fc.record({ name: fc.oneof(fc.constantFrom('from', 'to', 'amount', 'x'), fc.string({ maxLength: 6 })), type: fc.oneof(fc.constantFrom('address', 'uint256', 'int8', 'bytes32', 'bytes', 'string', 'bool', 'Mail', 'Mail[]', 'uint256[2]', 'Person', 'uint7', 'bytes33'), fc.string({ maxLength: 8 })) })
  const typed = fc.record(
    {
      types: fc.dictionary(fc.constantFrom('EIP712Domain', 'Mail', 'Person', 'X'), fc.array(field, { maxLength: 4 }), { maxKeys: 3 }),
      primaryType: fc.constantFrom('Mail', 'Person', 'X', 'EIP712Domain', 'Missing'),
      domain: fc.oneof(fc.constant(undefined), fc.record({ name: fc.string({ maxLength: 8 }), version: fc.constantFrom('1', 1), chainId: fc.oneof(fc.constantFrom(900, '0x384', -1, 'x'), pageValue), verifyingContract: fc.oneof(fc.constant('0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC'), pageValue) }, { requiredKeys: [] })),
      message: fc.dictionary(fc.constantFrom('from', 'to', 'amount', 'x'), pageValue, { maxKeys: 4 }),
    },
    { requiredKeys: ['types', 'primaryType', 'message'] },
  )
  let accepted = 0
  fc.assert(
    fc.property(fc.oneof(typed, pageValue), fc.boolean(), fc.constantFrom('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', 'nope'), (t, asString, who) => {
      let data: unknown = t
      if (asString) {
        try {
          data = JSON.stringify(t)
        } catch {
          data = '{'
        }
      }
      try {
        typedDataParams([who, data])
        accepted++
      } catch (e) {
        assert.equal((e as { code: unknown }).code, -32602, String((e as Error).stack))
      }
      return true
    }),
    { numRuns: RUNS },
  )
  assert.ok(accepted > 0, 'some generated typed data is valid (the property sees both sides)')
})

const OFFLINE: Network[] = [{ chainId: 900, name: 'Offline L1', nativeCurrency: ETH, rpcUrls: ['http://127.0.0.1:9'], blockTimeSeconds: 12, source: 'builtin' } as Network]

test('the router: any method with any params gets an EIP-1193 answer (a result, a numeric error, or a wait for the user), in time', { timeout: 600_000 }, async () => {
  const h = await makeWallet({ networks: OFFLINE })
  const page = await openPage(h, { origin: 'https://fuzz.example', tabId: 1, frameId: 0 })
  const connected = await openPage(h, { origin: 'https://connected.example', tabId: 2, frameId: 0 })
  await h.provider.permissions.grant(connected.origin, ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'], 0)
  const method = fc.oneof(fc.constantFrom(...Object.keys(WALLET_METHODS), ...Object.keys(FILTER_METHODS), ...Object.keys(REFUSED_METHODS), ...NODE_EXAMPLES, 'eth_blockNumber', 'eth_call', 'eth_getBalance', 'eth_sign', 'eth_subscribe', 'wallet_nope', '__proto__', 'toString', 'hasOwnProperty'), fc.string({ minLength: 1, maxLength: 30 }))
  let id = 1
  const outcomes = new Map<string, number>()
  await fc.assert(
    fc.asyncProperty(method, pageValue, fc.boolean(), async (m, params, asConnected) => {
      const reply = await h.provider.request({ id: id++, method: m, ...(params === undefined ? {} : { params }) }, asConnected ? connected : page)
      const k = 'error' in reply ? String(reply.error.code) : 'result' in reply ? 'result' : 'deferred'
      outcomes.set(k, (outcomes.get(k) ?? 0) + 1)
      if ('error' in reply) assert.ok(Number.isInteger(reply.error.code) && typeof reply.error.message === 'string' && reply.error.message.length > 0, JSON.stringify(reply))
      else assert.ok('result' in reply || 'deferred' in reply)
      // the queue never grows past its bounds, whatever was asked
      return (await h.provider.approvals.entries()).length <= 150
    }),
    { numRuns: RUNS, timeout: 9_000 }, // node methods go to an RPC that refuses at once; wallet_addEthereumChain checks URLs for at most 8 s
  )
  assert.equal(({} as Record<string, unknown>).polluted, undefined)
  // the inputs reached every kind of answer, not only the first refusal
  for (const k of ['result', 'deferred', '-32602', '-32601', '4200', '4901']) assert.ok((outcomes.get(k) ?? 0) > 0, `no ${k} among ${JSON.stringify([...outcomes])}`)
})

test('vault records: any stored value is opened, refused as damaged (VAULT_CORRUPT) or a wrong password; a damaged real record never opens', { timeout: 600_000 }, async () => {
  const { record } = await sealVault({ v: 1, keys: [] }, 'pw', 1000)
  const recordLike = fc.record({ v: fc.constantFrom(1, 2, '1'), kdf: fc.oneof(pageValue, fc.record({ name: fc.constantFrom('PBKDF2', 'scrypt'), hash: fc.constantFrom('SHA-256', 'SHA-1'), iterations: fc.oneof(fc.integer(), pageValue), salt: fc.oneof(fc.base64String(), pageValue) })), cipher: fc.constantFrom('AES-256-GCM', 'x'), iv: fc.oneof(fc.base64String(), pageValue), check: fc.oneof(fc.base64String(), pageValue), ct: fc.oneof(fc.base64String(), pageValue), sum: fc.oneof(fc.base64String(), pageValue) }, { requiredKeys: [] })
  const key = await importAesKey(new Uint8Array(32))
  await fc.assert(
    fc.asyncProperty(fc.oneof(recordLike, pageValue), async (x) => {
      const problem = await vaultRecordProblem(x)
      const opened = await openVault(x, 'pw').then(
        (r) => r,
        (e) => e,
      )
      if (!('ok' in opened)) assert.ok(coded(opened, ['VAULT_CORRUPT']), String(opened))
      else assert.equal(problem, null)
      await openVaultWithKey(x, key).then(
        () => assert.fail('a random record opened'),
        (e) => assert.ok(coded(e, ['VAULT_CORRUPT']), String(e)),
      )
      return true
    }),
    { numRuns: RUNS, timeout: RUN_MS },
  )
  // one character of a real record changed: found before any key is derived
  const fields = ['iv', 'check', 'ct', 'sum'] as const
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...fields), fc.nat(), fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='), async (f, at, c) => {
      const s = record[f]
      const i = at % s.length
      if (s[i] === c) return true
      const damaged = { ...record, [f]: s.slice(0, i) + c + s.slice(i + 1) }
      assert.notEqual(await vaultRecordProblem(damaged), null)
      await assert.rejects(openVault(damaged, 'pw'), (e: { code: string }) => e.code === 'VAULT_CORRUPT')
      return true
    }),
    { numRuns: RUNS, timeout: RUN_MS },
  )
})

test('keystore files: any input is imported, or refused with a keystore error; never a crash, never a long derivation', { timeout: 600_000 }, async () => {
  const encoded = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('base64'))
  const file = fc.record(
    {
      encoded: fc.oneof(encoded, pageValue),
      encoding: fc.oneof(pageValue, fc.record({ content: fc.oneof(fc.constant(['pkcs8', 'sr25519']), fc.constant(['pkcs8', 'ed25519']), pageValue), type: fc.oneof(fc.constant(['scrypt', 'xsalsa20-poly1305']), fc.constant(['none']), fc.constant(['xsalsa20-poly1305']), pageValue), version: fc.constantFrom('2', '3', '4', 3) }, { requiredKeys: [] })),
      address: fc.oneof(fc.constant('5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'), pageValue),
      meta: pageValue,
    },
    { requiredKeys: [] },
  )
  await fc.assert(
    fc.asyncProperty(fc.oneof(file, file.map((f) => JSON.stringify(f) ?? ''), pageValue), fc.string({ maxLength: 12 }), async (x, pw) => {
      try {
        parseKeystore(x)
      } catch (e) {
        assert.ok(isSubstrateKeyError(e), String(e))
      }
      await decodeKeystore(x, pw).then(
        () => undefined,
        (e) => assert.ok(isSubstrateKeyError(e), `${(e as Error)?.stack ?? e}`),
      )
      return true
    }),
    { numRuns: RUNS, timeout: RUN_MS },
  )
  // a real file with one byte of its encrypted part changed: refused (the cost is polkadot's, so fewer runs)
  const real = await encodeKeystore(keypairFromSuri('//Alice'), 'pw')
  const bytes = Buffer.from(real.encoded, 'base64')
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 44, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), async (at, flip) => {
      const b = Buffer.from(bytes)
      b[at] ^= flip
      await assert.rejects(decodeKeystore({ ...real, encoded: b.toString('base64') }, 'pw'), (e: unknown) => isSubstrateKeyError(e))
      return true
    }),
    { numRuns: 40, timeout: 5_000 },
  )
  // any other scrypt cost is refused before deriving anything
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 }), async (N, p, r) => {
      if (N === 1 << 15 && p === 1 && r === 8) return true
      const b = Buffer.from(bytes)
      b.writeUInt32LE(N, 32)
      b.writeUInt32LE(p, 36)
      b.writeUInt32LE(r, 40)
      const refuse = async () => {
        const t0 = performance.now()
        await assert.rejects(decodeKeystore({ ...real, encoded: b.toString('base64') }, 'pw'), (e: unknown) => isSubstrateKeyError(e, 'UNSUPPORTED_KEYSTORE'))
        return performance.now() - t0
      }
      // a derivation would take this long every time; a GC pause on a busy machine does not repeat
      let ms = await refuse()
      if (ms >= 50) ms = Math.min(ms, await refuse(), await refuse())
      assert.ok(ms < 50, `refused before any key derivation (${ms.toFixed(0)} ms)`)
      return true
    }),
    { numRuns: RUNS, timeout: RUN_MS },
  )
})

test('base64 and addresses: strict base64 round-trips or is refused; address checks never throw and agree with each other', () => {
  fc.assert(
    fc.property(fc.oneof(fc.base64String(), fc.string({ maxLength: 60 }), pageValue), (s) => {
      const b = fromBase64(s)
      if (b !== null) assert.equal(toBase64(b), s, 'only canonical base64 decodes')
      return true
    }),
    { numRuns: RUNS },
  )
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
      assert.deepEqual(fromBase64(toBase64(b)), new Uint8Array(b))
      return true
    }),
    { numRuns: RUNS },
  )
  const addr = fc.oneof(fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => `0x${Buffer.from(b).toString('hex')}`), pageValue)
  fc.assert(
    fc.property(addr, fc.boolean(), (a, upper) => {
      const other = typeof a === 'string' && upper ? `0x${a.slice(2).toUpperCase()}` : a
      const same = sameAddress(a, other)
      const valid = typeof a === 'string' && isAddress(a, { strict: false })
      assert.equal(same, valid, 'an address equals itself in any case; nothing else equals anything')
      return numericOrValue(() => address(a, 'a'))
    }),
    { numRuns: RUNS },
  )
})

test('the chain-add parameters: a network within every limit, or -32602', () => {
  const url = fc.oneof(fc.constantFrom('https://rpc.example', 'http://127.0.0.1:8545', 'http://evil.example', 'ftp://x', 'https://a.example/' + 'x'.repeat(3000), 'javascript:alert(1)'), fc.string({ maxLength: 30 }))
  const params = fc.record(
    {
      chainId: fc.oneof(fc.constantFrom('0x1', '0x0', '0x01', '0xFFFFFFFFFFFFF', '0x20000000000000', 1), pageValue),
      chainName: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('Good', 'evil\u202Eexe', 'zero\u200Bwidth', ' '), pageValue),
      rpcUrls: fc.oneof(fc.array(url, { maxLength: 60 }), pageValue),
      nativeCurrency: fc.oneof(pageValue, fc.record({ name: fc.oneof(fc.string({ maxLength: 40 }), pageValue), symbol: fc.oneof(fc.constantFrom('ETH', 'E T H', 'ÉTH', 'X'.repeat(13)), pageValue), decimals: fc.constantFrom(18, 6, '18') }, { requiredKeys: [] })),
      blockExplorerUrls: fc.oneof(fc.array(url, { maxLength: 60 }), pageValue),
    },
    { requiredKeys: [] },
  )
  fc.assert(
    fc.property(fc.oneof(params, pageValue), (p) => {
      let n
      try {
        n = parseAddChain(p)
      } catch (e) {
        assert.equal((e as { code: number }).code, -32602, String(e))
        return true
      }
      assert.ok(Number.isSafeInteger(n.chainId) && n.chainId > 0)
      assert.ok(n.name.length > 0 && n.name.length <= 64 && !hasHiddenCharacters(n.name))
      assert.ok(n.rpcUrls.length >= 1 && n.rpcUrls.length <= MAX_RPC_URLS && n.rpcUrls.every((u) => /^https?:\/\//.test(u) && u.length <= 2048))
      assert.ok(/^[\w.\- ]{1,12}$/.test(n.nativeCurrency.symbol) && n.nativeCurrency.decimals === 18)
      assert.ok(n.nativeCurrency.name.length <= 32 && !hasHiddenCharacters(n.nativeCurrency.name))
      return true
    }),
    { numRuns: RUNS },
  )
})

test('what the wallet shows of a page\'s or a chain\'s text: no hidden character survives, the length is bounded; origins and punycode never throw', () => {
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom('a', '\u202E', '\u200B', '\u2066', '\u0000', '\n', '\uFEFF', '😀', 'é', '\u{E0041}'), maxLength: 100 }))
  fc.assert(
    fc.property(text, fc.integer({ min: 1, max: 120 }), fc.boolean(), (s, max, multiline) => {
      const d = displayText(s, { max, multiline })
      const shown = d.parts.filter((p) => 'text' in p).map((p) => (p as { text: string }).text).join('')
      assert.equal(hasHiddenCharacters(shown.replace(/[\n\t\r]/g, '')), false, `hidden characters left in ${JSON.stringify(shown)}`)
      assert.ok([...shown.replace(/…$/, '')].length <= max)
      assert.equal(d.truncated, [...s].length > max)
      return true
    }),
    { numRuns: RUNS },
  )
  // any value a page or a file sends prints into an error sentence: bounded, no hidden character, never a throw
  fc.assert(
    fc.property(fc.oneof(pageValue, fc.string({ unit: 'binary', maxLength: 100 }), fc.constant(Object.create(null)), fc.constant({ toString: 1 })), (v) => {
      const p = printable(v)
      // 40 characters at most, each shown as itself or as a ⟨U+XXXXX⟩ marker
      assert.ok(p.length <= 40 * 10 + 1 && !hasHiddenCharacters(p), JSON.stringify(p))
      return true
    }),
    { numRuns: RUNS },
  )
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.webUrl().map((u) => new URL(u).origin), fc.string({ maxLength: 30 }).map((s) => `https://xn--${s}.example`)), (o) => {
      const v = describeOrigin(o)
      if (v) assert.ok(v.site.length > 0 && v.host.endsWith(v.site))
      for (const label of o.split(/[./:]/)) punycodeLabel(label)
      return true
    }),
    { numRuns: RUNS },
  )
})
