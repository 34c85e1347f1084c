// The PHA migration, on one page (#/claim): import the parachain account, see what it can claim on
// Phala or Khala, claim it (PHA on Ethereum, staked vPHA bridged to Phala L2), then see PHA and
// vPHA on both chains and move PHA on to Phala L2. Polkadot extension not needed.
import { useCallback, useEffect, useState } from 'preact/hooks'
import type { ClaimDeployment, ClaimNetwork } from '../../../src/claim/config.ts'
import type { SubstrateAccountInfo } from '../../../src/keyring/substrate-accounts.ts'
import type { Network } from '../../../src/chains/types.ts'
import { bg } from '../../lib/background.ts'
import { asWalletError } from '../../lib/errors.ts'
import type { WalletStateHandle } from '../../lib/wallet-state.ts'
import { Alert, Callout } from '../../components/Alert.tsx'
import { Page } from '../Page.tsx'
import { SubstrateAccounts } from './SubstrateAccounts.tsx'
import { Eligibility, type EligibilityView } from './Eligibility.tsx'
import { ClaimReview } from './ClaimReview.tsx'
import { Holdings, type PositionsView } from './Holdings.tsx'
import { MovePha } from './MovePha.tsx'
import { useTopic } from '../../lib/topic.ts'
import { sameAddress } from '../../../src/util/address.ts'
import { UnlockForm } from '../UnlockForm.tsx'


export function ClaimPage({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  if (!state.unlocked) {
    return (
      <Page title="PHA migration">
        <p>Unlock the wallet to claim your parachain PHA.</p>
        <UnlockForm wallet={wallet} />
      </Page>
    )
  }
  return <Unlocked wallet={wallet} />
}

function Unlocked({ wallet }: { wallet: WalletStateHandle }) {
  const state = wallet.state!
  const [error, setError] = useState<string | null>(null)
  const [deployments, setDeployments] = useState<ClaimDeployment[] | null>(null)
  const [deploymentId, setDeploymentId] = useState<string | null>(null)
  const [networks, setNetworks] = useState<Network[]>([])
  const [accounts, setAccounts] = useState<SubstrateAccountInfo[] | null>(null)
  const [account, setAccount] = useState<string | null>(null)
  const [network, setNetwork] = useState<ClaimNetwork>('phala')
  const [receiver, setReceiver] = useState<string>(state.selected ?? state.accounts[0]?.address ?? '')
  const [eligibility, setEligibility] = useState<EligibilityView | null>(null)
  const [generation, setGeneration] = useState(0)
  const [positions, setPositions] = useState<PositionsView | null>(null)
  const [positionsError, setPositionsError] = useState<string | null>(null)
  // a deposit credited (the claim's vPHA, moved PHA) changes what the account holds on Phala L2
  const bridge = useTopic('bridge', null)
  const credited = (bridge.value?.items ?? []).filter((v) => v.kind === 'deposit' && v.status === 'credited' && sameAddress(v.item.to, receiver)).length

  useEffect(() => {
    Promise.all([bg('claim.deployments', {}), bg('substrate.list', {}), bg('wallet.networks', {})]).then(
      ([d, list, nets]) => {
        setDeployments(d.deployments)
        setDeploymentId(d.suggested)
        setAccounts(list)
        setAccount(list[0]?.ss58 ?? null)
        setNetworks(nets)
      },
      (err) => setError(asWalletError(err).message),
    )
  }, [])

  const deployment = deployments?.find((d) => d.id === deploymentId) ?? null
  const loadPositions = useCallback(async () => {
    if (!deployment || !receiver) return
    try {
      setPositions(await bg('claim.positions', { deployment: deployment.id, owner: receiver }, { timeoutMs: 30_000 }))
      setPositionsError(null)
    } catch (err) {
      setPositionsError(asWalletError(err).message)
    }
  }, [deployment?.id, receiver])
  useEffect(() => {
    setPositions(null)
    void loadPositions()
  }, [loadPositions])
  useEffect(() => {
    if (credited) void loadPositions()
  }, [credited])

  const changed = () => {
    void loadPositions()
    setGeneration((g) => g + 1)
  }
  const nameOf = (chainId: number | undefined) => networks.find((n) => n.chainId === chainId)?.name ?? `chain ${chainId}`
  const l1Balance = positions && 'pha' in positions.l1 ? positions.l1.pha : null

  return (
    <Page title="PHA migration" wide>
      <p class="lead">
        Phala and Khala have left their parachains. Claim the PHA your Polkadot account held: it arrives on Ethereum, and staked PHA as vPHA on Phala L2. No Polkadot
        extension needed.
      </p>
      {error && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      {deployments && deployments.length > 1 && (
        <div class="claim-where">
          <label for="claim-deployment">Networks</label>
          <select id="claim-deployment" value={deploymentId ?? ''} onChange={(e) => setDeploymentId((e.currentTarget as HTMLSelectElement).value)} data-testid="claim-deployment">
            {deployments.map((d) => (
              <option value={d.id} key={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {deployments && deployments.length === 0 && (
        <Callout title="The claim is not set up in this build of the wallet.">
          <p>It needs the claimer contracts of a network; none came with this build.</p>
        </Callout>
      )}
      {accounts && (
        <SubstrateAccounts
          accounts={accounts}
          selected={account}
          onSelect={setAccount}
          onChanged={(list, added) => {
            setAccounts(list)
            setAccount(added?.ss58 ?? (list.some((a) => a.ss58 === account) ? account : (list[0]?.ss58 ?? null)))
          }}
        />
      )}
      {deployment && account && (
        <>
          <Eligibility
            deployment={deployment}
            network={network}
            account={account}
            generation={generation}
            onNetwork={setNetwork}
            onLoaded={setEligibility}
            onDeploymentChanged={(d) => setDeployments((all) => all?.map((x) => (x.id === d.id ? d : x)) ?? null)}
          />
          <ClaimReview
            deployment={deployment}
            network={network}
            account={account}
            eligibility={eligibility}
            accounts={state.accounts}
            receiver={receiver}
            onReceiver={setReceiver}
            onChanged={changed}
          />
        </>
      )}
      {deployment && receiver && (
        <>
          <Holdings positions={positions} error={positionsError} names={{ l1: nameOf(deployment.l1ChainId), l2: nameOf(deployment.l2ChainId) }} />
          <MovePha deployment={deployment} from={receiver} l1Balance={l1Balance} l2Name={nameOf(deployment.l2ChainId)} onMoved={changed} />
        </>
      )}
    </Page>
  )
}
