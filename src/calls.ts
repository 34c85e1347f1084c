// Every call the wallet's own pages (popup, full pages, approval window) make to the background,
// assembled from the contracts each domain declares beside its handlers. A call's name says where
// it lives:
//
//   app.* wallet.* settings.*   src/wallet/calls.ts        keyring.* substrate.*   src/keyring/calls.ts
//   approvals.* sites.*         src/provider/calls.ts      tx.*                    src/tx/calls.ts
//   send.*                      src/send/calls.ts          balances.* activity.*   src/balances/calls.ts
//   tokens.*                    src/tokens/calls.ts        networks.*              src/chains/calls.ts
//   bridge.*                    src/bridge/calls.ts        claim.*                 src/claim/calls.ts
//   flows.*                     src/flows/calls.ts         simulate.*              src/simulate/calls.ts
//   typed.*                     src/typed/calls.ts         names.*                 src/names/calls.ts
//   allowances.*                src/allowances/calls.ts
//
// Only background/ (the server, src/core.ts) and ui/ (the typed client) import this file.
import { allowancesContracts } from './allowances/calls.ts'
import { balancesContracts } from './balances/calls.ts'
import { bridgeContracts } from './bridge/calls.ts'
import { networksContracts } from './chains/calls.ts'
import { claimContracts } from './claim/calls.ts'
import { flowsContracts } from './flows/calls.ts'
import { keyringContracts } from './keyring/calls.ts'
import { namesContracts } from './names/calls.ts'
import { providerContracts } from './provider/calls.ts'
import { sendContracts } from './send/calls.ts'
import { simulateContracts } from './simulate/calls.ts'
import { tokensContracts } from './tokens/calls.ts'
import { txContracts } from './tx/calls.ts'
import { typedContracts } from './typed/calls.ts'
import { walletContracts } from './wallet/calls.ts'
import { contractCheck, passiveCalls, type CallsOf } from './wire/contract.ts'

export const UI_CONTRACTS = {
  ...walletContracts,
  ...keyringContracts,
  ...providerContracts,
  ...txContracts,
  ...sendContracts,
  ...balancesContracts,
  ...tokensContracts,
  ...networksContracts,
  ...bridgeContracts,
  ...claimContracts,
  ...flowsContracts,
  ...simulateContracts,
  ...typedContracts,
  ...namesContracts,
  ...allowancesContracts,
}

export type UiCalls = CallsOf<typeof UI_CONTRACTS>

/** Checks a call's params against its contract at the background's boundary. */
export const checkUiCall = contractCheck(UI_CONTRACTS)

/** Calls screens make on their own: not user activity, so an open screen does not hold the auto-lock off. */
export const PASSIVE_UI_CALLS = passiveCalls(UI_CONTRACTS)
