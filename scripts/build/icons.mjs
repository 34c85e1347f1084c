// Token and network icons from @web3icons/core (a maintained icon library), only those the shipped
// tokens and chains use, written as SVG files beside the pages (icons/t/<token id>.svg,
// icons/c/<chain id>.svg) so every page shares one copy and no bundle carries them. A token or chain
// without one here gets its initial in a circle (ui/components/TokenIcon.tsx).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** token id -> the library's branded token icon */
export const TOKEN_ICONS = { eth: 'ETH', weth: 'ETH', pha: 'PHA', vpha: 'PHA', usdc: 'USDC', usdt: 'USDT', dai: 'DAI' }
/** chain id -> the library's branded network icon, or a token icon for a chain it has none of */
export const CHAIN_ICONS = {
  1: ['networks', 'ethereum'],
  11155111: ['networks', 'ethereum'],
  10: ['networks', 'optimism'],
  11155420: ['networks', 'optimism'],
  8453: ['networks', 'base'],
  84532: ['networks', 'base'],
  57073: ['networks', 'ink'],
  763373: ['networks', 'ink'],
  2035: ['tokens', 'PHA'],
}

async function svg(kind, name) {
  const mod = await import(`@web3icons/core/svgs/${kind}/branded/${name}.svg.js`)
  return mod.default.replace(/\s*class="web3icons"/, '').replace(/\n\s*/g, '')
}

/** Writes the icons into `dir`/icons; returns their names for the UI's table. */
export async function writeIcons(dir) {
  mkdirSync(join(dir, 'icons', 't'), { recursive: true })
  mkdirSync(join(dir, 'icons', 'c'), { recursive: true })
  for (const [id, name] of Object.entries(TOKEN_ICONS)) writeFileSync(join(dir, 'icons', 't', `${id}.svg`), await svg('tokens', name))
  for (const [id, [kind, name]] of Object.entries(CHAIN_ICONS)) writeFileSync(join(dir, 'icons', 'c', `${id}.svg`), await svg(kind, name))
  return { tokens: Object.keys(TOKEN_ICONS), chains: Object.keys(CHAIN_ICONS).map(Number) }
}
