// A typed client and server for the calls in messages.ts, over any `send` function. The
// background and the ui plug in browser.runtime.sendMessage; tests plug in a direct call.
import { toErrorShape, WalletError, type ErrorShape } from './errors.ts'
import { isEnvelope, type Channel, type Envelope, type Reply } from './messages.ts'

/** Any interface of calls: name -> { params, result }. */
export type CallMap<M> = { [K in keyof M]: { params: unknown; result: unknown } }

export type Send = (envelope: Envelope) => Promise<unknown>

export interface ClientOptions {
  timeoutMs?: number
}

export const DEFAULT_CALL_TIMEOUT_MS = 15_000

/** A client for one channel: `call('app.ping', {})` resolves to the typed result or rejects with a WalletError. */
export function createClient<M extends CallMap<M>>(channel: Channel, send: Send, opts: ClientOptions = {}) {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS
  return async function call<K extends keyof M & string>(name: K, params: M[K]['params'], callOpts: ClientOptions = {}): Promise<M[K]['result']> {
    const limit = callOpts.timeoutMs ?? timeoutMs
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WalletError('TIMEOUT', `The wallet did not answer "${name}" within ${Math.round(limit / 1000)} s. Try again; if it keeps happening, reload the extension.`)), limit)
    })
    try {
      const reply = await Promise.race([send({ channel, call: name, params }), timeout])
      if (!isReply(reply)) throw new WalletError('BAD_REPLY', `The wallet sent an unreadable answer to "${name}".`)
      if (reply.ok) return reply.result as M[K]['result']
      throw new WalletError(reply.error.code, reply.error.message, reply.error.data)
    } catch (err) {
      if (err instanceof WalletError) throw err
      // The browser rejects when no listener answered (e.g. the background is restarting).
      throw new WalletError('UNREACHABLE', `The wallet's background did not answer "${name}": ${toErrorShape(err).message}`)
    } finally {
      clearTimeout(timer)
    }
  }
}

export type Handlers<M extends CallMap<M>, Ctx> = {
  [K in keyof M]: (params: M[K]['params'], ctx: Ctx) => Promise<M[K]['result']> | M[K]['result']
}

/** A server for one channel. `handle` never throws: every failure becomes `{ ok: false, error }`. */
export function createServer<M extends CallMap<M>, Ctx>(channel: Channel, handlers: Handlers<M, Ctx>) {
  const names = new Set(Object.keys(handlers))
  return {
    accepts(msg: unknown): msg is Envelope {
      return isEnvelope(msg) && msg.channel === channel
    },
    async handle(msg: unknown, ctx: Ctx): Promise<Reply> {
      if (!isEnvelope(msg) || msg.channel !== channel) return fail({ code: 'BAD_MESSAGE', message: 'Malformed message.' })
      if (!names.has(msg.call)) return fail({ code: 'UNKNOWN_CALL', message: `Unknown call "${msg.call}".` })
      try {
        const handler = handlers[msg.call as keyof M] as (p: unknown, c: Ctx) => unknown
        return { ok: true, result: await handler(msg.params, ctx) }
      } catch (err) {
        return fail(toErrorShape(err))
      }
    },
  }
}

function fail(error: ErrorShape): Reply {
  return { ok: false, error }
}

function isReply(x: unknown): x is Reply {
  if (!x || typeof x !== 'object') return false
  const r = x as { ok?: unknown; error?: unknown }
  if (r.ok === true) return true
  return r.ok === false && !!r.error && typeof r.error === 'object' && 'message' in r.error
}
