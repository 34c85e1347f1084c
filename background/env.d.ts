// Replaced at build time by build.mjs (esbuild `define`).
import type { DevnetManifest } from '../src/chains/devnet-manifest.ts'
declare global {
  const __DEVNET_MANIFEST__: DevnetManifest | null
  const __WALLET_VERSION__: string
}
export {}
