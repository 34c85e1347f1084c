// Token and network icons: the SVG markup the build took from @web3icons/core (scripts/build/icons.mjs)
// for the shipped tokens and chains, drawn inline in a box of the icon's size (nothing moves when it
// is drawn, and no image file is fetched and built as a document of its own), else the initial in a
// circle of a colour from the name. Decorative: the name is always written beside them.
declare const __ICONS__: { svgs: string[]; tokens: Record<string, number>; chains: Record<string, number> } | undefined
const ICONS = typeof __ICONS__ !== 'undefined' ? __ICONS__ : { svgs: [], tokens: {}, chains: {} }

function hue(s: string): number {
  let h = 0
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 360
  return h
}

function Initial({ text, size, square }: { text: string; size: number; square?: boolean }) {
  return (
    <span class={`icon-initial${square ? ' square' : ''}`} aria-hidden="true" style={{ width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.45)}px`, background: `hsl(${hue(text)} 50% 45%)` }}>
      {text.replace(/^Devnet\s+/, '').slice(0, square ? 2 : 1)}
    </span>
  )
}

/** The build's own markup (never a page's or a chain's), so it is set as HTML. */
function Svg({ markup, size, chain, name }: { markup: string; size: number; chain?: boolean; name: string }) {
  return <span class={`icon-img${chain ? ' chain' : ''}`} data-icon={name} aria-hidden="true" style={{ width: `${size}px`, height: `${size}px` }} dangerouslySetInnerHTML={{ __html: markup }} />
}

export function TokenIcon({ id, symbol, size = 28 }: { id: string; symbol: string; size?: number }) {
  const i = Object.hasOwn(ICONS.tokens, id) ? ICONS.tokens[id] : undefined
  if (i === undefined) return <Initial text={symbol} size={size} />
  return <Svg markup={ICONS.svgs[i]} size={size} name={`t/${id}`} />
}

export function ChainIcon({ chainId, name, size = 16 }: { chainId: number; name: string; size?: number }) {
  const i = Object.hasOwn(ICONS.chains, String(chainId)) ? ICONS.chains[String(chainId)] : undefined
  if (i === undefined) return <Initial text={name} size={size} square />
  return <Svg markup={ICONS.svgs[i]} size={size} chain name={`c/${chainId}`} />
}
