// Which networks the lists show: mainnets always; testnets and the devnet only with the switch on
// (Settings → Networks; on by default in builds for the local devnet). The network in use stays
// listed whatever the switch says.
export function shownNetworks<N extends { chainId: number; testnet?: boolean | undefined }>(all: N[], showTestnets: boolean, keep: (number | null | undefined)[] = []): N[] {
  return all.filter((n) => showTestnets || !n.testnet || keep.includes(n.chainId))
}
