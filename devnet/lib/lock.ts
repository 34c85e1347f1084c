// A promise-chain mutex: run(f) waits for every earlier run to settle, then runs f.
export class Lock {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(f: () => Promise<T>): Promise<T> {
    const result = this.tail.then(f, f)
    this.tail = result.catch(() => undefined)
    return result
  }
}
