// Token and network icons from @web3icons/core (a maintained icon library), only those the shipped
// tokens and chains use, as the elements of each SVG (its attributes and its paths) that the pages
// draw inline as elements (ui/components/TokenIcon.tsx; each distinct icon once, in the chunk the
// pages share; never as HTML). Inline, not <img src="….svg">: each SVG file shown as an image is a
// document of its own that the page builds on its main thread (5 to 35 ms each on the popup's
// opening, measured), inline paths cost well under one. About 6 KB, 2.5 KB gzip. A token or chain
// without one here gets its initial in a circle.

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

const attrs = (text) => Object.fromEntries([...text.matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))

/** An icon's SVG as data: the <svg>'s viewBox and fill, and each <path>'s attributes (the library's icons have nothing else). */
function parse(markup) {
  const svg = /^<svg\b([^>]*)>(.*)<\/svg>$/s.exec(markup)
  if (!svg) throw new Error(`icons: not one <svg> element: ${markup.slice(0, 80)}`)
  const paths = []
  const rest = svg[2].replace(/<path\b([^>]*?)\/?>(<\/path>)?/g, (_, a) => {
    paths.push(attrs(a))
    return ''
  })
  if (rest.trim()) throw new Error(`icons: an element other than <path> in an icon: ${rest.slice(0, 80)}`)
  const { viewBox, fill } = attrs(svg[1])
  return { viewBox, fill, paths }
}

/** The icons: { svgs: [{ viewBox, fill, paths }], tokens: token id -> index in svgs, chains: chain id -> index in svgs } */
export async function iconMarkup() {
  const svgs = []
  const seen = []
  const at = (markup) => {
    const i = seen.indexOf(markup)
    if (i >= 0) return i
    svgs.push(parse(markup))
    return seen.push(markup) - 1
  }
  const tokens = {}
  const chains = {}
  for (const [id, name] of Object.entries(TOKEN_ICONS)) tokens[id] = at(await svg('tokens', name))
  for (const [id, [kind, name]] of Object.entries(CHAIN_ICONS)) chains[id] = at(await svg(kind, name))
  return { svgs, tokens, chains }
}
