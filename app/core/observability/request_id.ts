import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { HttpContext } from '@adonisjs/core/http'

/*
 * The id of the request being served, or of the request that caused the job
 * being run. Every log line written meanwhile carries it (config/logger.ts),
 * and jobs enqueued meanwhile keep it (jobs.request_id), so one search
 * follows a request from the load balancer to the mail it sent.
 */
const jobStorage = new AsyncLocalStorage<string | null>()

/** Ids a load balancer or a client may hand us: short, printable, nothing a log line could be forged with. */
const SANE_REQUEST_ID = /^[\w.:@-]{1,128}$/

/** The X-Request-Id received when it is sane, else a new one. */
export function requestIdFrom(header: string | string[] | undefined) {
  const value = Array.isArray(header) ? header[0] : header
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID()
}

/** Runs a job's work with the id of the request that caused it (null: none, e.g. a scheduled run). */
export function withRequestId<T>(requestId: string | null, work: () => T): T {
  return jobStorage.run(requestId, work)
}

/** The current request's id (set by RequestIdMiddleware), or the id the running job carries. */
export function currentRequestId(): string | null {
  const fromJob = jobStorage.getStore()
  if (fromJob !== undefined) return fromJob
  const id = HttpContext.get()?.request.header('x-request-id')
  return typeof id === 'string' ? id : null
}
