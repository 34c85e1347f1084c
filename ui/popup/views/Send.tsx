// Send: chain, token, recipient, amount (or Max), and the fee as the chain will charge it
// (L2 execution + L1 data + operator, re-quoted every block), then confirm → 'tx.send' → the hash,
// with the way to Activity. Tokens come from the registry ('tokens.list'), balances from the
// balance engine ('balances.refresh' for the chosen chain). Checks run as the user types
// (src/send/checks.ts); the background prepares ('send.prepare', 'send.max') and signs.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import type { Network } from '../../../src/chains/types.ts'
import type { FeeQuote, PreparedTx } from '../../../src/tx/types.ts'
import type { TokenDef } from '../../../src/tokens/types.ts'
import { checkAmount } from '../../../src/send/checks.ts'
import { bg } from '../../lib/background.ts'
import { fundsShortfall } from '../../../src/tx/funds.ts'
import { fundsMessage } from '../../lib/funds.ts'
import { useChainBalances } from '../../lib/chain-balances.ts'
import { asWalletError } from '../../lib/errors.ts'
import { amountInput, formatAmount } from '../../lib/amount.ts'
import { shownNetworks } from '../../lib/networks.ts'
import { shortAddress } from '../../lib/format.ts'
import { useLiveFee } from '../../components/FeeBreakdown.tsx'
import { SendForm, type Asset } from './SendForm.tsx'
import { SendConfirm, SendDone } from './SendConfirm.tsx'
import { RecipientExtras, useRecipient } from '../../components/sign/recipient.tsx'

export interface Prepared {
  tx: PreparedTx
  fee: FeeQuote | null
  feeError?: string | undefined
  /** the amount, chain, token and recipient it was prepared for */
  key: string
}

export function Send({ account, activeChainId, showTestnets }: { account: AccountInfo; activeChainId: number; showTestnets: boolean }) {
  const [networks, setNetworks] = useState<Network[] | null>(null)
  const [tokens, setTokens] = useState<TokenDef[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [chainId, setChainId] = useState(activeChainId)
  const [assetId, setAssetId] = useState<string | null>(null)
  const [to, setTo] = useState('')
  const [amount, setAmount] = useState('')
  const [prepared, setPrepared] = useState<Prepared | null>(null)
  const [preparing, setPreparing] = useState(false)
  const [prepareError, setPrepareError] = useState<string | null>(null)
  const [step, setStep] = useState<'form' | 'confirm' | 'sent'>('form')
  const [sent, setSent] = useState<{ hash: string; title: string } | null>(null)
  const seq = useRef(0)

  useEffect(() => {
    bg('wallet.networks', {}).then(setNetworks, (e) => setLoadError(asWalletError(e).message))
    bg('tokens.list', {}).then(setTokens, () => setTokens([]))
  }, [])

  const network = networks?.find((n) => n.chainId === chainId) ?? null
  // balances of the chosen chain, read now (not from the cache: the checks depend on them)
  const { amounts, error: balanceError, reload: loadBalances } = useChainBalances(account.address, chainId)
  const assets = useMemo<Asset[]>(() => assetsOn(network, tokens ?? [], amounts), [network, tokens, amounts])
  const asset = assets.find((a) => a.id === assetId) ?? assets[0] ?? null
  const native = assets.find((a) => a.address === null) ?? null

  // an address, or an ENS name resolved on the L1 (what is sent to is the address it resolves to)
  const recipient = useRecipient(to, chainId)
  const amountCheck = asset && amount.trim() ? checkAmount(amount, asset.decimals, asset.symbol, asset.balance) : null
  const key = `${chainId}|${asset?.id}|${recipient?.ok ? recipient.value : ''}|${amountCheck?.ok ? amountCheck.value : ''}`

  // prepare (nonce, gas, fees, the fee quote) once recipient and amount are valid, after a pause in typing
  useEffect(() => {
    if (step !== 'form' || !asset || !recipient?.ok || !amountCheck?.ok) return
    if (prepared?.key === key) return
    const mine = ++seq.current
    setPreparing(true)
    setPrepareError(null)
    const timer = setTimeout(() => {
      bg('send.prepare', { chainId, from: account.address, to: recipient.value, amount: amountCheck.value.toString(), token: asset.address })
        .then((p) => mine === seq.current && setPrepared({ ...p, key }))
        .catch((e) => mine === seq.current && (setPrepared(null), setPrepareError(asWalletError(e).message)))
        .finally(() => mine === seq.current && setPreparing(false))
    }, 350)
    return () => clearTimeout(timer)
  }, [key, step])

  const current = prepared?.key === key ? prepared : null
  const live = useLiveFee(current?.tx ?? null, current?.fee ?? null, network?.blockTimeSeconds ?? 12, current?.feeError)

  const onMax = async () => {
    if (!asset || !network) return
    if (asset.address !== null) {
      if (asset.balance !== null) setAmount(amountInput(asset.balance, asset.decimals))
      return
    }
    if (!recipient?.ok) {
      setPrepareError('Enter the recipient first: the fee Max reserves depends on the transaction.')
      return
    }
    const mine = ++seq.current
    setPreparing(true)
    setPrepareError(null)
    try {
      const m = await bg('send.max', { chainId, from: account.address, to: recipient.value })
      if (mine !== seq.current) return
      const value = BigInt(m.value)
      const text = amountInput(value, asset.decimals)
      setAmount(text)
      setPrepared({ tx: m.tx, fee: m.fee, key: `${chainId}|${asset.id}|${recipient.value}|${value}` })
    } catch (e) {
      if (mine === seq.current) setPrepareError(asWalletError(e).message)
    } finally {
      if (mine === seq.current) setPreparing(false)
    }
  }

  // the fee is paid in the native currency: it must fit next to the amount
  const short = live.fee && amountCheck?.ok && asset ? fundsShortfall({ balance: native?.balance, value: asset.address === null ? amountCheck.value : 0n, maxFee: BigInt(live.fee.max) }) : null
  const fundsError = short && native ? `${fundsMessage(short, native.symbol, network?.name ?? '')}${short.includesValue ? ' Try Max.' : ''}` : null

  const title = asset && amountCheck?.ok && recipient?.ok ? `Send ${formatAmount(amountCheck.value, asset.decimals, asset.symbol)} to ${shortAddress(recipient.value)}` : ''

  const confirm = async (tx: PreparedTx) => {
    if (!current) return
    const hash = (await bg('tx.send', { tx, title })).hash
    setSent({ hash, title })
    setStep('sent')
  }

  const reset = () => {
    setTo('')
    setAmount('')
    setPrepared(null)
    setSent(null)
    setStep('form')
    loadBalances()
  }

  if (loadError) return <section class="send"><h1>Send</h1><p class="error" role="alert">{loadError}</p></section>
  if (!networks || !network) return <section class="send"><h1>Send</h1><p class="muted">Loading…</p></section>

  if (step === 'sent' && sent) return <SendDone hash={sent.hash} title={sent.title} network={network} onAgain={reset} />
  const listed = shownNetworks(networks, showTestnets, [chainId, activeChainId])
  if (step === 'confirm' && current && asset && recipient?.ok && amountCheck?.ok) {
    return (
      <SendConfirm
        account={account}
        network={network}
        asset={asset}
        to={recipient.value}
        value={amountCheck.value}
        live={live}
        fundsError={fundsError}
        tx={current.tx}
        toName={recipient.resolved?.name ?? null}
        nativeBalance={native?.balance ?? null}
        onBack={() => setStep('form')}
        onConfirm={confirm}
      />
    )
  }
  return (
    <SendForm
      networks={listed}
      network={network}
      assets={assets}
      asset={asset}
      balanceError={balanceError}
      to={to}
      amount={amount}
      recipientError={recipient && !recipient.ok && !recipient.resolving ? recipient.error : null}
      toExtras={<RecipientExtras recipient={recipient} from={account.address} onPick={setTo} />}
      amountError={amountCheck && !amountCheck.ok ? amountCheck.error : null}
      live={current ? live : null}
      preparing={preparing}
      prepareError={prepareError}
      fundsError={fundsError}
      canReview={!!current && !!live.fee && !fundsError && !preparing && asset?.balance != null}
      onRetryBalance={loadBalances}
      onChain={(id) => {
        setChainId(id)
        setAssetId(null)
        setPrepared(null)
      }}
      onAsset={(id) => {
        setAssetId(id)
        setAmount('')
      }}
      onTo={setTo}
      onAmount={setAmount}
      onMax={onMax}
      onReview={() => setStep('confirm')}
    />
  )
}

/** The registry's tokens that live on the chain (the native currency first), with their balances. */
function assetsOn(network: Network | null, tokens: TokenDef[], amounts: Record<string, string> | null): Asset[] {
  if (!network) return []
  const list: Asset[] = []
  for (const t of tokens) {
    const where = t.addresses[network.chainId]
    if (!where) continue
    // a token missing from a read is one whose read failed: not loaded, never 0
    const raw = amounts?.[t.id]
    list.push({ id: t.id, symbol: t.symbol, decimals: t.decimals, address: where === 'native' ? null : where, balance: raw === undefined ? null : BigInt(raw), ...(amounts && raw === undefined ? { unread: true } : {}) })
  }
  if (!list.some((a) => a.address === null)) {
    const c = network.nativeCurrency
    const raw = amounts?.eth
    list.unshift({ id: 'eth', symbol: c.symbol, decimals: c.decimals, address: null, balance: raw === undefined ? null : BigInt(raw), ...(amounts && raw === undefined ? { unread: true } : {}) })
  }
  return list.sort((a, b) => (a.address === null ? -1 : b.address === null ? 1 : 0))
}
