// browser.alarms, shared: each service registers the alarms it owns by name; the background hands
// every alarm that rings to dispatch(). Alarms survive service-worker restarts; handlers do not,
// which is why they are registered again in each service's constructor at every start.
export type AlarmHandler = () => Promise<void>

export class AlarmRouter {
  private readonly handlers = new Map<string, AlarmHandler>()

  on(name: string, handler: AlarmHandler): void {
    if (this.handlers.has(name)) throw new Error(`alarm "${name}" already has a handler`)
    this.handlers.set(name, handler)
  }

  async dispatch(name: string): Promise<boolean> {
    const h = this.handlers.get(name)
    if (!h) return false
    await h()
    return true
  }
}
