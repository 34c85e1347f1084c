// The simulation of a transaction the wallet prepared itself (the send screen's confirm, a flow's
// step), kept fresh every block, with its warnings.
import type { PreparedTx } from '../../../src/tx/types.ts'
import { TxPreview, useInsight } from './TxPreview.tsx'

export function SendPreview({ tx, blockTimeSeconds }: { tx: PreparedTx; blockTimeSeconds: number }) {
  const live = useInsight(tx, blockTimeSeconds)
  return <TxPreview tx={tx} live={live} />
}
