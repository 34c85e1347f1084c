// The route in a page's location hash: "#/send?x=1" -> "send?x=1", "" or "#/" -> the fallback. No
// imports: the popup's boot step (ui/popup/boot.ts) reads it before the script's other modules run.
export function routeOf(hash: string, fallback: string): string {
  return hash.replace(/^#\/?/, '') || fallback
}

/** The route's name without its query: "#/activity?tx=0x…" -> "activity". */
export function routeName(hash: string, fallback: string): string {
  return routeOf(hash, fallback).split('?')[0] || fallback
}
