// Token and network icons: the SVG markup the build took from @web3icons/core (scripts/build/icons.mjs)
// for the shipped tokens and chains, drawn inline as SVG elements of the icon's size (nothing moves
// when it is drawn, and no image file is fetched and built as a document of its own), else the
// initial in a circle of a colour from the name. Decorative: the name is always written beside them.
interface IconSvg {
  viewBox: string
  fill?: string
  /** each path's attributes as the library wrote them (d, fill, fill-rule, clip-rule, …) */
  paths: Record<string, string>[]
}
declare const __ICONS__: { svgs: IconSvg[]; tokens: Record<string, number>; chains: Record<string, number> } | undefined
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

function Svg({ icon, size, chain, name }: { icon: IconSvg; size: number; chain?: boolean; name: string }) {
  return (
    <svg class={`icon-img${chain ? ' chain' : ''}`} data-icon={name} aria-hidden="true" width={size} height={size} viewBox={icon.viewBox} fill={icon.fill}>
      {icon.paths.map((p, i) => (
        <path key={i} {...p} />
      ))}
    </svg>
  )
}

export function TokenIcon({ id, symbol, size = 28 }: { id: string; symbol: string; size?: number }) {
  const i = Object.hasOwn(ICONS.tokens, id) ? ICONS.tokens[id] : undefined
  if (i === undefined) return <Initial text={symbol} size={size} />
  return <Svg icon={ICONS.svgs[i]} size={size} name={`t/${id}`} />
}

export function ChainIcon({ chainId, name, size = 16 }: { chainId: number; name: string; size?: number }) {
  const i = Object.hasOwn(ICONS.chains, String(chainId)) ? ICONS.chains[String(chainId)] : undefined
  if (i === undefined) return <Initial text={name} size={size} square />
  return <Svg icon={ICONS.svgs[i]} size={size} chain name={`c/${chainId}`} />
}
