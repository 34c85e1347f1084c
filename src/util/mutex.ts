// One operation at a time, in arrival order: two windows unlocking at once, an unlock racing a
// password change, two approvals resolving together all run against the state the previous one left.
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn)
    this.tail = result.catch(() => undefined)
    return result
  }
}
