// One operation at a time: two windows unlocking at once, or an unlock racing a password change,
// run one after the other against the state the previous one left.
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn)
    this.tail = result.catch(() => undefined)
    return result
  }
}
