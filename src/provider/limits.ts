// What keeps one site from wearing the wallet (or the user) down, per site (registrable domain):
//  - FetchBudget: a site that is not yet approved can make the background fetch from the network
//    (wallet_addEthereumChain asks each proposed RPC for its chain id, wallet_watchAsset reads the
//    token) only a few times in a while, and only a few such checks run at once in all;
//  - Cooldown: after the user rejected several of a site's requests in a short time, the site waits
//    before it may ask again (longer each time it insists).
// Both live in the worker's memory: a restart forgets them, which costs an attacker a restart.

export const FETCH_BUDGET = {
  /** fetching requests a site may start per window */
  perSite: 4,
  windowMs: 10_000,
  /** fetching requests running at once, all sites together */
  concurrent: 4,
} as const

export const COOLDOWN = {
  /** this many rejections within windowMs start a cooldown */
  rejections: 3,
  windowMs: 60_000,
  firstMs: 30_000,
  maxMs: 10 * 60_000,
} as const

export class FetchBudget {
  private readonly starts = new Map<string, number[]>()
  private running = 0

  constructor(private readonly now: () => number) {}

  /** Runs `fn` if the site has budget left, else resolves null at once (the caller answers -32005). */
  async run<T>(site: string, fn: () => Promise<T>): Promise<{ value: T } | null> {
    const t = this.now()
    const recent = (this.starts.get(site) ?? []).filter((s) => t - s < FETCH_BUDGET.windowMs)
    if (recent.length >= FETCH_BUDGET.perSite || this.running >= FETCH_BUDGET.concurrent) {
      this.starts.set(site, recent)
      return null
    }
    recent.push(t)
    this.starts.set(site, recent)
    if (this.starts.size > 1000) this.prune(t)
    this.running++
    try {
      return { value: await fn() }
    } finally {
      this.running--
    }
  }

  private prune(t: number): void {
    for (const [site, list] of this.starts) if (!list.some((s) => t - s < FETCH_BUDGET.windowMs)) this.starts.delete(site)
  }
}

export class Cooldown {
  private readonly rejected = new Map<string, number[]>()
  private readonly until = new Map<string, { until: number; next: number }>()

  constructor(private readonly now: () => number) {}

  /** ms the site must still wait (0: it may ask). */
  waitFor(site: string): number {
    const c = this.until.get(site)
    return c ? Math.max(0, c.until - this.now()) : 0
  }

  /** The user rejected `count` of the site's requests; resolves whether a cooldown started. */
  noteRejected(site: string, count = 1): boolean {
    const t = this.now()
    const recent = [...(this.rejected.get(site) ?? []).filter((s) => t - s < COOLDOWN.windowMs), ...Array(count).fill(t)]
    this.rejected.set(site, recent)
    if (recent.length < COOLDOWN.rejections) return false
    this.start(site)
    return true
  }

  /** Starts (or lengthens) the site's cooldown at once: the user rejected all of its requests. */
  start(site: string): void {
    const t = this.now()
    const prev = this.until.get(site)
    const length = prev ? Math.min(prev.next, COOLDOWN.maxMs) : COOLDOWN.firstMs
    this.until.set(site, { until: t + length, next: Math.min(length * 2, COOLDOWN.maxMs) })
    this.rejected.delete(site)
    if (this.until.size > 1000) for (const [s, c] of this.until) if (c.until < t - COOLDOWN.maxMs) this.until.delete(s)
  }

  /** The user approved one of the site's requests: it starts afresh. */
  forgive(site: string): void {
    this.rejected.delete(site)
    this.until.delete(site)
  }
}
