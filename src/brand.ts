// The wallet's name and mark, as dApps see them through EIP-6963.
export const WALLET_NAME = 'Rollup Wallet'
export const WALLET_RDNS = 'io.rollupwallet'
/** Two layers: Ethereum below, the rollup above. Same shapes as the PNG icons (scripts/icons.mjs). */
export const WALLET_ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96"><rect width="96" height="96" rx="22" fill="#4f3bd9"/>' +
  '<path d="M18 58 48 74 78 58 48 42Z" fill="#b7abff"/><path d="M18 38 48 54 78 38 48 22Z" fill="#ffffff"/></svg>'
export const WALLET_ICON_DATA_URI = 'data:image/svg+xml;base64,' + btoa(WALLET_ICON_SVG)
