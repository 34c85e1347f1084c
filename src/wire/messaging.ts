// A typed client and server for a map of calls, over any `send` function. The background and the
// ui plug in browser.runtime.sendMessage; tests plug in a direct call.
import { toErrorShape, WalletError, type ErrorShape } from '../errors.ts'
import { isEnvelope, isReply, type Channel, type Envelope, type Reply } from './envelope.ts'

/** Any interface of calls: name -> { params, result } (and `input` when callers may send a looser shape than the handler gets). */
export type CallMap<M> = { [K in keyof M]: { params: unknown; result: unknown } }

/** What a caller sends for a call. */
export type InputOf<C> = C extends { input: infer I } ? I : C extends { params: infer P } ? P : never

export type Send = (envelope: Envelope) => Promise<unknown>

export interface ClientOptions {
  timeoutMs?: number
}

export const DEFAULT_CALL_TIMEOUT_MS = 15_000

/** A client for one channel: `call('app.ping', {})` resolves to the typed result or rejects with a WalletError. */
export function createClient<M extends CallMap<M>>(channel: Channel, send: Send, opts: ClientOptions = {}) {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS
  return async function call<K extends keyof M & string>(name: K, params: InputOf<M[K]>, callOpts: ClientOptions = {}): Promise<M[K]['result']> {
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

export type Handlers<M extends CallMap<M>, Ctx = null> = {
  [K in keyof M]: (params: M[K]['params'], ctx: Ctx) => Promise<M[K]['result']> | M[K]['result']
}

/** Checks a call's params at the boundary: returns them (possibly normalised) or throws a coded WalletError. */
export type ParamsCheck = (call: string, params: unknown) => unknown

/**
 * A server for one channel. `handle` never throws: every failure becomes `{ ok: false, error }`.
 * With `check`, every call's params are checked against its contract before its handler runs.
 */
export function createServer<M extends CallMap<M>, Ctx>(channel: Channel, handlers: Handlers<M, Ctx>, opts: { check?: ParamsCheck } = {}) {
  const names = new Set(Object.keys(handlers))
  return {
    accepts(msg: unknown): msg is Envelope {
      return isEnvelope(msg) && msg.channel === channel
    },
    async handle(msg: unknown, ctx: Ctx): Promise<Reply> {
      if (!isEnvelope(msg) || msg.channel !== channel) return fail({ code: 'BAD_MESSAGE', message: 'Malformed message.' })
      if (!names.has(msg.call)) return fail({ code: 'UNKNOWN_CALL', message: `Unknown call "${msg.call}".` })
      try {
        const params = opts.check ? opts.check(msg.call, msg.params) : msg.params
        const handler = handlers[msg.call as keyof M] as (p: unknown, c: Ctx) => unknown
        return { ok: true, result: await handler(params, ctx) }
      } catch (err) {
        return fail(toErrorShape(err))
      }
    },
  }
}

function fail(error: ErrorShape): Reply {
  return { ok: false, error }
}
