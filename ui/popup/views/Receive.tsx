// Receive: the full EIP-55 address (grouped for comparing by eye), a copy button and a QR code.
import type { AccountInfo } from '../../../src/keyring/accounts.ts'
import { groupedAddress } from '../../lib/format.ts'
import { CopyButton } from '../../components/CopyButton.tsx'
import { QrCode } from '../../components/QrCode.tsx'

export function Receive({ account }: { account: AccountInfo }) {
  return (
    <section class="receive">
      <h1>Receive</h1>
      <p class="muted">
        Send to <strong>{account.name}</strong> on Ethereum or any of its rollups: the address is the same on every chain.
      </p>
      <div class="qr-frame">
        <QrCode value={account.address} label={`QR code of the address ${account.address}`} size={168} />
      </div>
      <p class="mono address receive-address" data-testid="receive-address" aria-label={account.address}>
        {groupedAddress(account.address)}
      </p>
      <CopyButton text={account.address} label="Copy address" class="primary block-ish" />
      <p class="muted small-print">Check the first and last characters on the sender's screen before they send.</p>
      <p>
        <a href="#/home">Back</a>
      </p>
    </section>
  )
}
