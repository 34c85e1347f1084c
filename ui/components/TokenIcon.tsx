// Token and network icons: the files the build wrote from @web3icons/core (scripts/build/icons.mjs)
// for the shipped tokens and chains, else the initial in a circle of a colour from the name.
// Decorative: the name is always written beside them.
declare const __ICONS__: { tokens: string[]; chains: number[] } | undefined
const ICONS = typeof __ICONS__ !== 'undefined' ? __ICONS__ : { tokens: [], chains: [] }

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

export function TokenIcon({ id, symbol, size = 28 }: { id: string; symbol: string; size?: number }) {
  if (!ICONS.tokens.includes(id)) return <Initial text={symbol} size={size} />
  return <img class="icon-img" src={`icons/t/${id}.svg`} width={size} height={size} alt="" aria-hidden="true" />
}

export function ChainIcon({ chainId, name, size = 16 }: { chainId: number; name: string; size?: number }) {
  if (!ICONS.chains.includes(chainId)) return <Initial text={name} size={size} square />
  return <img class="icon-img chain" src={`icons/c/${chainId}.svg`} width={size} height={size} alt="" aria-hidden="true" />
}
